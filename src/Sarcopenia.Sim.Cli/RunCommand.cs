using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;

namespace Sarcopenia.Sim.Cli;

/// <summary><c>sarcosim run [scenario.json]</c>: runs a scenario, shows progress, writes the outputs and prints a summary.</summary>
internal static class RunCommand
{
    /// <summary>The subfolder of the output folder that <c>--charts</c> writes into.</summary>
    public const string ChartsFolder = "charts";

    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: every core). Results do not depend on it." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write prevalence.csv, traits.csv, deaths.csv, scenario.json, results.sarcosim.json and manifest.json into. Without it nothing is written." };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder if it exists (only once the new results are complete)." };
        var charts = new Option<bool>("--charts") { Description = $"Also draw every chart ({string.Join(", ", ChartCatalog.Names)}) as PNG and SVG into DIR/charts; needs --out." };
        var command = new Command("run", "Run a scenario (or the embedded default) and print prevalence by age band, sex and stage.");
        input.AddTo(command);
        command.Options.Add(threads);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(charts);
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(threads) is < 1)
            {
                throw new UsageException($"--threads {parse.GetValue(threads)} is not allowed; expected at least 1.");
            }

            if (parse.GetValue(charts) && parse.GetValue(output) is null)
            {
                throw new UsageException("--charts needs --out DIR: the charts are written into DIR/charts.");
            }

            var request = new RunRequest(input.Load(parse), parse.GetValue(threads), parse.GetValue(output), parse.GetValue(force), parse.GetValue(charts));
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
        (Scenario scenario, int? threads, string? outputFolder, bool force, bool charts) = request;
        if (charts)
        {
            scenario = WithChartHistograms(scenario);
        }

        if (outputFolder is not null)
        {
            // Fail before the run, not after minutes of work.
            OutputDirectory.EnsureCanPublish(outputFolder, force);
        }

        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var counter = new ProgressCounter();
        int threadCount = threads ?? Environment.ProcessorCount;
        var options = new RunOptions { Threads = threadCount, Progress = counter, Cancellation = cancellation };
        Task<SimulationResult> run = Task.Run(() => scenario.Run(options), cancellation);
        SimulationResult result = await ProgressDisplay.ShowAsync(context.Console, run, counter, scenario.Cohort.People, scenario.Cohort.Years);

        if (outputFolder is not null)
        {
            var manifest = new RunManifest
            {
                Tool = "sarcosim",
                ToolVersion = RunManifest.VersionOf(Assembly.GetExecutingAssembly()),
                Scenario = scenario,
                Seed = scenario.Seed,
                People = result.People,
                PersonYears = result.PersonYears,
                Threads = threadCount,
                StartedUtc = started,
                SimulationSeconds = result.Elapsed.TotalSeconds,
                PersonYearsPerSecond = result.PersonYearsPerSecond,
            };
            OutputDirectory.Publish(outputFolder, force, staging =>
            {
                if (charts)
                {
                    ChartCatalog.WriteAll(result, Path.Combine(staging, ChartsFolder), ChartFormat.All, new ChartOptions { Threads = threadCount });
                }

                RunOutputs.Write(staging, result, manifest, started, cancellation);
            });
        }

        Summary.Print(context.Console, scenario, result, clock.Elapsed, outputFolder);
        return ExitCodes.Success;
    }
}

/// <summary>What <c>sarcosim run</c> was asked to do.</summary>
internal sealed record RunRequest(Scenario Scenario, int? Threads, string? OutputFolder, bool Force, bool Charts);

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
