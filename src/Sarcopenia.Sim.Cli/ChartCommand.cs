using System.CommandLine;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;

namespace Sarcopenia.Sim.Cli;

/// <summary><c>sarcosim chart &lt;kind&gt; --from DIR</c>: draws charts from a finished run's results file.</summary>
internal static class ChartCommand
{
    private const string AllKinds = "all";

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind") { Description = $"The chart kind: {string.Join(", ", ChartCatalog.Names)}, or {AllKinds}." };
        var from = new Option<string>("--from") { Description = $"A folder written by 'sarcosim run --out' (its {ResultsFile.DefaultFileName} is read).", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the images (default: DIR/charts). Each image is written to a temporary file and renamed." };
        var format = new Option<ChartFormat>("--format") { Description = "Png, Svg or All.", DefaultValueFactory = _ => ChartFormat.All };
        var command = new Command("chart", "Draw charts (PNG and SVG) from the results of an earlier 'sarcosim run --out DIR'.");
        command.Arguments.Add(kind);
        command.Options.Add(from);
        command.Options.Add(output);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(kind)!;
            ChartKind[] kinds = string.Equals(name, AllKinds, StringComparison.OrdinalIgnoreCase) ? [.. ChartCatalog.All] : [Find(name)];
            string folder = parse.GetValue(from)!;
            SimulationResult result = Read(Path.Combine(folder, ResultsFile.DefaultFileName));
            string target = parse.GetValue(output) ?? Path.Combine(folder, RunCommand.ChartsFolder);
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
