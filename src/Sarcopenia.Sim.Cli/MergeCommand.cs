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
        var command = new Command("merge", "Add up the partial results of one run (from 'sarcosim run --shard k/N') into the outputs of the whole run, or the units of one projection ('sarcosim project|compare --shard k/N') into the outputs of the single projection; refuses shards of other runs, overlapping or repeated shards, damaged files and, without --partial, missing shards.");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(partial);
        command.Options.Add(charts);
        command.Options.Add(MicrosimCommands.Parquet);
        command.SetAction((parse, cancellation) =>
        {
            string outputFolder = parse.GetValue(output)!;
            bool replace = parse.GetValue(force);
            OutputDirectory.EnsureCanPublish(outputFolder, replace);
            DateTimeOffset started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            string[] files = [.. parse.GetValue(inputs)!.SelectMany(ResultsFiles)];
            string[] projections = [.. files.Where(f => Path.GetFileName(f) == ProjectionPartialFile.DefaultFileName || IsProjectionPartial(f))];
            if (projections.Length > 0)
            {
                return Task.FromResult(MergeProjections(context, files, projections, outputFolder, replace, parse.GetValue(partial), parse.GetValue(charts), parse.GetValue(MicrosimCommands.Parquet), cancellation));
            }

            if (parse.GetValue(MicrosimCommands.Parquet))
            {
                throw new UsageException("--parquet is not allowed when merging a run's shards; it writes a projection's stages and transitions as Parquet (merge of 'sarcosim project --shard' units).");
            }

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
    /// Merges the units of a projection (<c>sarcosim project --shard k/N</c>) or a comparison (<c>sarcosim compare --shard k/N</c>)
    /// into the outputs of the single command.
    /// </summary>
    private static int MergeProjections(CliContext context, string[] files, string[] projections, string outputFolder, bool replace, bool partial, bool charts, bool parquet, CancellationToken cancellation)
    {
        if (projections.Length != files.Length)
        {
            string run = files.First(f => !projections.Contains(f));
            throw new UsageException($"{run} holds a run's partial results and {projections[0]} a projection's; merge the shards of one run or the units of one projection at a time.");
        }

        foreach ((string option, bool given) in ((string, bool)[])[("--partial", partial), ("--charts", charts)])
        {
            if (given)
            {
                throw new UsageException($"{option} is not allowed when merging a projection's units; a projection merges only when every replicate is there, and writes its tables (and with --parquet their Parquet copies).");
            }
        }

        return MicrosimCommands.Merge(context, ProjectionPartialFile.ReadUnits(projections), outputFolder, replace, parquet, cancellation);
    }

    /// <summary>Whether a file given by name is a partial projection file rather than a run's results file (its first bytes say which format it is).</summary>
    private static bool IsProjectionPartial(string path)
    {
        using FileStream stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[FormatProbe];
        int read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(start[..read]).Contains($"\"{ProjectionPartialFile.Format}\"", StringComparison.Ordinal);
    }

    // Both formats write their format field first; this many bytes hold it.
    private const int FormatProbe = 64;

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

        string[] own = [.. Own(input)];
        if (own.Length > 0)
        {
            return own;
        }

        string[] inside = [.. Directory.EnumerateDirectories(input).SelectMany(Own).Order(StringComparer.Ordinal)];
        return inside.Length > 0
            ? inside
            : throw new UsageException($"{input} holds no {ResultsFile.DefaultFileName} or {ProjectionPartialFile.DefaultFileName}, and neither do the folders inside it; give shard folders written by 'sarcosim run --shard k/N --out DIR' (or unit folders of 'sarcosim project --shard k/N'), or their files.");

        // A shard folder's results file, or a projection unit folder's partial projection file.
        static IEnumerable<string> Own(string folder) =>
            ((string[])[ResultsFile.DefaultFileName, ProjectionPartialFile.DefaultFileName]).Select(name => Path.Combine(folder, name)).Where(File.Exists);
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
