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
        var kind = new Argument<string>("kind") { Description = $"The chart kind: {string.Join(", ", ChartCatalog.Names)}, or {AllKinds}." };
        var from = new Option<string?>("--from") { Description = $"A folder written by 'sarcosim run --out' (its {ResultsFile.DefaultFileName} is read; nothing is simulated). Without it, the scenario is run." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the images (default with --from: DIR/charts; required without it). Each image is written to a temporary file and renamed." };
        var input = new ScenarioInput();
        var format = new Option<ChartFormat>("--format") { Description = "Png, Svg or All.", DefaultValueFactory = _ => ChartFormat.All };
        var command = new Command("chart", "Draw charts (PNG and SVG) from the results of an earlier 'sarcosim run --out DIR' (--from DIR), or from a scenario (or the embedded default), which is run first.");
        command.Arguments.Add(kind);
        input.AddTo(command);
        command.Options.Add(from);
        command.Options.Add(output);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(kind)!;
            ChartKind[] kinds = string.Equals(name, AllKinds, StringComparison.OrdinalIgnoreCase) ? [.. ChartCatalog.All] : [Find(name)];
            (SimulationResult result, string target) = parse.GetValue(from) is { } folder
                ? FromRun(parse, input, folder, parse.GetValue(output))
                : FromScenario(parse, input, parse.GetValue(output));
            Directory.CreateDirectory(target);
            foreach (ChartKind chartKind in kinds)
            {
                foreach (string path in Draw(chartKind, result, target, parse.GetValue(format)))
                {
                    context.WriteLine(path);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (SimulationResult Result, string Target) FromRun(ParseResult parse, ScenarioInput input, string folder, string? output)
    {
        if (parse.GetValue(input.File) is not null || parse.GetValue(input.People) is not null || parse.GetValue(input.Seed) is not null
            || parse.GetValue(input.Preset) is not null || parse.GetValue(input.Definition) is not null)
        {
            throw new UsageException("--from draws an earlier run as it was; give either --from DIR or a scenario (with --people, --seed, --preset, --definition), not both.");
        }

        return (Read(Path.Combine(folder, ResultsFile.DefaultFileName)), output ?? Path.Combine(folder, RunCommand.ChartsFolder));
    }

    private static (SimulationResult Result, string Target) FromScenario(ParseResult parse, ScenarioInput input, string? output)
    {
        string target = output ?? throw new UsageException("Without --from, give --out DIR for the images (the scenario is run first).");
        return (RunCommand.WithChartHistograms(input.Load(parse)).Run(), target);
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

    private static IReadOnlyList<string> Draw(ChartKind kind, SimulationResult result, string target, ChartFormat format)
    {
        TraitSet missing = kind.RequiredHistograms & ~result.Histograms;
        if (missing != TraitSet.None)
        {
            throw new UsageException($"The \"{kind.Name}\" charts need histograms of {missing}, which this run did not accumulate; rerun with 'sarcosim run --charts', which accumulates them.");
        }

        return kind.Write(result, target, format);
    }
}
