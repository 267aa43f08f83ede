using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary><c>sarcosim run [scenario.json]</c>: runs a scenario, shows progress, writes the outputs and prints a summary.</summary>
internal static class RunCommand
{
    /// <summary>The subfolder of the output folder that <c>--charts</c> writes into.</summary>
    public const string ChartsFolder = "charts";

    // The engine's own limit (RunOptions.Validate), so that --threads is refused under its own name.
    internal const int MaxThreads = 1024;

    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var threads = CliOptions.Count("--threads", null, "Worker threads (default: every core). Results do not depend on it.", 1, MaxThreads);
        var vectorBits = CliOptions.MaxVectorBits();
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write prevalence.csv, traits.csv, deaths.csv, scenario.json, results.sarcosim.json and manifest.json into; its parent folder must exist. Without it nothing is written." };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder if it exists (only once the new results are complete)." };
        var charts = new Option<bool>("--charts") { Description = $"Also draw every chart ({string.Join(", ", ChartCatalog.Names)}) as PNG and SVG into DIR/charts, after the tables; needs --out." };
        var shard = CliOptions.Shard("--shard", "Run only shard k of N (k/N, 0-based) and write its partial results file into --out DIR, for 'sarcosim merge'; the shards of a run add up to it exactly, whatever their threads.");
        var mpi = new Option<bool>("--mpi") { Description = "Run as one of the K processes 'mpirun -np K' starts (each simulates a shard, the ranks add their tables up in memory, rank 0 writes the outputs); needs Open MPI or MPICH at run time (or MPI_LIBRARY naming the library)." };
        var yes = new Option<bool>("--yes") { Description = $"Run even above {RunEstimate.ConfirmAbovePersonYears:0e+0} person-years (people x years), which takes hours or more." };
        var command = new Command("run", "Run a scenario (or the embedded default) and print prevalence by age band, sex and stage.");
        input.AddTo(command);
        command.Options.Add(threads);
        command.Options.Add(vectorBits);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(charts);
        command.Options.Add(shard);
        command.Options.Add(mpi);
        command.Options.Add(yes);
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(mpi) && parse.GetValue(shard) is { } split)
            {
                // Every rank is refused alike; rank 0 alone says so, rather than K copies of the line.
                return MpiLaunch.Find(Environment.GetEnvironmentVariable) is { Rank: > 0 }
                    ? ExitCodes.InvalidInput
                    : throw new UsageException($"--mpi and --shard {split} cannot be combined: under --mpi, rank r of the K processes mpirun starts runs shard r/K itself.");
            }

            if (parse.GetValue(charts) && parse.GetValue(output) is null)
            {
                throw new UsageException("--charts needs --out DIR: the charts are written into DIR/charts.");
            }

            if (parse.GetValue(shard) is { } part && (parse.GetValue(output) is null || parse.GetValue(charts)))
            {
                throw new UsageException($"--shard {part} needs --out DIR and no --charts: a shard writes only its partial results file, and the tables and charts, which need everyone, come from 'sarcosim merge'.");
            }

            var request = new RunRequest(input.Load(parse), (int?)parse.GetValue(threads), parse.GetValue(output), parse.GetValue(force), parse.GetValue(charts), parse.GetValue(yes), parse.GetValue(shard))
            {
                MaxVectorBits = parse.GetValue(vectorBits),
            };
            return parse.GetValue(mpi)
                ? await MpiRun.ExecuteAsync(context, request, cancellation)
                : await ExecuteAsync(context, request, ranks: null, cancellation);
        });
        return command;
    }

    /// <summary>
    /// The scenario with the histograms every chart kind needs added to its outputs, recorded in the scenario itself so
    /// the manifest says what was run.
    /// </summary>
    internal static Scenario WithChartHistograms(Scenario scenario)
    {
        ImmutableArray<Trait> histograms = [.. Traits.All.ToArray().Where(t => ChartCatalog.RequiredHistograms.Contains(t) || scenario.Outputs.Histograms.Contains(t))];
        return scenario with { Outputs = scenario.Outputs with { Histograms = histograms } };
    }

    /// <summary>
    /// Runs <paramref name="request"/>; with <paramref name="ranks"/> (<c>--mpi</c>), as rank r of K: it runs shard r/K,
    /// the partial results are added up on rank 0 (<see cref="MpiRun.ReduceToRankZero"/>), and rank 0 alone prints and
    /// writes, exactly what a single run prints and writes.
    /// </summary>
    internal static async Task<int> ExecuteAsync(CliContext context, RunRequest request, IRankCommunicator? ranks, CancellationToken cancellation)
    {
        (Scenario scenario, int? threads, string? outputFolder, bool force, bool charts, bool confirmed, ShardSpec? shard) = request;
        if (charts)
        {
            scenario = WithChartHistograms(scenario);
        }

        bool lead = ranks is null || ranks.Rank == 0;
        // Ranks that share the run with others: under 'mpirun -np 1' the run is an ordinary one.
        IRankCommunicator? world = ranks is { Size: > 1 } ? ranks : null;
        if (world is not null)
        {
            shard = new ShardSpec(world.Rank, world.Size);
        }

        int threadCount = threads ?? Environment.ProcessorCount;
        // Under MPI every rank weighs the largest rank's share, so that all ranks refuse or none does.
        long people = shard is not { } part ? scenario.Cohort.People
            : world is null ? PersonRange.OfShard(scenario.Cohort, part.Index, part.Count).Count
            : Enumerable.Range(0, part.Count).Max(k => PersonRange.OfShard(scenario.Cohort, k, part.Count).Count);
        RunEstimate estimate = RunEstimate.Of(scenario with { Cohort = scenario.Cohort with { People = Math.Max(1, people) } }, threadCount);
        if (estimate.NeedsConfirmation && !confirmed)
        {
            return lead
                ? throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{scenario.Cohort.People:N0} people over {scenario.Cohort.Years} years is {estimate.Describe(threadCount)}. Runs above {RunEstimate.ConfirmAbovePersonYears:0e+0} person-years need --yes; add it to run anyway, or lower --people."))
                : ExitCodes.InvalidInput;
        }

        if (RefusedOutput(world, lead ? outputFolder : null, force) is { } refused)
        {
            return refused;
        }

        try
        {
            if (lead)
            {
                context.WriteLine($"estimate: {estimate.Describe(threadCount)}");
                if (ranks is not null)
                {
                    context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mpi: {ranks.Size} ranks, {ranks.Description}"));
                }
            }

            DateTimeOffset started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var counter = new ProgressCounter();
            var options = new RunOptions
            {
                Threads = threadCount, MaxVectorBits = request.MaxVectorBits, Progress = counter, Cancellation = cancellation, ShardIndex = shard?.Index ?? 0, ShardCount = shard?.Count ?? 1,
            };
            Task<SimulationResult> run = Task.Run(() => Simulation.Run(scenario, options), cancellation);
            long shown = shard is { } own ? PersonRange.OfShard(scenario.Cohort, own.Index, own.Count).Count : scenario.Cohort.People;
            SimulationResult result = lead ? await ProgressDisplay.ShowAsync(context.Console, run, counter, shown, scenario.Cohort.Years) : await run;
            if (world is not null)
            {
                if (MpiRun.ReduceToRankZero(world, result) is not { } total)
                {
                    return ExitCodes.Success;
                }

                (result, shard) = (total, null);
            }

            ChartOutcome? drawn = null;
            if (outputFolder is not null)
            {
                RunManifest manifest = RunManifest.Of(scenario, result, threadCount, started) with { Shard = shard?.ToString(), MpiRanks = ranks?.Size };
                drawn = RunOutputs.Publish(outputFolder, force, result, manifest, started, charts ? new ChartInputsBuilder(threadCount) { MaxVectorBits = request.MaxVectorBits } : null, cancellation);
            }

            Summary.Print(context.Console, scenario, result, clock.Elapsed, outputFolder);
            return ChartDrawing.Finish(drawn, context.Error);
        }
        catch (Exception e) when (world is not null)
        {
            // The other ranks may be waiting for this one's partial results, or in MPI_Finalize for everyone: MPI_Abort
            // ends the whole job, with this rank's error and exit code.
            (int code, string message) = SarcosimCli.Describe(e, verbose: false);
            await context.Error.WriteLineAsync(message);
            world.Abort(code);
            return code;
        }
    }

    /// <summary>
    /// Checks, before the run rather than after minutes of work, that <paramref name="outputFolder"/> (given to rank 0
    /// only, which alone writes) can be published. Under MPI the ranks agree on the outcome: when rank 0 cannot write,
    /// it throws and every other rank returns its exit code, silently, instead of simulating for nothing.
    /// </summary>
    /// <param name="world">The ranks of a run shared by several, or <see langword="null"/>.</param>
    /// <param name="outputFolder">The folder this rank writes, if any.</param>
    /// <param name="force">Whether an existing folder is replaced.</param>
    private static int? RefusedOutput(IRankCommunicator? world, string? outputFolder, bool force)
    {
        Exception? refusal = null;
        try
        {
            if (outputFolder is not null)
            {
                OutputDirectory.EnsureCanPublish(outputFolder, force);
            }
        }
        catch (Exception e) when (world is not null)
        {
            refusal = e;
        }

        if (world is null)
        {
            return null;
        }

        long code = world.SumAll(refusal is null ? ExitCodes.Success : SarcosimCli.Describe(refusal, verbose: false).Code);
        if (refusal is not null)
        {
            ExceptionDispatchInfo.Throw(refusal);
        }

        return code == ExitCodes.Success ? null : (int)code;
    }
}

/// <summary>What <c>sarcosim run</c> was asked to do.</summary>
internal sealed record RunRequest(Scenario Scenario, int? Threads, string? OutputFolder, bool Force, bool Charts, bool Confirmed, ShardSpec? Shard)
{
    /// <summary>The widest vectors the engine may use (<c>--max-vector-bits</c>); <see langword="null"/> for the machine's widest.</summary>
    public int? MaxVectorBits { get; init; }
}

/// <summary>Receives progress from worker threads; reports may arrive out of order, so it keeps the largest.</summary>
internal sealed class ProgressCounter : IProgress<long>
{
    private long _done;

    public long Done => Volatile.Read(ref _done);

    public void Report(long value)
    {
        long seen = Volatile.Read(ref _done);
        while (value > seen)
        {
            long previous = Interlocked.CompareExchange(ref _done, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
