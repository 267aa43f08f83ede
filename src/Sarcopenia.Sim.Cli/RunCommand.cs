using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli;

/// <summary><c>sarcosim run [scenario.json]</c>: runs a scenario, shows progress, writes the outputs and prints a summary.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: every core). Results do not depend on it." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write prevalence.csv, traits.csv, deaths.csv, scenario.json, results.sarcosim.json and manifest.json into. Without it nothing is written." };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder if it exists (only once the new results are complete)." };
        var command = new Command("run", "Run a scenario (or the embedded default) and print prevalence by age band, sex and stage.");
        input.AddTo(command);
        command.Options.Add(threads);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(threads) is < 1)
            {
                throw new UsageException($"--threads {parse.GetValue(threads)} is not allowed; expected at least 1.");
            }

            return await ExecuteAsync(context, input.Load(parse), parse.GetValue(threads), parse.GetValue(output), parse.GetValue(force), cancellation);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, Scenario scenario, int? threads, string? outputFolder, bool force, CancellationToken cancellation)
    {
        if (outputFolder is not null)
        {
            // Fail before the run, not after minutes of work.
            OutputDirectory.EnsureCanPublish(outputFolder, force);
        }

        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var counter = new ProgressCounter();
        int threadCount = threads ?? Environment.ProcessorCount;
        RunOptions options = scenario.ToRunOptions(new RunOptions { Threads = threadCount, Progress = counter, Cancellation = cancellation });
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
            OutputDirectory.Publish(outputFolder, force, staging => RunOutputs.Write(staging, result, manifest, started, cancellation));
        }

        Summary.Print(context.Console, scenario, result, clock.Elapsed, outputFolder);
        return ExitCodes.Success;
    }
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
