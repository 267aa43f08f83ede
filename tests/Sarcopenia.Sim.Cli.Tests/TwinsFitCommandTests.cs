using System.Globalization;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Cli.Tests;

public sealed class TwinsFitCommandTests
{
    [Fact]
    public void TwinsFit_PrintsTheModelTable_AndWritesTheSameFitsAsTheLibrary()
    {
        using var folder = new TempFolder();
        string file = WriteTwins(folder, "twins.csv", pairs: 600);

        CliResult result = Sarcosim.Run("twins-fit", file, "--models", "ACE,AE,E", "--out", folder["fit.csv"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("grip, all: 300 MZ, 300 DZ same-sex, 0 DZ opposite-sex pairs", result.Output);
        Assert.Contains("Standardized components (95% profile CI)", result.Output);
        Assert.Contains("Fit and likelihood-ratio tests", result.Output);
        TwinModelTable table = TwinModels.FitAll(TwinCsv.Read(file), [TwinModel.Ace, TwinModel.Ae, TwinModel.E]);
        TwinFit ace = table[TwinModel.Ace]!;
        Assert.Contains(ace.Proportion(VarianceComponent.Additive).ToString("0.000", CultureInfo.InvariantCulture), result.Output);
        Assert.Contains(ace.MinusTwoLogLikelihood.ToString("0.00", CultureInfo.InvariantCulture), result.Output);

        string[] lines = File.ReadAllLines(folder["fit.csv"]);
        Assert.Equal(TwinFitCsv.Header, lines[0]);
        Assert.Equal(4, lines.Length);
        string[] aceRow = lines[1].Split(',');
        string[] header = lines[0].Split(',');
        Assert.Equal("ACE", aceRow[Array.IndexOf(header, "model")]);
        Assert.Equal(ace.Proportion(VarianceComponent.Additive), double.Parse(aceRow[Array.IndexOf(header, "a2")], CultureInfo.InvariantCulture), 1e-7);
        Assert.Equal("0", aceRow[Array.IndexOf(header, "d2")]);
        Assert.Equal("ACE", lines[2].Split(',')[Array.IndexOf(header, "against")]);
    }

    [Fact]
    public void TwinsFit_BySexAndAgeBand_FitsEachSubgroupAndSkipsTooSmallOnes()
    {
        using var folder = new TempFolder();
        string file = WriteTwins(folder, "twins.csv", pairs: 800);

        CliResult result = Sarcosim.Run("twins-fit", file, "--by", "sex", "--age-bands", "40,88", "--models", "AE", "--no-intervals");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("grip, Female, age 40-88:", result.Output);
        Assert.Contains("grip, Male, age 88+:", result.Output);
        Assert.Contains("skipped: ", result.Output);
        Assert.True(File.Exists(folder["twins.fit.csv"]), "the table goes beside the input by default");
        Assert.Equal(3, File.ReadAllLines(folder["twins.fit.csv"]).Length);
    }

    [Theory]
    [InlineData(new[] { "--models", "ACDE" }, "--models ACDE is not allowed; expected a comma-separated list from ACE,ADE,AE,CE,E, e.g. ACE,AE.")]
    [InlineData(new[] { "--by", "height" }, "--by height is not allowed; expected a comma-separated list from sex, ageband, ancestry, e.g. sex,ageband.")]
    [InlineData(new[] { "--age-bands", "60,40" }, "--age-bands 60,40 is not allowed; expected ages in strictly ascending order, comma-separated, e.g. 40,60,80.")]
    [InlineData(new[] { "--trait", "gait" }, "--trait gait is not allowed; expected one of the traits in ")]
    public void TwinsFit_BadOptions_SayWhatIsAllowed(string[] options, string message)
    {
        using var folder = new TempFolder();
        string file = WriteTwins(folder, "twins.csv", pairs: 40);

        CliResult result = Sarcosim.Run(["twins-fit", file, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"sarcosim: {message}", result.Error);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void TwinsFit_MixedZygosityCodes_NamesTheFileLineAndColumn()
    {
        using var folder = new TempFolder();
        string file = folder.Write("mixed.csv", "zygosity,sex_T1,sex_T2,age,ancestry,grip_T1,grip_T2\nMZ,F,F,60,European,30,31\n2,F,F,60,European,28,33\n");

        CliResult result = Sarcosim.Run("twins-fit", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"sarcosim: {file}, line 3, column 'zygosity': '2' is in the numeric 1/2/3 codes, but line 2 used the MZ/DZ/DZOS codes; a file must use one code system.\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TwinsFit_TooFewPairs_SaysHowManyAreNeeded()
    {
        using var folder = new TempFolder();
        string file = WriteTwins(folder, "few.csv", pairs: 12);

        CliResult result = Sarcosim.Run("twins-fit", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("skipped: 6 monozygotic and 6 dizygotic pairs; at least 10 of each are needed.", result.Output);
    }

    /// <summary>Writes pairs of women and men aged 40-90, half monozygotic, with grip of a² 0.5, c² 0.2, e² 0.3.</summary>
    private static string WriteTwins(TempFolder folder, string name, int pairs)
    {
        TwinPairs data = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = pairs / 2, DizygoticPairs = pairs - pairs / 2, MaleDifference = 15 }, seed: 17);
        string path = folder[name];
        TwinCsv.Write(data, path);
        return path;
    }
}
