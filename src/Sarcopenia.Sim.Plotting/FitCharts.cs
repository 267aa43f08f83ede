using System.Globalization;
using Sarcopenia.Sim.Fitting;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Charts of the model against published data: a forest plot of a model check (<see cref="ModelCheck"/>) and the
/// targets of a calibration before and after the fit (<see cref="Calibration"/>). They draw the reports they are given.
/// </summary>
public static class FitCharts
{
    /// <summary>Pixels of image height per forest-plot row, so that labels never overlap; see <see cref="ForestHeight"/>.</summary>
    public const int ForestRowHeight = 18;

    // Room for the title, axis, legend and caption around the rows.
    private const int ForestMargin = 220;

    private const float MarkerSize = 7;
    private const float IntervalWidth = 2;

    // Groups are separated by an empty row, so the definition's label has a line of its own.
    private const double GroupGap = 1;

    /// <summary>The image height that gives a forest plot of <paramref name="report"/> a readable row per target.</summary>
    public static int ForestHeight(ModelCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ForestMargin + (ForestRowHeight * (Compared(report).Count() + (2 * Compared(report).Select(r => r.Target.Definition).Distinct().Count())));
    }

    /// <summary>
    /// Draws a forest plot of <paramref name="report"/>: a row per compared target, grouped by definition (norms last),
    /// with the published value and its tolerance as a grey interval and the simulated value and its 95 % Monte Carlo
    /// interval in the colour of its outcome. Targets not compared (not comparable, not modelled) are counted in the caption.
    /// </summary>
    public static Plot Forest(ModelCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        double y = 0;
        foreach (IGrouping<string, TargetEvaluation> group in Compared(report).GroupBy(r => r.Target.Definition ?? "Norms and rates"))
        {
            ticks.AddMajor(y, group.Key);
            y -= 1;
            foreach (TargetEvaluation row in group)
            {
                Target t = row.Target;
                Color color = row.Outcome == TargetOutcome.Pass ? ChartTheme.BluishGreen : ChartTheme.Vermillion;
                Interval(plot, t.Value - row.Tolerance, t.Value + row.Tolerance, y + 0.15, ChartTheme.Black.WithAlpha(0.35));
                plot.Add.Marker(t.Value, y + 0.15, MarkerShape.OpenSquare, MarkerSize, ChartTheme.Black);
                Interval(plot, row.Lower, row.Upper, y - 0.15, color);
                plot.Add.Marker(row.Simulated, y - 0.15, MarkerShape.FilledCircle, MarkerSize, color);
                ticks.AddMajor(y, $"{t.Id} {t.Stage?.ToString() ?? t.Quantity} {Abbreviation(t)} {t.AgesText}");
                y -= 1;
            }

            y -= GroupGap;
        }

        plot.Axes.Left.TickGenerator = ticks;
        ChartTheme.AddCaption(plot,
            $"Square: published value, grey: its tolerance ({ToleranceText()}). Circle: simulated value with its 95 % Monte Carlo interval, green pass, red fail. "
            + $"{report.SummaryLine} Scenario {report.Scenario.Name}, {report.People.ToString("N0", CultureInfo.InvariantCulture)} people per run, seed {report.Scenario.Seed}.");
        return ChartTheme.Apply(plot, $"Model check: {report.Scenario.Model.Name} against published data", Unit(report), "");
    }

    /// <summary>
    /// Draws each fitted target's standardized residual, (simulated − target) / scale, before (open) and after (filled)
    /// the fit, a row per target, so that targets of different units share one axis; the caption gives the parameters'
    /// start and fitted values and the objective.
    /// </summary>
    public static Plot Calibration(CalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        double y = 0;
        foreach (FittedTarget row in result.Targets.Where(r => r.IsFitted))
        {
            plot.Add.Line(row.ResidualBefore, y, row.ResidualAfter, y).Color = ChartTheme.Black.WithAlpha(0.3);
            plot.Add.Marker(row.ResidualBefore, y, MarkerShape.OpenCircle, MarkerSize, ChartTheme.Vermillion);
            plot.Add.Marker(row.ResidualAfter, y, MarkerShape.FilledCircle, MarkerSize, ChartTheme.Blue);
            ticks.AddMajor(y, $"{row.Target.Id} {row.Target.Quantity} {ModelCheckReport.StatisticName(row.Target.Statistic)} {Abbreviation(row.Target)} {row.Target.AgesText}");
            y -= 1;
        }

        plot.Add.VerticalLine(0, 1, ChartTheme.Black);
        plot.Axes.Left.TickGenerator = ticks;
        string parameters = string.Join("; ", result.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Path} {p.Start:G4} → {p.Fitted:G4}")));
        ChartTheme.AddCaption(plot,
            string.Create(CultureInfo.InvariantCulture, $"Open: before the fit; filled: after. Objective {result.ObjectiveBefore:G4} → {result.ObjectiveAfter:G4} ({(result.Converged ? "converged" : "NOT converged")}, {result.Evaluations} evaluations). {parameters}."));
        return ChartTheme.Apply(plot, "Calibration: standardized residuals before and after", "(simulated − target) / scale", "");
    }

    /// <summary>The image height that gives <see cref="Calibration(CalibrationResult)"/> a readable row per fitted target.</summary>
    public static int CalibrationHeight(CalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ForestMargin + (ForestRowHeight * result.Targets.Count(r => r.IsFitted));
    }

    private static IEnumerable<TargetEvaluation> Compared(ModelCheckReport report) =>
        report.Rows.Where(r => r.IsCompared).OrderBy(r => r.Target.Definition is null ? 1 : 0);

    private static void Interval(Plot plot, double low, double high, double y, Color color)
    {
        if (double.IsFinite(low) && double.IsFinite(high))
        {
            var line = plot.Add.Line(low, y, high, y);
            line.Color = color;
            line.LineWidth = IntervalWidth;
        }
    }

    private static string Abbreviation(Target target) =>
        $"{target.Sex switch { Sex.Female => "F", Sex.Male => "M", _ => "F+M" }} {target.Ancestry?.ToString() ?? "Mixed"}";

    private static string Unit(ModelCheckReport report)
    {
        string[] units = [.. report.Rows.Where(r => r.IsCompared).Select(r => r.Target.Unit).Distinct()];
        return units switch
        {
            ["%"] => "Prevalence (%)",
            [string one] => $"Value ({one})",
            _ => "Value (each target's unit)",
        };
    }

    private static string ToleranceText() => string.Create(CultureInfo.InvariantCulture,
        $"max of 2 SE, {ToleranceRule.PrevalenceFloorPoints} points and {ToleranceRule.PrevalenceShare:P0} for prevalence, {ToleranceRule.NormShare:P0} for norms, {ToleranceRule.RateShare:P0} for rates");
}
