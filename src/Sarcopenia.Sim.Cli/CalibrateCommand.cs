using System.CommandLine;
using System.Globalization;
using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim calibrate [scenario.json] --targets file.csv --fit PATH...</c>: fits scenario parameters, named by their
/// scenario-file paths, to targets (<see cref="Calibration.Fit"/>), prints and writes the fit, and exits 5 when the
/// optimiser did not converge (after reporting its best point).
/// </summary>
internal static class CalibrateCommand
{
    /// <summary>Each parameter's start, fitted value and range.</summary>
    public const string ParametersFile = "parameters.csv";

    /// <summary>Each target before and after the fit.</summary>
    public const string FitFile = "fit.csv";

    /// <summary>The fitted scenario, ready for <c>sarcosim run</c>.</summary>
    public const string ScenarioFileName = "scenario.json";

    /// <summary>The residuals chart's file name, without extension (PNG and SVG).</summary>
    public const string ChartName = "calibration";

    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var targets = new Option<string>("--targets") { Description = "The targets CSV file to fit to (e.g. docs/research/targets/calibration-norms.csv).", Required = true };
        var fit = new Option<string[]>("--fit")
        {
            Description = "Paths of the parameters to fit, as in scenario files, e.g. model.massLoss.medianRate.female or model.strength.qualityDeclinePerYear.female.values[2]; give several after one --fit or repeat it.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var quantities = new Option<string[]>("--quantities")
        {
            Description = "Fit only to the targets of these quantities, e.g. Asm Asmi AsmAnnualChangePercent (default: every target in the file); fitting mass parameters to mass targets and strength parameters to grip targets keeps each block's evidence apart.",
            AllowMultipleArgumentsPerToken = true,
        };
        var iterations = CliOptions.Count("--max-iterations", null, $"The most simplex iterations (default {CalibrationOptions.DefaultMaxIterations}); without convergence by then the best point is reported and the exit code is 5.", 1, 1_000_000);
        var output = new ReportOutput($"{ParametersFile}, {FitFile}, the fitted {ScenarioFileName} and {ChartName}.png/.svg");
        var command = new Command("calibrate",
            $"Fit parameters of a scenario (or the embedded default) to targets by Nelder-Mead on common random numbers ({ModelCheckOptions.DefaultPeople:N0} people per run unless --people). Exit 5: not converged.");
        input.AddTo(command);
        command.Options.Add(targets);
        command.Options.Add(fit);
        command.Options.Add(quantities);
        command.Options.Add(iterations);
        output.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            Scenario scenario = input.Load(parse);
            IReadOnlyList<Target> list = Select(TargetFile.Read(parse.GetValue(targets)!), parse.GetValue(quantities));
            output.EnsureCanPublish(parse);
            var options = new CalibrationOptions
            {
                People = parse.GetValue(input.People) ?? ModelCheckOptions.DefaultPeople,
                MaxIterations = (int)(parse.GetValue(iterations) ?? CalibrationOptions.DefaultMaxIterations),
                Source = input.SourceName(parse),
                RunOptions = output.RunOptions(parse, cancellation),
            };
            CalibrationResult result;
            try
            {
                result = Calibration.Fit(scenario, list, parse.GetValue(fit)!, options);
            }
            catch (ArgumentException e) when (e is not Common.ParameterValidationException)
            {
                throw new UsageException($"--fit / --targets: {e.Message.Split(" (Parameter", 2)[0]}");
            }

            Print(context, result);
            output.Publish(parse, context, $"{ParametersFile}, {FitFile}, {ScenarioFileName}, {ChartName}.png and {ChartName}.svg", staging => Write(staging, result));

            if (!result.Converged)
            {
                context.Error.WriteLine($"sarcosim: the fit {result.Message}.");
                return Task.FromResult(ExitCodes.NotConverged);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>The targets of the quantities named (every target when none is named).</summary>
    private static IReadOnlyList<Target> Select(IReadOnlyList<Target> targets, string[]? quantities)
    {
        if (quantities is null || quantities.Length == 0)
        {
            return targets;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in quantities.SelectMany(q => q.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!targets.Any(t => string.Equals(t.Quantity, name, StringComparison.OrdinalIgnoreCase)))
            {
                string inFile = string.Join(", ", targets.Select(t => t.Quantity).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));
                throw new UsageException($"--quantities: \"{name}\" is not a quantity of the targets file; expected some of: {inFile}.");
            }

            names.Add(name);
        }

        return [.. targets.Where(t => names.Contains(t.Quantity))];
    }

    private static void Print(CliContext context, CalibrationResult result)
    {
        IAnsiConsole console = context.Console;
        TableBorder border = console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii;
        var parameters = new Table().Border(border).Title("Parameters").AddColumns("Parameter", "Start", "Fitted", "Range");
        foreach (FittedParameter p in result.Parameters)
        {
            parameters.AddRow([.. new[] { p.Path, G(p.Start), G(p.Fitted), $"[{G(p.Lower)}, {G(p.Upper)}]" }.Select(Markup.Escape)]);
        }

        var fits = new Table().Border(border).Title("Targets (residual = (simulated - target) / scale)")
            .AddColumns("Id", "Quantity", "Sex, ancestry", "Ages", "Target", "Before", "After", "Scale", "Residual before", "Residual after", "Note");
        foreach (FittedTarget row in result.Targets)
        {
            Target t = row.Target;
            fits.AddRow([.. new[]
            {
                t.Id, $"{t.Quantity} {ModelCheckReport.StatisticName(t.Statistic)} ({t.Unit})", t.PopulationText, t.AgesText, G(t.Value),
                G(row.Before), G(row.After), G(row.Scale), G(row.ResidualBefore), G(row.ResidualAfter), row.Note,
            }.Select(Markup.Escape)]);
        }

        console.Write(parameters);
        console.Write(fits);
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"objective {result.ObjectiveBefore:G6} -> {result.ObjectiveAfter:G6}; {result.Iterations} iterations, {result.Evaluations} evaluations, {result.Elapsed.TotalSeconds:0.0} s; {result.Message}"));
    }

