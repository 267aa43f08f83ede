using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim slurm [scenario.json] --shards N --out DIR [--submit] [--resume] [--charts]</c>: writes a Slurm job array that runs
/// the scenario's shards (<c>sarcosim run --shard k/N</c>) and a merge job that depends on it, and with
/// <c>--submit</c> submits both. docs/cluster.md describes the flow and its equivalents on other schedulers.
/// </summary>
internal static class SlurmCommand
{
    /// <summary>The array job's script.</summary>
    public const string ArrayScript = "array.sbatch";

    /// <summary>The merge job's script.</summary>
    public const string MergeScript = "merge.sbatch";

    /// <summary>The shards the array runs, one index a line; array task t runs lines t·per-task + 1 onwards.</summary>
    public const string ShardList = "shards.txt";

    /// <summary>The folder of shard folders (one per shard, named by its index).</summary>
    public const string ShardsFolder = "shards";

    /// <summary>The folder the merge job writes the run's outputs into.</summary>
    public const string MergedFolder = "merged";

    /// <summary>The folder of the jobs' logs.</summary>
    public const string LogsFolder = "logs";

    /// <summary>
    /// Array tasks per array job: Slurm's default <c>MaxArraySize</c> is 1001 (task ids 0 to 1000), so larger runs put
    /// several shards into each task rather than fail at submission on a default installation.
    /// </summary>
    public const int DefaultMaxArrayTasks = 1000;

    /// <summary>
    /// CPUs per shard task: the engine scales to every core it is given, and two keep a task small enough to backfill
    /// into gaps of a busy cluster while the writing of the results file overlaps no simulation.
    /// </summary>
    public const int CpusPerTask = 2;

    /// <summary>
    /// Memory of the tool itself (runtime, libraries and the per-worker columns of 4,096 people), MiB: the engine's
    /// memory does not grow with the number of people (docs/performance.md measures about 41 MiB for the bare engine);
    /// the tool with its results file stays under this with room to spare.
    /// </summary>
    public const int ToolMegabytes = 512;

    /// <summary>
    /// MiB of memory per MB of results file: the tables are held by each worker and once more as text while the file
    /// is written and read, a few bytes of memory for each byte of the file.
    /// </summary>
    public const int MegabytesPerFileMegabyte = 8;

    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var shards = CliOptions.Count("--shards", null, "Number of shards to split the cohort into (each a 'sarcosim run --shard k/N').", 1, ShardSpec.MaxCount);
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the scripts, the scenario, the shards' folders, the logs and the merged outputs (DIR/merged); its parent folder must exist.", Required = true };
        var submit = new Option<bool>("--submit") { Description = "Submit the array job and the merge job (sbatch), the merge to start once every shard succeeded." };
        var resume = new Option<bool>("--resume") { Description = "Reuse an existing --out folder of the same run: shards whose results file is there and verifies are not run again." };
        var charts = new Option<bool>("--charts") { Description = "Have the shards accumulate the histograms the charts need and the merge job draw every chart into DIR/merged/charts, as 'sarcosim run --charts' does." };
        var maxTasks = CliOptions.Count("--max-array-size", null, $"Largest number of array tasks (default {DefaultMaxArrayTasks}, for Slurm's default MaxArraySize of 1001); more shards run several to a task.", 1, ShardSpec.MaxCount);
        var command = new Command("slurm", "Write (and with --submit, submit) a Slurm job array that runs a scenario's shards and a dependent job that merges them; see docs/cluster.md.");
        input.AddTo(command);
        foreach (Option option in (Option[])[shards, output, submit, resume, charts, maxTasks])
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            bool drawCharts = parse.GetValue(charts);
            // Recorded in the scenario every task runs, so that the shards' histograms are the single 'run --charts' ones.
            Scenario scenario = drawCharts ? RunCommand.WithChartHistograms(input.Load(parse)) : input.Load(parse);
            int count = (int)parse.GetValue(shards)!.Value;
            string folder = Path.GetFullPath(parse.GetValue(output)!);
            bool resuming = parse.GetValue(resume);
            PrepareFolder(folder, parse.GetValue(output)!, scenario, resuming);
            int[] todo = [.. Enumerable.Range(0, count).Where(k => !resuming || !IsDone(folder, scenario, k, count))];
            var plan = new SlurmPlan(scenario, folder, count, todo, (int)(parse.GetValue(maxTasks) ?? DefaultMaxArrayTasks), ToolCommand(), drawCharts);
            AtomicFile.Write(Path.Combine(folder, MergeScript), stream => Write(stream, plan.MergeScript()));
            if (todo.Length == 0)
            {
                // An array of no tasks cannot be submitted; an old script would only redo finished shards.
                File.Delete(Path.Combine(folder, ArrayScript));
                context.WriteLine($"all {count} shards are done and verified; wrote only {MergeScript} into {parse.GetValue(output)}");
            }
            else
            {
                AtomicFile.Write(Path.Combine(folder, ShardList), stream => Write(stream, string.Concat(todo.Select(k => $"{k}\n"))));
                AtomicFile.Write(Path.Combine(folder, ArrayScript), stream => Write(stream, plan.ArrayScript()));
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {ArrayScript} ({todo.Length} of {count} shards in {plan.Tasks} array tasks, {plan.ShardsPerTask} per task, {CpusPerTask} CPUs and {plan.MemoryMegabytes} MiB each) and {MergeScript} into {parse.GetValue(output)}"));
            }

