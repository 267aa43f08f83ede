using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;
using static Sarcopenia.Sim.Cli.Tests.SlurmCommandTests;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// Work units of projections and sweeps: <c>sarcosim project|compare --shard k/N</c> then <c>sarcosim merge</c> give the
/// single command's tables bit for bit; the merge refuses units that do not belong together, naming the files; and
/// <c>sarcosim slurm</c> writes the array and merge jobs of a projection and of a sweep, run here task by task with bash.
/// </summary>
public sealed class ProjectionUnitsTests
{
    // MicrosimCommandTests' projections (Japan aged 60+ at 1:5,000 for five years) with four replicates: about a second a run.
    private static readonly string Small = FourReplicates(MicrosimCommandTests.Small);
    private static readonly string Training = FourReplicates(MicrosimCommandTests.Training);

    private static readonly string[] s_tables = [MicrosimCommands.SummaryFile, MicrosimCommands.StagesFile, MicrosimCommands.TransitionsFile, "stages.parquet", "transitions.parquet"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Project_Units_MergeIntoTheSingleRun_BitForBit(int units)
    {
        using var folder = new TempFolder();
        string file = folder.Write("japan.json", Small);
        Succeed("project", file, "--parquet", "--out", folder["single"]);
        Directory.CreateDirectory(folder["units"]);
        for (int k = units - 1; k >= 0; k--)
        {
            Succeed("project", file, "--shard", $"{k}/{units}", "--out", Path.Combine(folder["units"], $"{k}"));
        }

        CliResult merged = Succeed("merge", folder["units"], "--parquet", "--out", folder["merged"]);

        Assert.Contains($"merged {units} partial projections: 4 replicates of japan.json", merged.Output);
        foreach (string table in s_tables)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single"], table)), File.ReadAllBytes(Path.Combine(folder["merged"], table)));
        }
    }

