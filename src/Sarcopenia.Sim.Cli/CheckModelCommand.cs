using System.CommandLine;
using System.Globalization;
using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim check-model [scenario.json] [--targets file.csv]</c>: runs the scenario's model against published
/// targets (the shipped validation set by default), prints and writes the comparison, and exits 0 when every compared
/// target passes, 1 when some fail.
/// </summary>
internal static class CheckModelCommand
{
    /// <summary>The comparison table, one row per target.</summary>
    public const string TableFile = "check-model.csv";

    /// <summary>The comparison as Markdown (the same text <c>--markdown</c> writes).</summary>
    public const string MarkdownFile = "check-model.md";

    /// <summary>The forest plot's file name, without extension (PNG and SVG).</summary>
    public const string ChartName = "forest";

    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var targets = new Option<string?>("--targets") { Description = $"A targets CSV file (docs/research/targets/README.md) to compare with, instead of the shipped {TargetFile.ShippedValidationName}." };
        var output = new ReportOutput($"{TableFile}, {MarkdownFile} and {ChartName}.png/.svg");
        var markdown = new Option<string?>("--markdown") { Description = "Also write the Markdown report to this file (e.g. docs/validation.md), replacing it atomically." };
        var command = new Command("check-model",
            $"Compare the model of a scenario (or the embedded default) with published data: each prevalence under its own definition, each ancestry alone, {ModelCheckOptions.DefaultPeople:N0} people per run unless --people. Exit 0: all pass; 1: some fail.");
        input.AddTo(command);
        command.Options.Add(targets);
        command.Options.Add(markdown);
        output.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            Scenario scenario = input.Load(parse);
            IReadOnlyList<Target> list = parse.GetValue(targets) is { } path ? TargetFile.Read(path) : TargetFile.ShippedValidation();
            output.EnsureCanPublish(parse);
            long people = parse.GetValue(input.People) ?? ModelCheckOptions.DefaultPeople;
            var options = new ModelCheckOptions { People = people, RunOptions = output.RunOptions(parse, cancellation) };
            ModelCheckReport report = ModelCheck.Run(scenario, list, options);
            Print(context, report);
            string preamble = Preamble(parse, input);
            output.Publish(parse, context, $"{TableFile}, {MarkdownFile}, {ChartName}.png and {ChartName}.svg", staging => Write(staging, report, preamble));

            if (parse.GetValue(markdown) is { } markdownPath)
            {
                AtomicFile.Write(markdownPath, stream => WriteMarkdown(stream, report, preamble));
                context.WriteLine($"wrote {markdownPath}");
            }

            if (report.Failed > 0)
            {
                context.Error.WriteLine($"sarcosim: {report.Failed} of {report.Compared} compared targets fail.");
                return Task.FromResult(ExitCodes.TargetsFailed);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static void Print(CliContext context, ModelCheckReport report)
    {
        IAnsiConsole console = context.Console;
        var table = new Table()
            .Border(console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii)
            .Title(Markup.Escape($"{report.Scenario.Model.Name} against published data ({report.People:N0} people per run)"))
            .AddColumns("Id", "Definition", "Stage / quantity", "Sex, ancestry", "Ages", "Published", "Simulated (95% MC)", "Tolerance", "Outcome");
        foreach (TargetEvaluation row in report.Rows)
        {
            Target t = row.Target;
            table.AddRow([.. new[]
            {
                t.Id, t.Definition ?? "", t.Stage?.ToString() ?? $"{t.Quantity} {ModelCheckReport.StatisticName(t.Statistic)}", t.PopulationText, t.AgesText, ModelCheckReport.FormatValue(t.Value),
                double.IsNaN(row.Simulated) ? "-" : $"{ModelCheckReport.FormatValue(row.Simulated)} ({ModelCheckReport.FormatValue(row.Lower)}-{ModelCheckReport.FormatValue(row.Upper)})",
                double.IsNaN(row.Tolerance) ? "-" : $"±{ModelCheckReport.FormatValue(row.Tolerance)}",
                row.Outcome switch
                {
                    TargetOutcome.Pass => "pass",
                    TargetOutcome.Fail => "FAIL",
                    TargetOutcome.NotComparable => $"not comparable: {row.Note}",
                    _ => $"not modelled: {row.Note}",
                },
            }.Select(Markup.Escape)]);
        }

        console.Write(table);
        context.WriteLine(report.SummaryLine);
        if (report.ConflictsLine is { } conflicts)
        {
            context.WriteLine(conflicts);
        }
    }

    private static void Write(string folder, ModelCheckReport report, string preamble)
    {
        ReportOutput.WriteText(folder, TableFile, report.WriteCsv);
        ReportOutput.WriteText(folder, MarkdownFile, writer => report.WriteMarkdown(writer, preamble));

        ChartExport.Save(FitCharts.Forest(report), folder, ChartName, ChartFormat.All, ChartExport.DefaultWidth, FitCharts.ForestHeight(report));
    }

    private static void WriteMarkdown(Stream stream, ModelCheckReport report, string preamble)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        report.WriteMarkdown(writer, preamble);
    }

    /// <summary>The generated document's header: what it is and the command that regenerates it.</summary>
    private static string Preamble(ParseResult parse, ScenarioInput input)
    {
        string command = "sarcosim " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
        return "# Validation: the model against published prevalence\n\n"
            + "<!-- GENERATED FILE: do not edit by hand. -->\n"
            + $"Generated by `{command}` from {input.SourceName(parse)}; regenerate it with the same command "
            + "(from the repository: `dotnet run --project src/Sarcopenia.Sim.Cli -- check-model --markdown docs/validation.md`). "
            + string.Create(CultureInfo.InvariantCulture, $"The targets and their sources: docs/research/targets/README.md.\n\n");
    }
}
