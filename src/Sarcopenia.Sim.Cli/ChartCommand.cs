using System.CommandLine;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim chart &lt;kind&gt; --from DIR</c> draws charts from a finished run's results file, without simulating again;
/// <c>sarcosim chart &lt;kind&gt; [scenario.json] --out DIR</c> runs a scenario (or the embedded default) and draws them.
/// </summary>
internal static class ChartCommand
{
    private const string AllKinds = "all";

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind") { Description = $"The chart kind: {string.Join(", ", ChartCatalog.Names)}, or {AllKinds} (every kind the results support)." };
        var from = new Option<string?>("--from") { Description = $"A folder written by 'sarcosim run --out' (its {ResultsFile.DefaultFileName} is read; nothing is simulated). Without it, the scenario is run." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the images (default with --from: DIR/charts; required without it); its parent folder must exist. Each image is written to a temporary file and renamed." };
        var input = new ScenarioInput();
        var vectorBits = CliOptions.MaxVectorBits();
        var format = CliOptions.Choice("--format", "Png, Svg or All.", ChartFormat.All, ChartFormat.Png, ChartFormat.Svg, ChartFormat.All);
        var command = new Command("chart", "Draw charts (PNG and SVG) from the results of an earlier 'sarcosim run --out DIR' (--from DIR), or from a scenario (or the embedded default), which is run first.");
        command.Arguments.Add(kind);
        input.AddTo(command);
        command.Options.Add(from);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(vectorBits);
        command.SetAction((parse, cancellation) =>
        {
            string name = parse.GetValue(kind)!;
            bool all = string.Equals(name, AllKinds, StringComparison.OrdinalIgnoreCase);
            ChartKind[] kinds = all ? [.. ChartCatalog.All] : [Find(name)];
            string? folder = parse.GetValue(from);
            if (folder is not null)
            {
                RefuseScenario(parse, input);
            }

            string target = parse.GetValue(output) ?? (folder is not null
                ? Path.Combine(folder, RunCommand.ChartsFolder)
                : throw new UsageException("Without --from, give --out DIR for the images (the scenario is run first)."));
            // An earlier run is read before the image folder is made, a scenario is run after: both fail before any work.
            SimulationResult? earlier = folder is null ? null : Read(Path.Combine(folder, ResultsFile.DefaultFileName));
            ImageFolder.Prepare(target);
            SimulationResult result = earlier ?? Simulation.Run(RunCommand.WithChartHistograms(input.Load(parse)), new RunOptions { MaxVectorBits = parse.GetValue(vectorBits), Cancellation = cancellation });
            if (!all && kinds[0].Unavailable(result) is { } reason)
            {
                throw new UsageException($"The \"{kinds[0].Name}\" charts {reason}; rerun with 'sarcosim run --charts', which accumulates every histogram the charts need.");
            }

            ChartOutcome drawn = ChartDrawing.Draw(kinds, result, new ChartInputsBuilder(threads: null) { MaxVectorBits = parse.GetValue(vectorBits) }, target, parse.GetValue(format), new ChartOptions(), cancellation);
            foreach (string path in drawn.Written)
            {
                context.WriteLine(path);
            }

            ChartDrawing.Report(drawn, context.Error);
            return Task.FromResult(drawn.ExitCode);
        });
        return command;
    }

    private static void RefuseScenario(ParseResult parse, ScenarioInput input)
    {
        if (parse.GetValue(input.File) is not null || parse.GetValue(input.People) is not null || parse.GetValue(input.Seed) is not null
            || parse.GetValue(input.Preset) is not null || parse.GetValue(input.Definition) is not null)
        {
            throw new UsageException("--from draws an earlier run as it was; give either --from DIR or a scenario (with --people, --seed, --preset, --definition), not both.");
        }
    }

    private static ChartKind Find(string name)
    {
        try
        {
            return ChartCatalog.Get(name);
        }
        catch (ArgumentException)
        {
            string[] names = [.. ChartCatalog.Names, AllKinds];
            throw new UsageException($"Unknown chart kind \"{name}\"; expected one of {string.Join(", ", names)}.");
        }
    }

    private static SimulationResult Read(string path)
    {
        try
        {
            return ResultsFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read {path}: {e.Message} Give --from a folder written by 'sarcosim run --out'.");
        }
    }
}
