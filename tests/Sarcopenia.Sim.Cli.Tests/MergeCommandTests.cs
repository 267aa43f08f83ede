using System.Diagnostics;
using System.Text.Json;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary><c>sarcosim run --shard k/N</c> and <c>sarcosim merge</c>: shards add up to the single run bit for bit, charts included, and merges that do not belong are refused.</summary>
public sealed class MergeCommandTests
{
    // Small cohorts keep each end-to-end run well under a second; the engine's shard arithmetic is tested in the core.
    private const string People = "2000";

    private static readonly string[] s_tables = [RunOutputs.PrevalenceFile, RunOutputs.TraitsFile, RunOutputs.DeathsFile, RunOutputs.ScenarioFileName];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void MergedShards_WriteTheSameOutputsAsTheSingleRun(int shards)
    {
        using var folder = new TempFolder();
        Succeed("run", "--people", People, "--seed", "3", "--out", folder["single"]);
        for (int k = 0; k < shards; k++)
        {
            // Threads differ from shard to shard and from the single run: the tables must not notice.
            Succeed("run", "--people", People, "--seed", "3", "--threads", (1 + k % 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "--shard", $"{k}/{shards}", "--out", folder[$"shard-{k}"]);
        }

        CliResult merge = Succeed(["merge", .. Enumerable.Range(0, shards).Reverse().Select(k => folder[$"shard-{k}"]), "--out", folder["merged"]]);

        Assert.Contains($"merged {shards} partial results: 2,000 of 2,000 people", merge.Output);
        foreach (string name in s_tables)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single"], name)), File.ReadAllBytes(Path.Combine(folder["merged"], name)));
        }

        SimulationResult single = ResultsFile.Read(Path.Combine(folder["single"], ResultsFile.DefaultFileName));
        SimulationResult merged = ResultsFile.Read(Path.Combine(folder["merged"], ResultsFile.DefaultFileName));
        Assert.True(single.TablesEqual(merged));
        Assert.True(merged.IsComplete);
        Assert.Equal(TablesChecksum(folder["single"]), TablesChecksum(folder["merged"]));
    }

