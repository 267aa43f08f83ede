using System.Diagnostics;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// <c>sarcosim slurm</c>: the scripts it writes, run here task by task with bash as Slurm would run them, merge into the
/// single run's outputs; large shard counts fit the array limit; <c>--resume</c> reruns only missing or damaged shards.
/// (scripts/slurm-ci.sh runs the same scripts on a real two-node Slurm.)
/// </summary>
public sealed class SlurmCommandTests
{
    private const string People = "3000";

    [Fact]
    public void Scripts_RunTaskByTask_MergeIntoTheSingleRun()
    {
        using var folder = new TempFolder();
        string run = folder["run"];
        Succeed("slurm", "--people", People, "--seed", "4", "--shards", "4", "--max-array-size", "2", "--out", run);
        string array = File.ReadAllText(Path.Combine(run, SlurmCommand.ArrayScript));
        Assert.Contains("#SBATCH --array=0-1\n", array);
        Assert.Contains($"#SBATCH --cpus-per-task={SlurmCommand.CpusPerTask}\n", array);
        Assert.Matches(@"#SBATCH --mem=\d+M\n", array);
        Assert.Contains($"#SBATCH --output={Path.Combine(run, SlurmCommand.LogsFolder)}/shard-%a.log", array);
        Assert.Equal("run . 0 4\nrun . 1 4\nrun . 2 4\nrun . 3 4\n", File.ReadAllText(Path.Combine(run, SlurmCommand.UnitList)));

        // Two shards per task; the second task's first shard is shard 2.
        RunScript(run, SlurmCommand.ArrayScript, "1");
        Assert.Equal(["2", "3"], Directory.EnumerateDirectories(Path.Combine(run, SlurmCommand.ShardsFolder)).Select(Path.GetFileName).Order());
        RunScript(run, SlurmCommand.ArrayScript, "0");
        RunScript(run, SlurmCommand.MergeScript, null);

        Succeed("run", "--people", People, "--seed", "4", "--out", folder["single"]);
        foreach (string name in (string[])[RunOutputs.PrevalenceFile, RunOutputs.TraitsFile, RunOutputs.DeathsFile])
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single"], name)), File.ReadAllBytes(Path.Combine(run, SlurmCommand.MergedFolder, name)));
        }
    }

    [Fact]
    public void ManyShards_RunSeveralToATask_WithinTheArrayLimit()
    {
        using var folder = new TempFolder();
        CliResult result = Succeed("slurm", "--people", "1e6", "--shards", "2500", "--out", folder["run"]);

        string array = File.ReadAllText(Path.Combine(folder["run"], SlurmCommand.ArrayScript));
        Assert.Contains("#SBATCH --array=0-833\n", array);
        Assert.Contains("first=$(( SLURM_ARRAY_TASK_ID * 3 + 1 ))", array);
        Assert.Contains("2500 of 2500 shards in 834 array tasks, 3 per task", result.Output);
    }

    [Fact]
    public void Resume_RunsOnlyShardsThatAreMissingOrDamaged_AndRefusesAnotherRun()
    {
        using var folder = new TempFolder();
        string run = folder["run"];
        Succeed("slurm", "--people", People, "--shards", "3", "--out", run);
        for (int k = 0; k < 3; k++)
        {
            Succeed("run", Path.Combine(run, RunOutputs.ScenarioFileName), "--shard", $"{k}/3", "--out", SlurmCommand.ShardFolder(run, k));
        }

        Assert.Contains("all 3 shards are done and verified", Succeed("slurm", "--people", People, "--shards", "3", "--out", run, "--resume").Output);
        Assert.False(File.Exists(Path.Combine(run, SlurmCommand.ArrayScript)));

        string damaged = Path.Combine(SlurmCommand.ShardFolder(run, 0), ResultsFile.DefaultFileName);
        File.WriteAllText(damaged, File.ReadAllText(damaged).Replace("\"deaths\":[", "\"deaths\":[3", StringComparison.Ordinal));
        Directory.Delete(SlurmCommand.ShardFolder(run, 2), recursive: true);
        Assert.Contains("2 of 3 shards in 2 array tasks", Succeed("slurm", "--people", People, "--shards", "3", "--out", run, "--resume").Output);
        Assert.Equal("run . 0 3\nrun . 2 3\n", File.ReadAllText(Path.Combine(run, SlurmCommand.UnitList)));

        CliResult other = Sarcosim.Run("slurm", "--people", People, "--seed", "9", "--shards", "3", "--out", run, "--resume");
        Assert.True(other.ExitCode == ExitCodes.InvalidInput, other.ToString());
        Assert.Contains("holds another run", other.Error);

        CliResult again = Sarcosim.Run("slurm", "--people", People, "--shards", "3", "--out", run);
        Assert.True(again.ExitCode == ExitCodes.OutputUnavailable, again.ToString());
        Assert.Contains("add --resume", again.Error);
    }

    [Fact]
    public void Charts_ShardsRunTheScenarioOfRunWithCharts_AndTheMergeDrawsThem()
    {
        using var folder = new TempFolder();
        Succeed("slurm", "--people", People, "--seed", "4", "--shards", "2", "--charts", "--out", folder["run"]);
        Succeed("run", "--people", People, "--seed", "4", "--charts", "--out", folder["single"]);

        // The same scenario as the single run with charts, so the shards accumulate its histograms and merge into its charts.
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(folder["single"], RunOutputs.ScenarioFileName)),
            File.ReadAllBytes(Path.Combine(folder["run"], RunOutputs.ScenarioFileName)));
        string merge = File.ReadAllText(Path.Combine(folder["run"], SlurmCommand.MergeScript));
        Assert.Contains($" --out '{Path.Combine(folder["run"], SlurmCommand.MergedFolder)}' --force --charts\n", merge);
    }

    [Fact]
    public void BadShardCount_ExitsTwoNamingTheOption()
    {
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("slurm", "--shards", "0", "--out", folder["run"]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--shards 0 is not allowed; expected a whole number from 1 to 1,048,576", result.Error);
        Assert.Empty(folder.Entries());
    }

    internal static CliResult Succeed(params string[] args)
    {
        CliResult result = Sarcosim.Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Runs a written script with bash as a Slurm task would (its array task id, if any), with this build of the tool.</summary>
    internal static void RunScript(string folder, string script, string? taskId)
    {
        using Process bash = ChildProcess.Start(folder, start =>
        {
            start.Environment["SARCOSIM"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "sarcosim.dll")}";
            if (taskId is not null)
            {
                start.Environment["SLURM_ARRAY_TASK_ID"] = taskId;
            }
        }, "bash", Path.Combine(folder, script));
        Task<string> error = bash.StandardError.ReadToEndAsync();
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"{script} exited with {bash.ExitCode}:\n{output}\n{error.Result}");
    }
}
