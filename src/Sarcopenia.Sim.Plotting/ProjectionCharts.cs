using System.Globalization;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Staging;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Charts of microsimulation projections: cases by calendar year with their replicate interval by sex, population
/// pyramids coloured by stage, and cases averted by a programme. They draw the projections they are given.
/// </summary>
public static class ProjectionCharts
{
    // The pyramid's bars fill this share of each age band's height, leaving a gap between bands.
    private const double BarFill = 0.85;

    /// <summary>
    /// Draws cases (sarcopenia or severe) aged <paramref name="minimumAge"/> and over by calendar year, one line per sex
    /// (the mean over replicates) with a band from the 2.5 to the 97.5 % point of the replicates.
    /// </summary>
    /// <param name="runs">The replicates.</param>
    /// <param name="minimumAge">The youngest age counted (65 by default).</param>
    public static Plot CasesByYear(ProjectionRuns runs, int minimumAge = 65)
    {
        ArgumentNullException.ThrowIfNull(runs);
        MicrosimResult first = runs.Replicates[0];
        double[] years = [.. Enumerable.Range(first.FirstYear, first.LastYear - first.FirstYear + 1).Select(y => (double)y)];
        var plot = new Plot();
        foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
        {
            Interval[] cases = [.. years.Select(y => runs.Cases((int)y, sex, minimumAge))];
            Color color = ChartTheme.ColorOf(sex);
            var band = plot.Add.FillY(years, [.. cases.Select(c => c.Lower / 1e6)], [.. cases.Select(c => c.Upper / 1e6)]);
            band.FillColor = ChartTheme.OuterBand(color);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(years, [.. cases.Select(c => c.Mean / 1e6)], color);
            line.LineWidth = 2;
            line.LegendText = sex == Sex.Female ? "Women" : "Men";
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SetLimitsY(0, years.Max(y => Math.Max(runs.Cases((int)y, Sex.Female, minimumAge).Upper, runs.Cases((int)y, Sex.Male, minimumAge).Upper)) / 1e6 * 1.1);
        ChartTheme.AddCaption(plot, string.Create(CultureInfo.InvariantCulture,
            $"Lines: means of {runs.Replicates.Count} replicates; bands: their 2.5–97.5 % points. {Population(first)}"));
        return ChartTheme.Apply(plot, string.Create(CultureInfo.InvariantCulture, $"Sarcopenia aged {minimumAge}+ in {first.Setup.Population.Location.Name} ({first.Setup.Scenario.Model.Definition.Name})"),
            "Year", "People with sarcopenia (millions)");
    }

    /// <summary>
    /// Draws the population pyramid of <paramref name="year"/>: women to the left, men to the right, each five-year age
    /// group's bar split by stage (weighted to the population projection).
    /// </summary>
    /// <param name="result">A replicate.</param>
    /// <param name="year">The calendar year.</param>
    public static Plot Pyramid(MicrosimResult result, int year)
    {
        ArgumentNullException.ThrowIfNull(result);
        SarcopeniaDefinition definition = result.Setup.Scenario.Model.Definition;
        Stage[] stages = [.. Enum.GetValues<Stage>().Where(s => s == Stage.None || definition.Rules.Contains(s))];
        (string Label, int Low, int High)[] bands = [.. result.AgeBands()];
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int b = 0; b < bands.Length; b++)
        {
            foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
            {
                double start = 0;
                foreach (Stage stage in stages)
                {
                    double people = result.InStage(year, stage, sex, bands[b].Low, bands[b].High) / 1e6;
                    double end = start + people;
                    bars.Add(new Bar
                    {
                        Position = b,
                        ValueBase = sex == Sex.Female ? -start : start,
                        Value = sex == Sex.Female ? -end : end,
                        FillColor = ChartTheme.ColorOf(stage),
                        LineWidth = 0,
                        Size = BarFill,
                        Orientation = Orientation.Horizontal,
                    });
                    start = end;
                }
            }
        }

        plot.Add.Bars(bars);
        foreach (Stage stage in stages)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = StageNames.Label(definition, stage), FillColor = ChartTheme.ColorOf(stage) });
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, bands.Length).Select(i => (double)i)], [.. bands.Select(b => b.Label)]);
        double widest = bars.Max(bar => Math.Abs(bar.Value)) * 1.05;
        plot.Axes.SetLimitsX(-widest, widest);
        plot.ShowLegend(Alignment.UpperRight);
        ChartTheme.AddCaption(plot, string.Create(CultureInfo.InvariantCulture, $"Women left, men right; replicate {result.Replicate}. {Population(result)}"));
        return ChartTheme.Apply(plot, string.Create(CultureInfo.InvariantCulture, $"{result.Setup.Population.Location.Name} {year}: people by age and stage"), "People (millions; women left, men right)", "Age (years)");
    }

    /// <summary>Draws cases averted by a programme by calendar year (baseline minus scenario, paired by replicate), with the 2.5–97.5 % band of the paired differences.</summary>
    /// <param name="comparison">The baseline and the scenario.</param>
    /// <param name="minimumAge">The youngest age counted (65 by default).</param>
    public static Plot CasesAverted(ProjectionComparison comparison, int minimumAge = 65)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        MicrosimResult first = comparison.Baseline.Replicates[0];
        double[] years = [.. Enumerable.Range(first.FirstYear, first.LastYear - first.FirstYear + 1).Select(y => (double)y)];
        var plot = new Plot();
        Interval[] averted = [.. years.Select(y => comparison.CasesAverted((int)y, null, minimumAge))];
        var band = plot.Add.FillY(years, [.. averted.Select(a => a.Lower / 1e3)], [.. averted.Select(a => a.Upper / 1e3)]);
        band.FillColor = ChartTheme.OuterBand(ChartTheme.BluishGreen);
        band.LineWidth = 0;
        var line = plot.Add.ScatterLine(years, [.. averted.Select(a => a.Mean / 1e3)], ChartTheme.BluishGreen);
        line.LineWidth = 2;
        line.LegendText = "Cases averted, both sexes";
        plot.Add.HorizontalLine(0, 1, ChartTheme.Black, LinePattern.Dotted);
        plot.ShowLegend(Alignment.UpperLeft);
        string programmes = string.Join(" + ", comparison.Scenario.Replicates[0].Setup.Interventions.Select(i => i.Name).DefaultIfEmpty("no intervention"));
        ChartTheme.AddCaption(plot, string.Create(CultureInfo.InvariantCulture,
            $"{programmes} against the baseline on common random numbers: means and 2.5–97.5 % points of the paired differences over {comparison.Baseline.Replicates.Count} replicates. {Population(first)}"));
        return ChartTheme.Apply(plot, string.Create(CultureInfo.InvariantCulture, $"Cases averted aged {minimumAge}+ in {first.Setup.Population.Location.Name}"), "Year", "Cases averted (thousands)");
    }

    private static string Population(MicrosimResult r) => string.Create(CultureInfo.InvariantCulture,
        $"Population: {r.Setup.Population.Description}; one simulated person for {r.Setup.Scale:N0} people. Source: UN WPP 2019 (CC BY 3.0 IGO).");
}