    [Fact]
    public void Shard_WritesOnlyItsPartialResults_AndAManifestThatSaysWhich()
    {
        using var folder = new TempFolder();
        Assert.Contains("--shard 1/4 needs --out DIR", Refused("run", "--people", People, "--shard", "1/4"));
        CliResult result = Succeed("run", "--people", People, "--shard", "1/4", "--out", folder["shard"]);

        Assert.Equal(
            [RunOutputs.ManifestFile, ResultsFile.DefaultFileName, RunOutputs.ScenarioFileName],
            Directory.EnumerateFiles(folder["shard"]).Select(Path.GetFileName).Order());
        Assert.Contains("people 500–999 of 2,000 people", result.Output);
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder["shard"], RunOutputs.ManifestFile)));
        Assert.Equal("1/4", manifest.RootElement.GetProperty("shard").GetString());
        Assert.Equal(500, manifest.RootElement.GetProperty("people").GetInt64());
        Assert.False(ResultsFile.Read(Path.Combine(folder["shard"], ResultsFile.DefaultFileName)).IsComplete);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("1")]
    [InlineData("0/2000000")]
    public void Shard_BadValue_ExitsTwoNamingTheOptionValueAndWhatIsAllowed(string value)
    {
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("run", "--people", People, "--shard", value, "--out", folder["out"]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains($"--shard {value} is not allowed; expected k/N", result.Error);
        Assert.Contains("from 1 to 1,048,576, and k from 0 to N-1", result.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Merge_RefusesMissingRepeatedForeignAndDamagedShards_NamingThem()
    {
        using var folder = new TempFolder();
        foreach (string k in new[] { "0", "1", "2" })
        {
            Succeed("run", "--people", People, "--seed", "5", "--shard", $"{k}/3", "--out", folder[$"s{k}"]);
        }

        Succeed("run", "--people", People, "--seed", "6", "--shard", "1/3", "--out", folder["seed6"]);
        string s0 = Path.Combine(folder["s0"], ResultsFile.DefaultFileName);
        string s1 = Path.Combine(folder["s1"], ResultsFile.DefaultFileName);
        string foreign = Path.Combine(folder["seed6"], ResultsFile.DefaultFileName);

        Assert.Contains("no partial result holds people 666–1,332 (667 of 2,000 people missing)", Refused("merge", folder["s0"], folder["s2"], "--out", folder["m"]));
        Assert.Contains($"{foreign} is not part of the same run as {s0} (seed 6 instead of 5)", Refused("merge", folder["s0"], folder["seed6"], folder["s2"], "--out", folder["m"]));
        Assert.Contains($"{s1} and {s1} both hold people 666–1,332", Refused("merge", folder["s0"], folder["s1"], folder["s1"], folder["s2"], "--out", folder["m"]));
        Assert.Contains($"{folder["nothing"]} does not exist", Refused("merge", folder["nothing"], "--out", folder["m"]));

        File.WriteAllText(s1, File.ReadAllText(s1).Replace("\"deaths\":[", "\"deaths\":[7", StringComparison.Ordinal));
        Assert.Contains($"{s1} is damaged", Refused("merge", folder["s0"], folder["s1"], folder["s2"], "--out", folder["m"]));
        Assert.False(Directory.Exists(folder["m"]));

        // Asked for explicitly, a partial merge is written, says so, and has no tables (they need everyone).
        CliResult partial = Succeed("merge", folder["s0"], folder["s2"], "--partial", "--out", folder["m"]);
        Assert.Contains("1,333 of 2,000 people (a partial result)", partial.Output);
        Assert.False(File.Exists(Path.Combine(folder["m"], RunOutputs.PrevalenceFile)));
        Assert.False(ResultsFile.Read(Path.Combine(folder["m"], ResultsFile.DefaultFileName)).IsComplete);
    }

    [Fact]
    public void Merge_AFolderOfShardFolders_FindsEveryShard()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["shards"]);
        for (int k = 0; k < 2; k++)
        {
            Succeed("run", "--people", People, "--shard", $"{k}/2", "--out", Path.Combine(folder["shards"], $"{k}"));
        }

        CliResult merge = Succeed("merge", folder["shards"], "--out", folder["m"]);

        Assert.Contains("merged 2 partial results: 2,000 of 2,000 people", merge.Output);
    }

    [Fact]
    public void MergeWithCharts_DrawsTheSingleRunsCharts_ByteForByte()
    {
        using var folder = new TempFolder();
        // The images are drawn in processes of their own, as they would be: Skia numbers an SVG's clip paths with a
        // process-wide counter, so a chart drawn after others in the same process differs in those names only.
        SucceedAlone(folder.Path, "run", "--people", People, "--seed", "8", "--charts", "--out", folder["single"]);
        // The single run's scenario records the histograms --charts added; shards of it accumulate the same ones.
        string scenario = Path.Combine(folder["single"], RunOutputs.ScenarioFileName);
        Succeed("run", scenario, "--shard", "0/2", "--out", folder["s0"]);
        Succeed("run", scenario, "--shard", "1/2", "--threads", "1", "--out", folder["s1"]);

        CliResult merge = SucceedAlone(folder.Path, "merge", folder["s0"], folder["s1"], "--charts", "--out", folder["merged"]);

        string[] charts = ChartFiles(folder["single"]);
        Assert.Contains("charts/loss-rates.svg", charts);
        Assert.Equal(charts, ChartFiles(folder["merged"]));
        foreach (string chart in charts)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single"], chart)), File.ReadAllBytes(Path.Combine(folder["merged"], chart)));
        }

        // The manifest is written again after the charts, listing them as a run's does.
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder["merged"], RunOutputs.ManifestFile)));
        string[] listed = [.. manifest.RootElement.GetProperty("files").EnumerateArray().Select(file => file.GetProperty("name").GetString()!)];
        Assert.Equal(charts, listed.Where(name => name.StartsWith(RunCommand.ChartsFolder + "/", StringComparison.Ordinal)));
        Assert.Empty(merge.Error);
    }

    [Fact]
    public void MergeWithCharts_OfShardsWithoutTheChartHistograms_DrawsTheOthersAndSaysHowToGetThem()
    {
        using var folder = new TempFolder();
        Succeed("run", "--people", People, "--shard", "0/2", "--out", folder["s0"]);
        Succeed("run", "--people", People, "--shard", "1/2", "--out", folder["s1"]);

        CliResult merge = Succeed("merge", folder["s0"], folder["s1"], "--charts", "--out", folder["merged"]);

        // The default scenario accumulates no loss-rate histogram.
        Assert.Contains("skipped the \"loss-rates\" charts: they need the histogram of LossRate", merge.Error);
        Assert.Contains("'sarcosim slurm --charts'", merge.Error);
        Assert.DoesNotContain("charts/loss-rates.svg", ChartFiles(folder["merged"]));
        Assert.Contains("charts/stages-female.svg", ChartFiles(folder["merged"]));
    }

    [Fact]
    public void MergeWithCharts_OfAPartialMerge_ExitsTwoNamingChartsAndWritesNothing()
    {
        using var folder = new TempFolder();
        Succeed("run", "--people", People, "--shard", "0/2", "--out", folder["s0"]);

        string error = Refused("merge", folder["s0"], "--partial", "--charts", "--out", folder["m"]);

        Assert.Contains("--charts needs every shard, but these partial results hold 1,000 of 2,000 people", error);
        Assert.False(Directory.Exists(folder["m"]));
    }

    private static CliResult Succeed(params string[] args)
    {
        CliResult result = Sarcosim.Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Runs the built tool in a process of its own and checks that it succeeded.</summary>
    private static CliResult SucceedAlone(string workingDirectory, params string[] args)
    {
        using Process tool = Sarcosim.Start(workingDirectory, args);
        Task<string> error = tool.StandardError.ReadToEndAsync();
        string output = tool.StandardOutput.ReadToEnd();
        tool.WaitForExit();
        var result = new CliResult(tool.ExitCode, output, error.Result);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static string Refused(params string[] args)
    {
        CliResult result = Sarcosim.Run(args);
        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        Assert.DoesNotContain("   at ", result.Error);
        return result.Error;
    }

    /// <summary>The chart images of an output folder, relative to it with '/' (as the manifest names them), in order.</summary>
    private static string[] ChartFiles(string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(folder, RunCommand.ChartsFolder)).Select(path => $"{RunCommand.ChartsFolder}/{Path.GetFileName(path)}").Order(StringComparer.Ordinal)];

    private static string TablesChecksum(string folder)
    {
        using JsonDocument results = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ResultsFile.DefaultFileName)));
        return results.RootElement.GetProperty("tablesSha256").GetString()!;
    }
}
