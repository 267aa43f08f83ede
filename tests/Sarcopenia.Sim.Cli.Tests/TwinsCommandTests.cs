using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli.Tests;

public sealed class TwinsCommandTests
{
    [Fact]
    public void Twins_PrintsTheAceFitByAgeAndSex_AndWritesTheWideFile()
    {
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("twins", "--pairs", "900", "--ages", "40,70", "--traits", "grip", "--threads", "1", "--no-intervals", "--out", folder["twins.csv"], "--charts", folder["charts"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("900 twin pairs", result.Output);
        Assert.Contains("grip: ACE (95% profile CI)", result.Output);
        Assert.Contains("Female", result.Output);
        TwinPairs data = TwinCsv.Read(folder["twins.csv"]);
        Assert.Equal([40.0, 70.0], data.Age.Distinct().Order());
        Assert.Equal(Simulation.TwinTraits, data.Traits.Select(t => t.Name));
        Assert.Contains(data.Genotypes, g => g.Name == "rs1815739");
        Assert.True(File.Exists(Path.Combine(folder["charts"], "heritability-grip.png")));
        Assert.True(File.Exists(Path.Combine(folder["charts"], "twin-scatter-grip-40.png")));
    }

    [Theory]
    [InlineData("--pairs 5", "--pairs")]
    [InlineData("--ages 60,40", "--ages 60,40")]
    [InlineData("--ages 20,40", "--ages 20,40")]
    [InlineData("--traits grip,strength", "--traits grip,strength")]
    public void Twins_BadOptions_AreRefusedByName(string options, string named)
    {
        CliResult result = Sarcosim.Run(["twins", .. options.Split(' ')]);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(named, result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public void Twins_OutputInAMissingFolder_IsRefused()
    {
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("twins", "--pairs", "30", "--out", Path.Combine(folder.Path, "missing", "twins.csv"));
        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }
}
