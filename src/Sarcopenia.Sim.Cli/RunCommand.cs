using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
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
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write prevalence.csv, traits.csv, deaths.csv, scenario.json, results.sarcosim.json and manifest.json into; its parent folder must exist. Without it nothing is written." };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder if it exists (only once the new results are complete)." };
        var charts = new Option<bool>("--charts") { Description = $"Also draw every chart ({string.Join(", ", ChartCatalog.Names)}) as PNG and SVG into DIR/charts, after the tables; needs --out." };
        var shard = CliOptions.Shard("--shard", "Run only shard k of N (k/N, 0-based) and write its partial results file into --out DIR, for 'sarcosim merge'; the shards of a run add up to it exactly, whatever their threads.");
        var yes = new Option<bool>("--yes") { Description = $"Run even above {RunEstimate.ConfirmAbovePersonYears:0e+0} person-years (people x years), which takes hours or more." };
        var command = new Command("run", "Run a scenario (or the embedded default) and print prevalence by age band, sex and stage.");
        input.AddTo(command);
        command.Options.Add(threads);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(charts);
        command.Options.Add(shard);
        command.Options.Add(yes);
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(charts) && parse.GetValue(output) is null)
            {
                throw new UsageException("--charts needs --out DIR: the charts are written into DIR/charts.");
            }

            if (parse.GetValue(shard) is { } part && (parse.GetValue(output) is null || parse.GetValue(charts)))
            {
                throw new UsageException($"--shard {part} needs --out DIR and no --charts: a shard writes only its partial results file, and the tables and charts, which need everyone, come from 'sarcosim merge'.");
            }

            var request = new RunRequest(input.Load(parse), (int?)parse.GetValue(threads), parse.GetValue(output), parse.GetValue(force), parse.GetValue(charts), parse.GetValue(yes), parse.GetValue(shard));
            return await ExecuteAsync(context, request, cancellation);
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

    private static async Task<int> ExecuteAsync(CliContext context, RunRequest request, CancellationToken cancellation)
    {
        (Scenario scenario, int? threads, string? outputFolder, bool force, bool charts, bool confirmed, ShardSpec? shard) = request;
        if (charts)
        {
            scenario = WithChartHistograms(scenario);
        }

        int threadCount = threads ?? Environment.ProcessorCount;
        long people = shard is { } part ? PersonRange.OfShard(scenario.Cohort, part.Index, part.Count).Count : scenario.Cohort.People;
        RunEstimate estimate = RunEstimate.Of(scenario with { Cohort = scenario.Cohort with { People = Math.Max(1, people) } }, threadCount);
        if (estimate.NeedsConfirmation && !confirmed)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Cohort.People:N0} people over {scenario.Cohort.Years} years is {estimate.Describe(threadCount)}. Runs above {RunEstimate.ConfirmAbovePersonYears:0e+0} person-years need --yes; add it to run anyway, or lower --people."));
        }

        if (outputFolder is not null)
        {
            // Fail before the run, not after minutes of work.
            OutputDirectory.EnsureCanPublish(outputFolder, force);
        }

        context.WriteLine($"estimate: {estimate.Describe(threadCount)}");
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var counter = new ProgressCounter();
        var options = new RunOptions { Threads = threadCount, Progress = counter, Cancellation = cancellation, ShardIndex = shard?.Index ?? 0, ShardCount = shard?.Count ?? 1 };
        Task<SimulationResult> run = Task.Run(() => Simulation.Run(scenario, options), cancellation);
        SimulationResult result = await ProgressDisplay.ShowAsync(context.Console, run, counter, people, scenario.Cohort.Years);

        ChartOutcome? drawn = null;
        if (outputFolder is not null)
        {
            RunManifest manifest = RunManifest.Of(scenario, result, threadCount, started) with { Shard = shard?.ToString() };
            drawn = RunOutputs.Publish(outputFolder, force, result, manifest, started, charts ? new ChartInputsBuilder(threadCount) : null, cancellation);
        }

        Summary.Print(context.Console, scenario, result, clock.Elapsed, outputFolder);
        return ChartDrawing.Finish(drawn, context.Error);
    }
}

/// <summary>What <c>sarcosim run</c> was asked to do.</summary>
internal sealed record RunRequest(Scenario Scenario, int? Threads, string? OutputFolder, bool Force, bool Charts, bool Confirmed, ShardSpec? Shard);

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