    [Fact]
    public void Compare_Units_HoldBothArms_AndMergeIntoTheSingleComparison()
    {
        using var folder = new TempFolder();
        string baseline = folder.Write("baseline.json", Small);
        string training = folder.Write("training.json", Training);
        Succeed("compare", baseline, training, "--out", folder["single"]);
        Directory.CreateDirectory(folder["units"]);
        Succeed("compare", baseline, training, "--shard", "0/2", "--out", folder["units/0"]);
        Succeed("compare", baseline, training, "--shard", "1/2", "--out", folder["units/1"]);

        Succeed("merge", folder["units"], "--out", folder["merged"]);

        Assert.Equal(2, ProjectionPartialFile.Read(Path.Combine(folder["units/0"], ProjectionPartialFile.DefaultFileName)).Arms.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single"], MicrosimCommands.ComparisonFile)), File.ReadAllBytes(Path.Combine(folder["merged"], MicrosimCommands.ComparisonFile)));
    }

    [Fact]
    public void Merge_RefusesUnitsThatDoNotBelongTogether_NamingTheFiles()
    {
        using var folder = new TempFolder();
        string file = folder.Write("japan.json", Small);
        string other = folder.Write("seed9.json", Small.Replace("\"replicates\": 4", "\"replicates\": 4, \"seed\": 9", StringComparison.Ordinal));
        string Unit(string projection, string shard, string name)
        {
            Succeed("project", projection, "--shard", shard, "--out", folder[name]);
            return Path.Combine(folder[name], ProjectionPartialFile.DefaultFileName);
        }

        string a = Unit(file, "0/2", "a"), b = Unit(file, "1/2", "b"), c = Unit(file, "1/4", "c"), seed = Unit(other, "1/2", "seed");
        string tampered = folder["tampered.sarcosim.json"];
        File.WriteAllText(tampered, File.ReadAllText(b).Replace("\"stages\":[", "\"stages\":[1", StringComparison.Ordinal));

        Refused(["another seed", a, seed], "is not part of the same projection", "seed 9 instead of", seed, a);
        Refused(["overlap", a, c, b], "overlap", a, c);
        Refused(["missing", a], "The merge is incomplete: no file holds replicates 2–3", a);
        Refused(["duplicate", a, b, b], "the same unit was given twice", b);
        Refused(["tampered", a, tampered], "is damaged", tampered);
        Refused(["run and projection", a, WriteRunShard(folder)], "holds a run's partial results", a);

        void Refused(string[] inputs, string message, params string[] named)
        {
            CliResult result = Sarcosim.Run(["merge", .. inputs[1..], "--out", folder[$"out-{inputs[0].Replace(' ', '-')}"]]);
            Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{inputs[0]}: {result}");
            Assert.Contains(message, result.Error);
            Assert.All(named, name => Assert.Contains(name, result.Error));
            Assert.Single(result.Error.Trim().Split('\n'));
        }
    }

    [Fact]
    public void Merge_ReadsTheProjectionBackWithItsOwnTables_AndRefusesItOnceATableChanged()
    {
        using var folder = new TempFolder();
        // A population table of the user's, named relative to the projection file (Japan, so WPP 2019's life tables apply).
        string[] groups = ["0-59", "60-79", "80-99", "100+"];
        double[] people = [80e6, 33e6, 11e6, 8e4];
        folder.Write("people.csv", "country,year,sex,age,population\n" + string.Concat(
            from year in (int[])[2020, 2025] from sex in (string[])["Female", "Male"] from g in Enumerable.Range(0, groups.Length)
            select $"Japan,{year},{sex},{groups[g]},{people[g] / 2}\n"));
        string file = folder.Write("own.json", """
            { "basedOn": "Evidence", "cohort": { "startAge": 60 }, "replicates": 2,
              "population": { "file": "people.csv", "baseYear": 2020, "horizon": 2022, "scale": 5000 } }
            """);
        Directory.CreateDirectory(folder["units"]);
        Succeed("project", file, "--shard", "0/2", "--out", folder["units/0"]);
        Succeed("project", file, "--shard", "1/2", "--out", folder["units/1"]);
        Succeed("project", file, "--out", folder["single"]);

        Succeed("merge", folder["units"], "--out", folder["merged"]);
        Assert.Equal(File.ReadAllBytes(folder["single/stages.csv"]), File.ReadAllBytes(folder["merged/stages.csv"]));

        File.WriteAllText(folder["people.csv"], File.ReadAllText(folder["people.csv"]).Replace("16500000", "16600000", StringComparison.Ordinal));
        CliResult changed = Sarcosim.Run("merge", folder["units"], "--out", folder["merged-again"]);
        Assert.True(changed.ExitCode == ExitCodes.InvalidInput, changed.ToString());
        Assert.Contains("no longer reads back as the projection that ran", changed.Error);
        Assert.Contains(Path.Combine(folder["units/0"], ProjectionPartialFile.DefaultFileName), changed.Error);
    }

    [Fact]
    public void Project_BadShard_ExitsTwoNamingTheOption()
    {
        using var folder = new TempFolder();
        string file = folder.Write("japan.json", Small);

        CliResult tooMany = Sarcosim.Run("project", file, "--shard", "0/5", "--out", folder["u"]);
        CliResult noOut = Sarcosim.Run("project", file, "--shard", "0/2");

        Assert.Equal(ExitCodes.InvalidInput, tooMany.ExitCode);
        Assert.Contains("--shard 0/5 is not allowed; expected at most 4 units", tooMany.Error);
        Assert.Equal(ExitCodes.InvalidInput, noOut.ExitCode);
        Assert.Contains("--shard 0/2 needs --out DIR", noOut.Error);
        Assert.Equal(["japan.json"], folder.Entries());
    }

    [Fact]
    public void Slurm_Projection_RunsReplicateUnitsSeveralToATask_AndTheMergeIsTheSingleRun()
    {
        using var folder = new TempFolder();
        string file = folder.Write("japan.json", Small);
        string run = folder["run"];
        CliResult written = Succeed("slurm", file, "--shards", "4", "--max-array-size", "2", "--out", run);

        Assert.Contains("4 of 4 shards in 2 array tasks, 2 per task", written.Output);
        Assert.Equal("project . 0 4\nproject . 1 4\nproject . 2 4\nproject . 3 4\n", File.ReadAllText(Path.Combine(run, SlurmCommand.UnitList)));
        Assert.Contains("#SBATCH --array=0-1\n", File.ReadAllText(Path.Combine(run, SlurmCommand.ArrayScript)));
        Assert.Contains($"merge '{Path.Combine(run, SlurmCommand.ShardsFolder)}' --out '{Path.Combine(run, SlurmCommand.MergedFolder)}' --force\n", File.ReadAllText(Path.Combine(run, SlurmCommand.MergeScript)));
        RunScript(run, SlurmCommand.ArrayScript, "1");
        RunScript(run, SlurmCommand.ArrayScript, "0");
        RunScript(run, SlurmCommand.MergeScript, null);
        Succeed("project", file, "--out", folder["single"]);
        foreach (string table in s_tables[..3])
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single"], table)), File.ReadAllBytes(Path.Combine(run, SlurmCommand.MergedFolder, table)));
        }

        // A lost unit: --resume runs only it.
        Directory.Delete(Path.Combine(run, SlurmCommand.ShardsFolder, "2"), recursive: true);
        Assert.Contains("1 of 4 shards in 1 array tasks", Succeed("slurm", file, "--shards", "4", "--out", run, "--resume").Output);
        Assert.Equal("project . 2 4\n", File.ReadAllText(Path.Combine(run, SlurmCommand.UnitList)));

        CliResult tooMany = Sarcosim.Run("slurm", file, "--shards", "5", "--out", folder["other"]);
        Assert.Equal(ExitCodes.InvalidInput, tooMany.ExitCode);
        Assert.Contains("--shards 5 is not allowed for the projection", tooMany.Error);
    }