            if (parse.GetValue(submit))
            {
                string? array = todo.Length > 0 ? Submit(folder, ArrayScript) : null;
                string merge = Submit(folder, MergeScript, array is null ? [] : [$"--dependency=afterok:{array}"]);
                context.WriteLine(array is null ? $"submitted merge job {merge}" : $"submitted array job {array} and merge job {merge} (after the array succeeds)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The shard folder of shard <paramref name="index"/>.</summary>
    public static string ShardFolder(string folder, int index) => Path.Combine(folder, ShardsFolder, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Creates the run's folder, or with <paramref name="resuming"/> checks that it is this scenario's; writes the
    /// resolved scenario the tasks run.
    /// </summary>
    private static void PrepareFolder(string folder, string shown, Scenario scenario, bool resuming)
    {
        string scenarioFile = Path.Combine(folder, RunOutputs.ScenarioFileName);
        if (resuming)
        {
            if (!File.Exists(scenarioFile))
            {
                throw new OutputDirectoryException($"--resume needs the folder of an earlier 'sarcosim slurm --out {shown}', but {scenarioFile} does not exist; leave out --resume to start the run.");
            }

            if (ScenarioFile.Load(scenarioFile).RunHash() != scenario.RunHash())
            {
                throw new UsageException($"--resume: {shown} holds another run (its {RunOutputs.ScenarioFileName} differs from this scenario's model, cohort, seed or outputs); give the same scenario and options as before, or another --out.");
            }
        }
        else if (Directory.Exists(folder))
        {
            throw new OutputDirectoryException($"The folder {shown} already exists; add --resume to go on with its run (shards already done are kept), or choose another --out.");
        }
        else
        {
            OutputDirectory.EnsureCanPublish(shown, force: false);
        }

        Directory.CreateDirectory(Path.Combine(folder, ShardsFolder));
        Directory.CreateDirectory(Path.Combine(folder, LogsFolder));
        AtomicFile.Write(scenarioFile, stream => Write(stream, ScenarioFile.Serialize(scenario) + "\n"));
    }

    /// <summary>Whether shard <paramref name="index"/>'s results file exists, reads back intact, and is that shard of this scenario.</summary>
    private static bool IsDone(string folder, Scenario scenario, int index, int count)
    {
        string path = Path.Combine(ShardFolder(folder, index), ResultsFile.DefaultFileName);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            SimulationResult shard = ResultsFile.Read(path);
            PersonRange range = PersonRange.OfShard(scenario.Cohort, index, count);
            return shard.RunHash == scenario.RunHash() && shard.PersonRanges.SequenceEqual(range.Count > 0 ? [range] : []);
        }
        catch (InvalidDataException)
        {
            // A damaged or foreign file is run again; the task's --force replaces it.
            return false;
        }
    }

    /// <summary>How a task starts this tool: the same program (the apphost, or dotnet with this tool's dll) that is running now.</summary>
    private static string[] ToolCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, "sarcosim.dll")]
            : [process];
    }

    private static string Submit(string folder, string script, params string[] options)
    {
        var start = new ProcessStartInfo("sbatch") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string option in (string[])["--parsable", .. options, script])
        {
            start.ArgumentList.Add(option);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"--submit needs Slurm's sbatch, which cannot be started here ({e.Message}); submit {Path.Combine(folder, script)} on the cluster's login node instead.");
        }

        using (process)
        {
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? output.Trim().Split(';')[0]
                : throw new UsageException($"sbatch refused {script} (exit code {process.ExitCode}): {error.Result.Trim()}");
        }
    }

    private static void Write(Stream stream, string text)
    {
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        stream.Write(bytes);
    }
}

/// <summary>The array and merge jobs of a sharded run: how shards map to tasks, what each asks for, and the scripts.</summary>
/// <param name="Scenario">The resolved scenario.</param>
/// <param name="Folder">The run's folder (absolute: tasks start in other folders, on other machines).</param>
/// <param name="ShardCount">N, the number of shards the cohort is split into.</param>
/// <param name="Todo">The shards to run (all, or those not yet done).</param>
/// <param name="MaxTasks">The largest array allowed.</param>
/// <param name="Tool">The program and arguments that start sarcosim.</param>
/// <param name="Charts">Whether the merge job draws the charts.</param>
internal sealed record SlurmPlan(Scenario Scenario, string Folder, int ShardCount, int[] Todo, int MaxTasks, string[] Tool, bool Charts = false)
{
    // A task's time limit is the estimate (conservative already) times this, and at least the floor: a slow node or a
    // busy file system must not kill a task that would have finished.
    private const double TimeLimitFactor = 4;
    private const int MinimumTimeLimitMinutes = 10;

