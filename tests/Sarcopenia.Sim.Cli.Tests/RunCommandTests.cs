using System.Text.Json;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli.Tests;

public sealed class RunCommandTests
{
    // Small cohorts keep each end-to-end run well under a second; the engine's correctness is tested elsewhere.
    private const string People = "2000";

    [Fact]
    public void Run_DefaultScenario_PrintsSummaryAndWritesNothing()
    {
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("run", "--people", People, "--threads", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Prevalence by age band, sex and stage (EWGSOP2", result.Output);
        Assert.Contains("65-69", result.Output);
        Assert.Contains("90-100", result.Output);
        Assert.Contains("US older adults", result.Output);
        Assert.Contains("20141130", result.Output);
        Assert.Contains("Evidence preset, definition EWGSOP2", result.Output);
        Assert.Contains("person-years/s", result.Output);
        Assert.Contains("none written", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Run_MaxVectorBits_CapsTheWidth_ReportsIt_AndKeepsTheTables()
    {
        using var folder = new TempFolder();
        CliResult widest = Sarcosim.Run("run", "--people", People, "--out", folder["widest"]);
        CliResult capped = Sarcosim.Run("run", "--people", People, "--max-vector-bits", "256", "--out", folder["capped"]);

        Assert.True(widest.ExitCode == 0, widest.ToString());
        Assert.True(capped.ExitCode == 0, capped.ToString());
        int widestBits = MachineVectors.WidestBits;
        Assert.Contains($"person-years, {widestBits}-bit vectors)", widest.Output);
        Assert.Contains($"person-years, {Math.Min(widestBits, 256)}-bit vectors)", capped.Output);
        Assert.Equal(Math.Min(widestBits, 256), ManifestOf(folder["capped"]).GetProperty("vectorBits").GetInt32());
        Assert.Equal(TablesHash(folder["widest"]), TablesHash(folder["capped"]));

        static JsonElement ManifestOf(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement;
        static string TablesHash(string dir) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ResultsFile.DefaultFileName))).RootElement.GetProperty("tablesSha256").GetString()!;
    }

    [Fact]
    public void Run_PresetOption_SwapsTheModelAndItsDefinition()
    {
        CliResult result = Sarcosim.Run("run", "--people", People, "--preset", "Review2014");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Review2014 preset, definition EWGSOP2010", result.Output);
        Assert.Contains("Presarcopenia", result.Output);
    }

    [Fact]
    public void Run_ReferenceWorkloadPreset_RunsRw1WithItsOwnCohortAndOutputs()
    {
        // RW1 (docs/reference-workload.md): even ids female, one ancestry, counts and mean ASM only. Laid over the default
        // scenario it would keep that scenario's random sexes, four ancestries, SDs and histograms.
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("run", "--people", People, "--preset", "RW1", "--out", folder["rw1"]);
        Assert.True(result.ExitCode == 0, result.ToString());

        Scenario scenario = ScenarioFile.Load(Path.Combine(folder["rw1"], RunOutputs.ScenarioFileName));
        Assert.Equal(Presets.ReferenceWorkload, scenario.Model);
        Assert.Equal(Presets.ReferenceWorkloadCohort(2000), scenario.Cohort);
        Assert.Equal([Trait.Asm], scenario.Outputs.Statistics);
        Assert.False(scenario.Outputs.StandardDeviations);
        Assert.Empty(scenario.Outputs.Histograms);
    }

    [Fact]
    public void Run_FileReplacingAListOfNumbers_RunsAndSaysTheListWasReplaced()
    {
        // A knot list is a list of numbers, not of named entries: describing the change once failed on it.
        using var folder = new TempFolder();
        string file = folder.Write("knots.json", """
            { "basedOn": "Evidence",
              "model": { "strength": { "qualityDeclinePerYear": { "female": { "ages": [30, 50, 70, 90], "values": [0.0006, 0.001, 0.002, 0.02] } } } } }
            """);

        CliResult result = Sarcosim.Run("run", file, "--people", People, "--out", folder["out"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        string manifest = File.ReadAllText(Path.Combine(folder["out"], RunOutputs.ManifestFile));
        Assert.Contains("strength.qualityDeclinePerYear.female.values (replaced)", manifest);
    }

    [Fact]
    public void Run_DefinitionOption_SwapsOnlyTheDefinition()
    {
        CliResult result = Sarcosim.Run("run", "--people", People, "--definition", "awgs-2019");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Evidence preset, definition AWGS2019", result.Output);
    }

    [Fact]
    public void Run_WithOut_WritesEveryFileAndAManifestThatDescribesThem()
    {
        using var folder = new TempFolder();
        string output = folder["results"];
        CliResult result = Sarcosim.Run("run", "--people", People, "--seed", "7", "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["results"], folder.Entries());
        Assert.Equal(
            [RunOutputs.DeathsFile, RunOutputs.ManifestFile, RunOutputs.PrevalenceFile, ResultsFile.DefaultFileName, RunOutputs.ScenarioFileName, RunOutputs.TraitsFile],
            Directory.EnumerateFiles(output).Select(Path.GetFileName).Order());

        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, RunOutputs.ManifestFile)));
        JsonElement root = manifest.RootElement;
        Assert.Equal("sarcosim", root.GetProperty("tool").GetString());
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(2000, root.GetProperty("people").GetInt64());
        Assert.Equal("US older adults", root.GetProperty("scenario").GetProperty("name").GetString());
        Assert.True(root.GetProperty("machine").GetProperty("processors").GetInt32() > 0);
        Assert.True(root.GetProperty("simulationSeconds").GetDouble() > 0);
        Assert.Equal(5, root.GetProperty("files").GetArrayLength());
        Assert.DoesNotContain(RunOutputs.ManifestFile, root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        foreach (JsonElement file in root.GetProperty("files").EnumerateArray())
        {
            OutputFileInfo actual = OutputFileInfo.Of(Path.Combine(output, file.GetProperty("name").GetString()!));
            Assert.Equal(actual.Sha256, file.GetProperty("sha256").GetString());
        }
    }

    [Fact]
    public void Run_WithOut_WritesTheSameTablesAsTheLibrary()
    {
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("run", "--people", People, "--seed", "11", "--out", folder["out"]);
        Assert.True(result.ExitCode == 0, result.ToString());

        Scenario scenario = ScenarioFile.Parse(ScenarioInput.DefaultScenarioJson(), "default", new ScenarioOverrides(People: 2000, Seed: 11));
        SimulationResult expected = Simulation.Run(scenario);
        SimulationResult written = ResultsFile.Read(Path.Combine(folder["out"], ResultsFile.DefaultFileName));
        Assert.True(expected.TablesEqual(written));

        var prevalence = new StringWriter();
        ResultCsv.WritePrevalence(expected, prevalence);
        Assert.Equal(prevalence.ToString(), File.ReadAllText(Path.Combine(folder["out"], RunOutputs.PrevalenceFile)));

        // The resolved scenario reproduces the run without any preset or option.
        Scenario again = ScenarioFile.Load(Path.Combine(folder["out"], RunOutputs.ScenarioFileName));
        Assert.True(Simulation.Run(again).TablesEqual(expected));
    }

    [Fact]
    public void Run_ExistingOutputFolder_WithoutForce_ExitsThreeAndLeavesItAlone()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["out"]);
        File.WriteAllText(Path.Combine(folder["out"], "keep.txt"), "previous");

        CliResult result = Sarcosim.Run("run", "--people", People, "--out", folder["out"]);

        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("already exists", result.Error);
        Assert.Contains("--force", result.Error);
        Assert.Equal(["keep.txt"], Directory.EnumerateFiles(folder["out"]).Select(Path.GetFileName));
        Assert.Equal(["out"], folder.Entries());
    }

    [Fact]
    public void Run_Force_ReplacesTheWholeFolder()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["out"]);
        File.WriteAllText(Path.Combine(folder["out"], "stale.txt"), "previous");

