using System.Text.Json;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;

namespace Sarcopenia.Sim.Cli.Tests;

public sealed class ChartCommandTests
{
    [Fact]
    public void RunCharts_WritesEveryKindIntoTheOutputFolder_AndListsThemInTheManifest()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("run", "--people", "2000", "--out", folder["out"], "--charts");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] charts = [.. Directory.EnumerateFiles(Path.Combine(folder["out"], RunCommand.ChartsFolder)).Select(Path.GetFileName)!];
        foreach (ChartKind kind in ChartCatalog.All)
        {
            Assert.Contains(charts, name => name.StartsWith(kind.Name, StringComparison.Ordinal) && name.EndsWith(".png", StringComparison.Ordinal));
            Assert.Contains(charts, name => name.StartsWith(kind.Name, StringComparison.Ordinal) && name.EndsWith(".svg", StringComparison.Ordinal));
        }

        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder["out"], RunOutputs.ManifestFile)));
        string[] listed = [.. manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];
        Assert.Contains("charts/stages-female.png", listed);
        Assert.Contains(ResultsFile.DefaultFileName, listed);
        Assert.Equal(["out"], folder.Entries());
    }

    [Fact]
    public void RunCharts_WithoutOut_ExitsTwo()
    {
        CliResult result = Sarcosim.Run("run", "--people", "100", "--charts");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--charts needs --out", result.Error);
    }

    [Fact]
    public void Chart_FromAnEarlierRun_DrawsOneKind()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Sarcosim.Run("run", "--people", "1000", "--out", folder["out"]).ExitCode);

        CliResult result = Sarcosim.Run("chart", "stages", "--from", folder["out"], "--format", "Png");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["stages-female.png", "stages-male.png"],
            Directory.EnumerateFiles(Path.Combine(folder["out"], RunCommand.ChartsFolder)).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Chart_FromTheDefaultScenario_RunsItAndDrawsOneKind()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("chart", "stages", "--people", "1000", "--out", folder["images"], "--format", "Png");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["stages-female.png", "stages-male.png"], Directory.EnumerateFiles(folder["images"]).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Chart_FromAScenario_WithoutOut_ExitsTwo()
    {
        CliResult result = Sarcosim.Run("chart", "stages", "--people", "1000");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("give --out", result.Error);
    }

    [Fact]
    public void Chart_FromAndAScenarioTogether_ExitsTwo()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("chart", "stages", "--from", folder["out"], "--people", "1000");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("not both", result.Error);
    }

    [Fact]
    public void Chart_KindNeedingMissingHistograms_ExitsTwoAndSaysHowToGetThem()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Sarcosim.Run("run", "--people", "1000", "--out", folder["out"]).ExitCode);

        CliResult result = Sarcosim.Run("chart", "loss-rates", "--from", folder["out"]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("run --charts", result.Error);
    }

    [Theory]
    [InlineData("stagez", "Unknown chart kind \"stagez\"")]
    [InlineData("all", "Cannot read")]
    public void Chart_BadInput_ExitsTwo(string kind, string expected)
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("chart", kind, "--from", folder["missing"]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Empty(folder.Entries());
    }
}
