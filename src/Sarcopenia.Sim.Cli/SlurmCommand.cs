using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Projection;
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

    /// <summary>
    /// The work units the array runs, one a line: the command (<c>run</c> or <c>project</c>), the scenario's folder (<c>.</c>
    /// for a single scenario), the shard k and the number of shards N; array task t runs lines t·per-task + 1 onwards.
    /// </summary>
    public const string UnitList = "units.txt";

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
        var shards = CliOptions.Count("--shards", null, "Number of work units to split each scenario into: shards of its people ('sarcosim run --shard k/N'), or for a projection file, ranges of its replicates ('sarcosim project --shard k/N').", 1, ShardSpec.MaxCount);
        var sweep = new Option<string[]>("--sweep")
        {
            Description = "Run a sweep: these scenario or projection files (or folders of them, every *.json inside), each into its own folder DIR/<file name>, all in one array job and one merge job.",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the scripts, the scenario, the shards' folders, the logs and the merged outputs (DIR/merged); its parent folder must exist.", Required = true };
        var submit = new Option<bool>("--submit") { Description = "Submit the array job and the merge job (sbatch), the merge to start once every shard succeeded." };
        var resume = new Option<bool>("--resume") { Description = "Reuse an existing --out folder of the same run: shards whose results file is there and verifies are not run again." };
        var charts = new Option<bool>("--charts") { Description = "Have the shards accumulate the histograms the charts need and the merge job draw every chart into DIR/merged/charts, as 'sarcosim run --charts' does (runs only; projections draw none)." };
        var maxTasks = CliOptions.Count("--max-array-size", null, $"Largest number of array tasks (default {DefaultMaxArrayTasks}, for Slurm's default MaxArraySize of 1001); more shards run several to a task.", 1, ShardSpec.MaxCount);
        var command = new Command("slurm", "Write (and with --submit, submit) a Slurm job array that runs the work units of a scenario, a projection or a sweep of them, and a dependent job that merges them; see docs/cluster.md.");
        input.AddTo(command);
        foreach (Option option in (Option[])[shards, sweep, output, submit, resume, charts, maxTasks])
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            int count = (int)parse.GetValue(shards)!.Value;
            string folder = Path.GetFullPath(parse.GetValue(output)!);
            string shown = parse.GetValue(output)!;
            bool resuming = parse.GetValue(resume);
            SlurmItem[] items = Items(input, parse, parse.GetValue(sweep), parse.GetValue(charts), count);
            PrepareFolder(folder, shown, items, resuming);
            (SlurmItem Item, int Shard)[] todo = [.. items.SelectMany(item => Enumerable.Range(0, count).Where(k => !resuming || !item.IsDone(folder, k, count)).Select(k => (item, k)))];
            int total = items.Length * count;
            string what = items.Length == 1 ? "shards" : $"units of {items.Length} scenarios";
            var plan = new SlurmPlan(items, folder, count, [.. todo.Select(u => (u.Item.Name, u.Shard))], (int)(parse.GetValue(maxTasks) ?? DefaultMaxArrayTasks), ToolCommand());
            AtomicFile.Write(Path.Combine(folder, MergeScript), stream => Write(stream, plan.MergeScript()));
            if (todo.Length == 0)
            {
                // An array of no tasks cannot be submitted; an old script would only redo finished shards.
                File.Delete(Path.Combine(folder, ArrayScript));
                context.WriteLine($"all {total} {what} are done and verified; wrote only {MergeScript} into {shown}");
            }
            else
            {
                AtomicFile.Write(Path.Combine(folder, UnitList), stream => Write(stream, string.Concat(todo.Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Item.Command} {u.Item.Name} {u.Shard} {count}\n")))));
                AtomicFile.Write(Path.Combine(folder, ArrayScript), stream => Write(stream, plan.ArrayScript()));
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {ArrayScript} ({todo.Length} of {total} {what} in {plan.Tasks} array tasks, {plan.UnitsPerTask} per task, {CpusPerTask} CPUs and {plan.MemoryMegabytes} MiB each) and {MergeScript} into {shown}"));
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

    /// <summary>The shard folder of shard <paramref name="index"/> of a single scenario's run in <paramref name="folder"/>.</summary>
    public static string ShardFolder(string folder, int index) => Path.Combine(folder, ShardsFolder, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>The item folder name of a single scenario: the run's folder itself, as before sweeps existed.</summary>
    public const string CurrentFolder = ".";

    /// <summary>The resolved projection file every task of a projection runs.</summary>
    public const string ProjectionInput = "projection.json";

    // A count of a partial projection file's tables as JSON text: most are small, with a comma.
    private const int BytesPerCount = 4;

    /// <summary>
    /// The scenarios to run: the scenario argument (or the default), a run's folder being DIR itself; or with
    /// <c>--sweep</c>, each file given (folders: their *.json files), each in its own folder DIR/&lt;file name&gt;.
    /// </summary>
    private static SlurmItem[] Items(ScenarioInput input, ParseResult parse, string[]? sweep, bool charts, int units)
    {
        if (sweep is null or [])
        {
            return [parse.GetValue(input.File) is { } path && IsProjectionFile(path) ? ProjectionItem(input, parse, path, CurrentFolder, units) : RunItem(input.Load(parse), CurrentFolder, charts)];
        }

        if (parse.GetValue(input.File) is { } given)
        {
            throw new UsageException($"scenario {given} is not allowed with --sweep; list every scenario of the sweep after --sweep.");
        }

        var items = new List<SlurmItem>();
        foreach (string file in sweep.SelectMany(SweepFiles))
        {
            string name = new([.. Path.GetFileNameWithoutExtension(file).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
            if (items.FirstOrDefault(i => i.Name == name) is { } twin)
            {
                throw new UsageException($"--sweep {file} is not allowed; its folder name '{name}' is that of {twin.Source} too: rename one of them.");
            }

            items.Add(IsProjectionFile(file) ? ProjectionItem(input, parse, file, name, units) : RunItem(ScenarioDescription.Describe(ScenarioFile.Load(file, Overrides(input, parse)), []), name, charts, file));
        }

        return [.. items];
    }

    /// <summary>The command line's overrides of a sweep's scenario files, as <c>run</c> applies them to its file.</summary>
    private static ScenarioOverrides Overrides(ScenarioInput input, ParseResult parse) =>
        new(parse.GetValue(input.Preset), parse.GetValue(input.Definition), parse.GetValue(input.People), parse.GetValue(input.Seed));

    private static IEnumerable<string> SweepFiles(string path) =>
        File.Exists(path) ? [path]
        : Directory.Exists(path) && Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } inside ? inside
        : throw new UsageException($"--sweep {path} is not allowed; expected a scenario or projection file, or a folder holding *.json files.");

    private static SlurmItem RunItem(Scenario loaded, string name, bool charts, string? source = null)
    {
        // Recorded in the scenario every task runs, so that the shards' histograms are the single 'run --charts' ones.
        Scenario scenario = charts ? RunCommand.WithChartHistograms(loaded) : loaded;
        string hash = scenario.RunHash();
        return new SlurmItem(name, source ?? scenario.Name, "run", RunOutputs.ScenarioFileName, ScenarioFile.Serialize(scenario) + "\n", hash, charts,
            RunEstimate.Of(scenario, CpusPerTask).OutputBytes,
            (units, shard) => RunEstimate.Of(scenario with { Cohort = scenario.Cohort with { People = PersonRange.OfShard(scenario.Cohort.People, shard, units).Count + 1 } }, CpusPerTask).Seconds,
            path => ScenarioFile.Load(path).RunHash(),
            (unitFolder, shard, units) =>
            {
                SimulationResult result = ResultsFile.Read(Path.Combine(unitFolder, ResultsFile.DefaultFileName));
                PersonRange range = PersonRange.OfShard(scenario.Cohort, shard, units);
                return result.RunHash == hash && result.PersonRanges.SequenceEqual(range.Count > 0 ? [range] : []);
            });
    }

    private static SlurmItem ProjectionItem(ScenarioInput input, ParseResult parse, string path, string name, int units)
    {
        foreach (Option option in (Option[])[input.People, input.Seed, input.Preset, input.Definition])
        {
            if (parse.GetResult(option) is { Implicit: false, IdentifierToken: { } typed })
            {
                throw new UsageException($"{typed.Value} is not allowed with the projection file {path}; set it in the file (a projection takes its scenario from it).");
            }
        }

        int replicates = MicrosimCommands.ReplicatesOf(ProjectionFile.Load(path), null);
        if (units > replicates)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--shards {units} is not allowed for the projection {path}; expected at most {replicates}, its replicates (a unit runs one replicate at least; raise the file's replicates for more units)."));
        }

        string text = MicrosimCommands.ResolvedText(path, scale: null, replicates);
        ProjectionFile file = MicrosimCommands.FromText(text, Path.GetFileName(path));
        string hash = ProjectionIdentity.Hash(file.Setup, file.Uncertainty);
        MicrosimSetup s = file.Setup;
        long counts = (long)(s.Horizon - s.BaseYear + 1) * (s.LastAge - s.FirstAge + 1) * ((ResultLayout.GroupCount * 5) + (2 * 6 * 6)) * replicates;
        return new SlurmItem(name, Path.GetFileName(path), "project", ProjectionInput, text + "\n", hash, Charts: false, counts * BytesPerCount,
            (count, shard) => ReplicateRange.OfUnit(replicates, shard, count).Count * ReplicateSeconds(s),
            written =>
            {
                ProjectionFile again = MicrosimCommands.FromText(File.ReadAllText(written), Path.GetFileName(path));
                return ProjectionIdentity.Hash(again.Setup, again.Uncertainty);
            },
            (unitFolder, shard, count) =>
            {
                ProjectionPartial partial = ProjectionPartialFile.Read(Path.Combine(unitFolder, ProjectionPartialFile.DefaultFileName));
                return partial.Arms is [{ } arm] && arm.ProjectionHash == hash && partial.Replicates == replicates && partial.Range == ReplicateRange.OfUnit(replicates, shard, count);
            });
    }

    /// <summary>
    /// A replicate's time at the estimate's conservative throughput (<see cref="RunEstimate.PersonYearsPerSecondPerThread"/>),
    /// from an upper bound of its person-years: everyone in the simulated ages in the base year and everyone reaching
    /// the first age later, each stepped from the peak (or the first age, if younger) to the last age.
    /// </summary>
    private static double ReplicateSeconds(MicrosimSetup s)
    {
        double people = s.Population.Total(s.BaseYear, minimumAge: s.FirstAge);
        for (int year = s.BaseYear + 1; year <= s.Horizon; year++)
        {
            people += s.Population.AtAge(year, Sex.Female, s.FirstAge) + s.Population.AtAge(year, Sex.Male, s.FirstAge);
        }

        double personYears = people / s.Scale * (s.LastAge - Math.Min(s.FirstAge, s.Scenario.Model.Peak.Age) + 1);
        return personYears / (RunEstimate.PersonYearsPerSecondPerThread * CpusPerTask);
    }

    /// <summary>Whether <paramref name="path"/> is a projection file: a JSON object with a section only projection files have.</summary>
    private static bool IsProjectionFile(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is JsonObject root
                && ((string[])["population", "interventions", "uncertainty", "replicates"]).Any(root.ContainsKey);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Not readable as JSON: the scenario reader reports it with its own message.
            return false;
        }
    }

    /// <summary>
    /// Creates the run's folder, or with <paramref name="resuming"/> checks that it is this run's; writes the resolved
    /// scenario (or projection) each item's tasks run.
    /// </summary>
    private static void PrepareFolder(string folder, string shown, SlurmItem[] items, bool resuming)
    {
        if (!resuming)
        {
            if (Directory.Exists(folder))
            {
                throw new OutputDirectoryException($"The folder {shown} already exists; add --resume to go on with its run (shards already done are kept), or choose another --out.");
            }

            OutputDirectory.EnsureCanPublish(shown, force: false);
        }

        foreach (SlurmItem item in items.Where(_ => resuming))
        {
            string written = Path.Combine(item.Folder(folder), item.Input);
            if (!File.Exists(written))
            {
                throw new OutputDirectoryException($"--resume needs the folder of an earlier 'sarcosim slurm --out {shown}', but {written} does not exist; leave out --resume to start the run.");
            }

            if (item.HashOf(written) != item.Hash)
            {
                throw new UsageException($"--resume: {shown} holds another run (its {Path.GetRelativePath(folder, written)} differs from {item.Source}'s model, cohort, seed, outputs or projection); give the same scenario and options as before, or another --out.");
            }
        }

        foreach (SlurmItem item in items)
        {
            Directory.CreateDirectory(Path.Combine(item.Folder(folder), ShardsFolder));
            AtomicFile.Write(Path.Combine(item.Folder(folder), item.Input), stream => Write(stream, item.Text));
        }

        Directory.CreateDirectory(Path.Combine(folder, LogsFolder));
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

/// <summary>One scenario (or projection) of a Slurm run: where its units go, what they run, how a finished unit is verified.</summary>
/// <param name="Name">Its folder inside the run's folder (<see cref="SlurmCommand.CurrentFolder"/> for a single scenario).</param>
/// <param name="Source">How messages name it (its file, or the scenario's name).</param>
/// <param name="Command">The tool's command a unit runs: <c>run</c> or <c>project</c>.</param>
/// <param name="Input">The resolved file the units run, in its folder.</param>
/// <param name="Text">That file's content.</param>
/// <param name="Hash">Its run hash or projection hash.</param>
/// <param name="Charts">Whether its merge draws the charts.</param>
/// <param name="OutputBytes">The size of the partial results a unit writes, at most.</param>
/// <param name="Seconds">A unit's estimated time from (units, unit).</param>
/// <param name="HashOf">The hash of a resolved file written earlier (for <c>--resume</c>).</param>
/// <param name="Verify">Whether unit (folder, k, N) holds this item's verified partial results.</param>
internal sealed record SlurmItem(string Name, string Source, string Command, string Input, string Text, string Hash, bool Charts, long OutputBytes,
    Func<int, int, double> Seconds, Func<string, string> HashOf, Func<string, int, int, bool> Verify)
{
    /// <summary>The item's folder inside the run's folder <paramref name="root"/>.</summary>
    public string Folder(string root) => Name == SlurmCommand.CurrentFolder ? root : Path.Combine(root, Name);

    /// <summary>Whether unit <paramref name="shard"/> of <paramref name="units"/> is written, reads back intact and is this item's.</summary>
    public bool IsDone(string root, int shard, int units)
    {
        try
        {
            return Verify(Path.Combine(Folder(root), SlurmCommand.ShardsFolder, shard.ToString(CultureInfo.InvariantCulture)), shard, units);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Missing, damaged or foreign: the unit is run again, and the task's --force replaces what is there.
            return false;
        }
    }
}

/// <summary>The array and merge jobs of a Slurm run: how units map to tasks, what each asks for, and the scripts.</summary>
/// <param name="Items">The scenarios (one, or a sweep's).</param>
/// <param name="Folder">The run's folder (absolute: tasks start in other folders, on other machines).</param>
/// <param name="ShardCount">N, the number of units each scenario is split into.</param>
/// <param name="Todo">The units to run, as (item name, shard): all, or those not yet done.</param>
/// <param name="MaxTasks">The largest array allowed.</param>
/// <param name="Tool">The program and arguments that start sarcosim.</param>
internal sealed record SlurmPlan(IReadOnlyList<SlurmItem> Items, string Folder, int ShardCount, (string Item, int Shard)[] Todo, int MaxTasks, string[] Tool)
{
    // A task's time limit is the estimate (conservative already) times this, and at least the floor: a slow node or a
    // busy file system must not kill a task that would have finished.
    private const double TimeLimitFactor = 4;
    private const int MinimumTimeLimitMinutes = 10;

    /// <summary>Units run one after another by each array task.</summary>
    public int UnitsPerTask => Math.Max(1, (Todo.Length + MaxTasks - 1) / MaxTasks);

    /// <summary>Array tasks.</summary>
    public int Tasks => (Todo.Length + UnitsPerTask - 1) / UnitsPerTask;

    /// <summary>The memory a task asks for, MiB: flat in the unit's size, as the engine's memory is.</summary>
    public int MemoryMegabytes =>
        SlurmCommand.ToolMegabytes + (int)Math.Ceiling(Items.Max(i => i.OutputBytes) / 1e6 * SlurmCommand.MegabytesPerFileMegabyte);

    /// <summary>A task's time limit, minutes: its units' estimated time (the largest unit of any item) with a wide margin.</summary>
    public int TimeLimitMinutes =>
        (int)Math.Max(MinimumTimeLimitMinutes, Math.Ceiling(Items.Max(i => i.Seconds(ShardCount, 0)) * UnitsPerTask * TimeLimitFactor / 60));

    /// <summary>The array job: task t runs lines t·UnitsPerTask + 1 onwards of the unit list, each into its own folder.</summary>
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
        # A unit is shard k of N of a scenario's people (floor(k*P/N) up to floor((k+1)*P/N)) or of a projection's replicates,
        # whatever machine or threads run it: a failed task is rerun alone (sbatch --array=T {{SlurmCommand.ArrayScript}}) and
        # writes the same partial results bit for bit.
        root={{Quote(Folder)}}
        first=$(( SLURM_ARRAY_TASK_ID * {{UnitsPerTask}} + 1 ))
        mapfile -t units < <(sed -n "${first},$(( first + {{UnitsPerTask - 1}} ))p" "$root/{{SlurmCommand.UnitList}}")
        for unit in "${units[@]}"; do
          read -r command item shard count <<< "$unit"
          case "$command" in
            run) "${sarcosim[@]}" run "$root/$item/{{RunOutputs.ScenarioFileName}}" --shard "$shard/$count" \
                   --threads "${SLURM_CPUS_PER_TASK:-{{SlurmCommand.CpusPerTask}}}" --out "$root/$item/{{SlurmCommand.ShardsFolder}}/$shard" --force --yes ;;
            project) "${sarcosim[@]}" project "$root/$item/{{SlurmCommand.ProjectionInput}}" --shard "$shard/$count" --out "$root/$item/{{SlurmCommand.ShardsFolder}}/$shard" --force ;;
            *) echo "unknown unit: $unit" >&2; exit 2 ;;
          esac
        done
        """);

    /// <summary>The merge job: one thread, the same flat memory, each scenario's units into its merged folder (with the charts, if asked for).</summary>
    public string MergeScript() => Script(
        $"""
        #SBATCH --job-name={JobName}-merge
        #SBATCH --cpus-per-task=1
        #SBATCH --mem={MemoryMegabytes}M
        #SBATCH --time={MinimumTimeLimitMinutes * Items.Count}
        #SBATCH --output={Path.Combine(Folder, SlurmCommand.LogsFolder)}/merge.log
        """,
        string.Join('\n', Items.Select(item =>
            $"\"${{sarcosim[@]}}\" merge {Quote(Path.Combine(item.Folder(Folder), SlurmCommand.ShardsFolder))} --out {Quote(Path.Combine(item.Folder(Folder), SlurmCommand.MergedFolder))} --force{(item.Charts ? " --charts" : "")}")));

    private string JobName => "sarcosim-" + new string([.. (Items.Count == 1 ? Items[0].Source : "sweep").Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');

    /// <summary>A bash script: Slurm's directives first (sbatch reads them only before the first command), then the commands.</summary>
    private string Script(string directives, string commands) => $$"""
        #!/bin/bash
        # Written by 'sarcosim slurm' for {{string.Join(", ", Items.Select(i => $"\"{i.Source.ReplaceLineEndings(" ")}\" (hash {i.Hash})"))}}.
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
