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
    public void RunCharts_TheReadmeScenario_WritesTablesAndTheWomensCharts()
    {
        using var folder = new TempFolder();
        string readme = File.ReadAllText(Repository.PathOf("README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        string scenario = folder.Write("readme-example.json", readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)]);

        // Fewer people than the README's 200,000 keep the test quick; the cohort is otherwise the README's own.
        CliResult result = Sarcosim.Run("run", scenario, "--people", "3000", "--charts", "--out", folder["x"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(folder["x"], RunOutputs.PrevalenceFile)));
        string[] charts = [.. Directory.EnumerateFiles(Path.Combine(folder["x"], RunCommand.ChartsFolder)).Select(Path.GetFileName)!];
        Assert.Contains("loss-rates.png", charts);
        Assert.Contains("stages-female.png", charts);
        Assert.DoesNotContain(charts, name => name.Contains("-male", StringComparison.Ordinal));
        Assert.Contains("no men, so no charts of them were drawn", result.Error);
    }

    [Fact]
    public void ChartAll_FromARunWithoutEveryHistogram_DrawsTheRestAndSaysWhatWasSkipped()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Sarcosim.Run("run", "--people", "1000", "--out", folder["out"]).ExitCode);

        CliResult result = Sarcosim.Run("chart", "all", "--from", folder["out"], "--format", "png");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("skipped the \"loss-rates\" charts: they need the histogram of LossRate", result.Error);
        string[] written = [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        Assert.Equal(Directory.EnumerateFiles(Path.Combine(folder["out"], RunCommand.ChartsFolder)).Order(), written.Order());
        Assert.Contains(written, path => path.EndsWith("stages-male.png", StringComparison.Ordinal));
    }

    [Fact]
    public void Chart_OutIsAFile_ExitsThree()
    {
        using var folder = new TempFolder();
        string file = folder.Write("plain-file", "x");

        CliResult result = Sarcosim.Run("chart", "stages", "--people", "500", "--out", file);

        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("is a file, not a folder", result.Error);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Chart_FormatNone_ExitsTwo()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("chart", "stages", "--people", "500", "--out", folder["images"], "--format", "None");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--format None is not allowed; expected one of Png, Svg, All.", result.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void ChartDrawing_AFailingKind_IsReportedAndTheOthersAreDrawn()
    {
        using var folder = new TempFolder();
        SimulationResult result = Simulation.Run(RunCommand.WithChartHistograms(ScenarioFile.Parse(ScenarioInput.DefaultScenarioJson(), "default", new ScenarioOverrides(People: 500))));

        // A zero-pixel image cannot be rendered: every kind fails, and each failure is collected, not thrown.
        ChartOutcome failed = ChartDrawing.Draw([ChartCatalog.Stages, ChartCatalog.LossRates], result, new ChartInputsBuilder(threads: 1), folder.Path, ChartFormat.Png, new ChartOptions { Width = 0 }, CancellationToken.None);
        ChartOutcome drawn = ChartDrawing.Draw([ChartCatalog.Stages], result, new ChartInputsBuilder(threads: 1), folder.Path, ChartFormat.Png, new ChartOptions(), CancellationToken.None);

        Assert.Equal(2, failed.Failures.Count);
        Assert.All(failed.Failures, f => Assert.StartsWith("could not draw the \"", f));
        Assert.Equal(ExitCodes.ChartsIncomplete, failed.ExitCode);
        Assert.Equal(ExitCodes.Success, drawn.ExitCode);
        Assert.Equal(2, drawn.Written.Count);
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