    /// <summary>Shards run one after another by each array task.</summary>
    public int ShardsPerTask => Math.Max(1, (Todo.Length + MaxTasks - 1) / MaxTasks);

    /// <summary>Array tasks.</summary>
    public int Tasks => (Todo.Length + ShardsPerTask - 1) / ShardsPerTask;

    /// <summary>The memory a task asks for, MiB: flat in the shard's size, as the engine's memory is.</summary>
    public int MemoryMegabytes =>
        SlurmCommand.ToolMegabytes + (int)Math.Ceiling(RunEstimate.Of(Scenario, SlurmCommand.CpusPerTask).OutputBytes / 1e6 * SlurmCommand.MegabytesPerFileMegabyte);

    /// <summary>A task's time limit, minutes: its shards' estimated time with a wide margin.</summary>
    public int TimeLimitMinutes
    {
        get
        {
            long largestShard = PersonRange.OfShard(Scenario.Cohort.People, 0, ShardCount).Count + 1;
            double seconds = RunEstimate.Of(Scenario with { Cohort = Scenario.Cohort with { People = largestShard } }, SlurmCommand.CpusPerTask).Seconds;
            return (int)Math.Max(MinimumTimeLimitMinutes, Math.Ceiling(seconds * ShardsPerTask * TimeLimitFactor / 60));
        }
    }

    /// <summary>The array job: task t runs lines t·ShardsPerTask + 1 onwards of the shard list, each into its own folder.</summary>
    public string ArrayScript() => Script(
        $"""
        #SBATCH --job-name={JobName}
        #SBATCH --array=0-{Tasks - 1}
        #SBATCH --cpus-per-task={SlurmCommand.CpusPerTask}
        #SBATCH --mem={MemoryMegabytes}M
        #SBATCH --time={TimeLimitMinutes}
        #SBATCH --output={Path.Combine(Folder, SlurmCommand.LogsFolder)}/shard-%a.log
        """,
        $$"""
        # Shard k of {{ShardCount}} is people floor(k*P/{{ShardCount}}) up to floor((k+1)*P/{{ShardCount}}) of the cohort's P, whatever
        # machine or threads run it: a failed task is rerun alone (sbatch --array=T {{SlurmCommand.ArrayScript}}) and writes the
        # same partial results bit for bit.
        first=$(( SLURM_ARRAY_TASK_ID * {{ShardsPerTask}} + 1 ))
        for shard in $(sed -n "${first},$(( first + {{ShardsPerTask - 1}} ))p" {{Quote(Path.Combine(Folder, SlurmCommand.ShardList))}}); do
          "${sarcosim[@]}" run {{Quote(Path.Combine(Folder, RunOutputs.ScenarioFileName))}} --shard "$shard/{{ShardCount}}" \
            --threads "${SLURM_CPUS_PER_TASK:-{{SlurmCommand.CpusPerTask}}}" --out {{Quote(Path.Combine(Folder, SlurmCommand.ShardsFolder))}}/"$shard" --force --yes
        done
        """);

    /// <summary>The merge job: one thread, the same flat memory, every shard folder into DIR/merged (with the charts, if asked for).</summary>
    public string MergeScript() => Script(
        $"""
        #SBATCH --job-name={JobName}-merge
        #SBATCH --cpus-per-task=1
        #SBATCH --mem={MemoryMegabytes}M
        #SBATCH --time={MinimumTimeLimitMinutes}
        #SBATCH --output={Path.Combine(Folder, SlurmCommand.LogsFolder)}/merge.log
        """,
        $$"""
        "${sarcosim[@]}" merge {{Quote(Path.Combine(Folder, SlurmCommand.ShardsFolder))}} --out {{Quote(Path.Combine(Folder, SlurmCommand.MergedFolder))}} --force{{(Charts ? " --charts" : "")}}
        """);

    private string JobName => "sarcosim-" + new string([.. Scenario.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');

    /// <summary>A bash script: Slurm's directives first (sbatch reads them only before the first command), then the commands.</summary>
    private string Script(string directives, string commands) => $$"""
        #!/bin/bash
        # Written by 'sarcosim slurm' for "{{Scenario.Name.ReplaceLineEndings(" ")}}", run hash {{Scenario.RunHash()}}.
        {{directives}}
        set -euo pipefail
        # The tool as it was started when the scripts were written; set SARCOSIM to start it otherwise.
        sarcosim=({{string.Join(' ', Tool.Select(Quote))}})
        if [ -n "${SARCOSIM:-}" ]; then read -r -a sarcosim <<< "$SARCOSIM"; fi
        {{commands}}

        """;

    /// <summary>Quotes <paramref name="text"/> for bash.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