    [Fact]
    public void Slurm_Sweep_EachScenarioInItsOwnFolder_AllUnitsInOneArray()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["sweep"]);
        folder.Write("sweep/seed1.json", """{ "basedOn": "Evidence", "cohort": { "people": 3000 }, "seed": 1 }""");
        folder.Write("sweep/seed2.json", """{ "basedOn": "Evidence", "cohort": { "people": 3000 }, "seed": 2 }""");
        string projection = folder.Write("japan.json", Small);
        string run = folder["run"];

        CliResult written = Succeed("slurm", "--sweep", folder["sweep"], projection, "--shards", "2", "--max-array-size", "4", "--out", run);

        Assert.Contains("6 of 6 units of 3 scenarios in 3 array tasks, 2 per task", written.Output);
        Assert.Equal("run seed1 0 2\nrun seed1 1 2\nrun seed2 0 2\nrun seed2 1 2\nproject japan 0 2\nproject japan 1 2\n", File.ReadAllText(Path.Combine(run, SlurmCommand.UnitList)));
        for (int task = 0; task < 3; task++)
        {
            RunScript(run, SlurmCommand.ArrayScript, $"{task}");
        }

        RunScript(run, SlurmCommand.MergeScript, null);
        Succeed("run", folder["sweep/seed2.json"], "--out", folder["single-seed2"]);
        Succeed("project", projection, "--out", folder["single-japan"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single-seed2"], RunOutputs.PrevalenceFile)), File.ReadAllBytes(Path.Combine(run, "seed2", SlurmCommand.MergedFolder, RunOutputs.PrevalenceFile)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single-japan"], MicrosimCommands.StagesFile)), File.ReadAllBytes(Path.Combine(run, "japan", SlurmCommand.MergedFolder, MicrosimCommands.StagesFile)));
        Assert.True(File.Exists(Path.Combine(run, "seed1", SlurmCommand.MergedFolder, RunOutputs.PrevalenceFile)));

        CliResult both = Sarcosim.Run("slurm", projection, "--sweep", folder["sweep"], "--shards", "2", "--out", folder["other"]);
        Assert.Equal(ExitCodes.InvalidInput, both.ExitCode);
        Assert.Contains("is not allowed with --sweep", both.Error);
    }

    private static string FourReplicates(string projection) => projection.Replace("\"replicates\": 3", "\"replicates\": 4", StringComparison.Ordinal);

    /// <summary>A run's shard folder, to mix into a projection's merge.</summary>
    private static string WriteRunShard(TempFolder folder)
    {
        Succeed("run", "--people", "2000", "--shard", "0/2", "--out", folder["run-shard"]);
        return folder["run-shard"];
    }
}