    private static void Write(string folder, CalibrationResult result)
    {
        ReportOutput.WriteText(folder, ParametersFile, writer =>
        {
            writer.Write("parameter,start,fitted,lower,upper,converged\n");
            foreach (FittedParameter p in result.Parameters)
            {
                writer.Write(string.Join(',', p.Path, R(p.Start), R(p.Fitted), R(p.Lower), R(p.Upper), result.Converged ? "true" : "false") + "\n");
            }
        });
        ReportOutput.WriteText(folder, FitFile, writer =>
        {
            writer.Write("id,quantity,statistic,unit,sex,ancestry,ages,target,before,after,scale,residual_before,residual_after,note\n");
            foreach (FittedTarget row in result.Targets)
            {
                Target t = row.Target;
                string[] fields = [t.Id, t.Quantity, ModelCheckReport.StatisticName(t.Statistic), t.Unit, t.Sex?.ToString() ?? "Both", t.Ancestry?.ToString() ?? "Mixed", t.AgesText,
                    R(t.Value), R(row.Before), R(row.After), R(row.Scale), R(row.ResidualBefore), R(row.ResidualAfter), row.Note];
                writer.Write(string.Join(',', fields.Select(ModelCheckReport.QuoteCsv)) + "\n");
            }
        });
        ReportOutput.WriteText(folder, ScenarioFileName, writer => writer.Write(ScenarioFile.Serialize(result.Fitted) + "\n"));
        ChartExport.Save(FitCharts.Calibration(result), folder, ChartName, ChartFormat.All, ChartExport.DefaultWidth, FitCharts.CalibrationHeight(result));
    }

    private static string G(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static string R(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
}