        CliResult result = Sarcosim.Run("run", "--people", People, "--out", folder["out"], "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(Path.Combine(folder["out"], "stale.txt")));
        Assert.True(File.Exists(Path.Combine(folder["out"], RunOutputs.ManifestFile)));
        Assert.Equal(["out"], folder.Entries());
    }

    [Fact]
    public void Run_OutputBelowAFile_ExitsThreeWithoutRunning()
    {
        using var folder = new TempFolder();
        string file = folder.Write("plain-file", "x");

        CliResult result = Sarcosim.Run("run", "--people", People, "--out", Path.Combine(file, "out"));

        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("cannot be created", result.Error);
        Assert.DoesNotContain("Prevalence", result.Output);
        Assert.Equal(["plain-file"], folder.Entries());
    }

    [Fact]
    public void Run_OutputIsAFile_ExitsThree()
    {
        using var folder = new TempFolder();
        string file = folder.Write("plain-file", "x");

        CliResult result = Sarcosim.Run("run", "--people", People, "--out", file, "--force");

        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("is a file", result.Error);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Run_Cancelled_ExitsOneThirtyAndWritesNothing()
    {
        using var folder = new TempFolder();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        CliResult result = Sarcosim.Run(cancellation.Token, "run", "--people", People, "--out", folder["out"]);

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Contains("interrupted", result.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Run_SameSeed_WritesIdenticalTables()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Sarcosim.Run("run", "--people", People, "--threads", "1", "--out", folder["a"]).ExitCode);
        Assert.Equal(0, Sarcosim.Run("run", "--people", People, "--threads", "2", "--out", folder["b"]).ExitCode);

        foreach (string name in (string[])[RunOutputs.PrevalenceFile, RunOutputs.TraitsFile, RunOutputs.DeathsFile])
        {
            Assert.Equal(File.ReadAllText(Path.Combine(folder["a"], name)), File.ReadAllText(Path.Combine(folder["b"], name)));
        }
    }

    [Fact]
    public void Run_EmptyOut_ExitsThree()
    {
        CliResult result = Sarcosim.Run("run", "--people", People, "--out", "");

        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("is empty; give --out the name of a new folder", result.Error);
    }

    [Fact]
    public void Run_OutBelowAMissingFolder_ExitsThreeAndCreatesNothing()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("run", "--people", People, "--out", Path.Combine(folder["missing"], "deep", "dir"));

        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Run_TooLargeWithoutYes_ExitsTwoWithTheEstimate()
    {
        CliResult result = Sarcosim.Run("run", "--people", "1e12");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("7.0e+13 person-years", result.Error);
        Assert.Contains("need --yes", result.Error);
        Assert.DoesNotContain("**", result.Error);
        Assert.DoesNotContain("Prevalence", result.Output);
    }

    [Fact]
    public void Run_PrintsTheEstimateBeforeRunning_AndAcceptsYes()
    {
        CliResult result = Sarcosim.Run("run", "--people", People, "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("estimate: 1.4e+5 person-years, about", result.Output);
        Assert.True(result.Output.IndexOf("estimate:", StringComparison.Ordinal) < result.Output.IndexOf("progress:", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_WomenOnly_LeavesOutTheRowsOfMen_AndSaysSo()
    {
        using var folder = new TempFolder();
        string file = folder.Write("women.json", """{ "cohort": { "people": 2000, "startAge": 60, "femaleFraction": 1 } }""");

        CliResult result = Sarcosim.Run("run", file, "--out", folder["out"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("women only: no men in this cohort", result.Output);
        Assert.DoesNotContain("│ Male", result.Output);
        foreach (string name in (string[])[RunOutputs.PrevalenceFile, RunOutputs.TraitsFile, RunOutputs.DeathsFile])
        {
            string[] rows = File.ReadAllLines(Path.Combine(folder["out"], name));
            Assert.DoesNotContain(rows, row => row.Split(',')[1] == "Male");
            Assert.Contains(rows, row => row.Split(',')[1] == "Female");
        }
    }

    [Fact]
    public void Run_PrevalenceCsv_HasTheWilsonIntervalOfEachShare()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Sarcosim.Run("run", "--people", People, "--out", folder["out"]).ExitCode);

        string[] lines = File.ReadAllLines(Path.Combine(folder["out"], RunOutputs.PrevalenceFile));
        Assert.Equal("age,sex,ancestry,stage,people,prevalence,lower95,upper95", lines[0]);
        SimulationResult result = ResultsFile.Read(Path.Combine(folder["out"], ResultsFile.DefaultFileName));
        foreach (string[] row in lines.Skip(1).Select(l => l.Split(',')).Where(r => r[5].Length > 0))
        {
            double prevalence = double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture);
            double lower = double.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture);
            double upper = double.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(prevalence, lower, upper);
            Assert.InRange(lower, 0, 1);
            Assert.InRange(upper, 0, 1);
        }

        // The sarcopenia-or-worse share has exactly the library's interval when the definition has nothing beyond severe.
        string[] severe = lines.First(l => l.StartsWith("80,All,All,Severe,", StringComparison.Ordinal)).Split(',');
        PrevalenceEstimate expected = result.PrevalenceAtLeastInterval(80, 80, null, Stage.Severe);
        Assert.Equal(expected.Lower, double.Parse(severe[6], System.Globalization.CultureInfo.InvariantCulture), 7);
        Assert.Equal(expected.Upper, double.Parse(severe[7], System.Globalization.CultureInfo.InvariantCulture), 7);
    }
}
