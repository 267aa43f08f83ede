using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim merge DIR… | FILE… --out DIR [--charts]</c>: adds up the partial results of one run (written by
/// <c>sarcosim run --shard k/N --out DIR</c>) and writes the same outputs as the single run would have, charts included.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = $"Shard folders (each with its {ResultsFile.DefaultFileName}), a folder of such folders, or results files.",
        };
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write the merged run's outputs into (as 'sarcosim run --out' does); its parent folder must exist.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder if it exists (only once the merged results are complete)." };
        var partial = new Option<bool>("--partial") { Description = "Merge even if shards are missing, into a partial results file (no CSV tables) that a later merge can complete." };
        var charts = new Option<bool>("--charts") { Description = "Also draw every chart as PNG and SVG into DIR/charts, after the tables, as 'sarcosim run --charts' does; kinds whose histograms the shards did not accumulate are skipped with a note." };
        var command = new Command("merge", "Add up the partial results of one run (from 'sarcosim run --shard k/N') into the outputs of the whole run; refuses shards of other runs, overlapping or repeated shards, damaged files and, without --partial, missing shards.");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(partial);
        command.Options.Add(charts);
        command.SetAction((parse, cancellation) =>
        {
            string outputFolder = parse.GetValue(output)!;
            bool replace = parse.GetValue(force);
            OutputDirectory.EnsureCanPublish(outputFolder, replace);
            DateTimeOffset started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            string[] files = [.. parse.GetValue(inputs)!.SelectMany(ResultsFiles)];
            SimulationResult result = ResultsFile.ReadShards(files, parse.GetValue(partial));
            bool drawCharts = parse.GetValue(charts);
            if (drawCharts && !result.IsComplete)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--charts needs every shard, but these partial results hold {result.People:N0} of {result.Cohort.People:N0} people; merge the missing shards too, or leave out --charts."));
            }

            Scenario scenario = ScenarioOf(result, files[0]);
            // Merging adds integer tables on one thread; the simulation time is the slowest shard's.
            RunManifest manifest = RunManifest.Of(scenario, result, threads: 1, started) with { MergedFrom = [.. files] };
            // The comparisons the charts rerun use every core, as 'sarcosim chart' does.
            ChartOutcome? drawn = RunOutputs.Publish(outputFolder, replace, result, manifest, started, drawCharts ? new ChartInputsBuilder(threads: null) : null, cancellation);
            context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {files.Length} partial results: {result.People:N0} of {result.Cohort.People:N0} people{(result.IsComplete ? "" : " (a partial result)")}"));
            Summary.Print(context.Console, scenario, result, clock.Elapsed, outputFolder);
            return Task.FromResult(ChartDrawing.Finish(drawn, context.Error));
        });
        return command;
    }

    /// <summary>
    /// The results files an input names: the file itself, the results file of a shard folder, or those of the shard
    /// folders inside a folder (sorted by name).
    /// </summary>
    private static IEnumerable<string> ResultsFiles(string input)
    {
        if (File.Exists(input))
        {
            return [input];
        }

        if (!Directory.Exists(input))
        {
            throw new UsageException($"{input} does not exist; give shard folders written by 'sarcosim run --shard k/N --out DIR', a folder holding them, or their {ResultsFile.DefaultFileName} files.");
        }

        string own = Path.Combine(input, ResultsFile.DefaultFileName);
        if (File.Exists(own))
        {
            return [own];
        }

        string[] inside =
        [
            .. Directory.EnumerateDirectories(input)
                .Select(folder => Path.Combine(folder, ResultsFile.DefaultFileName))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal),
        ];
        return inside.Length > 0
            ? inside
            : throw new UsageException($"{input} holds no {ResultsFile.DefaultFileName}, and neither do the folders inside it; give shard folders written by 'sarcosim run --shard k/N --out DIR' or their results files.");
    }

    /// <summary>
    /// The scenario of the merged run: the <c>scenario.json</c> beside the first results file (a shard folder has one),
    /// which must describe the same run; otherwise one rebuilt from the results file, named after its model.
    /// </summary>
    private static Scenario ScenarioOf(SimulationResult result, string firstFile)
    {
        string path = Path.Combine(Path.GetDirectoryName(firstFile) ?? "", RunOutputs.ScenarioFileName);
        if (File.Exists(path))
        {
            Scenario written = ScenarioFile.Load(path);
            return written.RunHash() == result.RunHash
                ? written
                : throw new InvalidDataException($"{path} does not describe the run of {firstFile} (their run hashes differ); remove it or write the shard again.");
        }

        return new Scenario
        {
            Name = result.Model.Name,
            Model = result.Model,
            Cohort = result.Cohort,
            Seed = result.Seed,
            Outputs = new ScenarioOutputs
            {
                Statistics = [.. Traits.All.ToArray().Where(t => result.Statistics.Contains(t))],
                StandardDeviations = result.Options.StandardDeviations,
                Histograms = [.. Traits.All.ToArray().Where(t => result.Histograms.Contains(t))],
            },
        };
    }
}
