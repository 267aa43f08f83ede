using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Compares parameter presets on the same people, for example <see cref="Scenarios.Presets.Review2014"/> (the review's
/// 1–5 %/yr) against <see cref="Scenarios.Presets.Evidence"/> (the literature). A recipe of <see cref="PlotLayers"/>;
/// returns the <see cref="Plot"/>.
/// </summary>
public static class PresetCharts
{
    // The band's outline is the arm's colour, a little faded, so overlapping bands stay distinguishable.
    private const double BandOutlineAlpha = 0.6;
    private const float BandOutlineWidth = 1;

    // The band is the decline charts' outer band, p5–p95, so the two kinds of chart read alike.
    private const double BandLowPercent = 5;
    private const double BandHighPercent = 95;

    /// <summary>
    /// Draws, for each arm of <paramref name="comparison"/>, the mean of <paramref name="trait"/> by age and its
    /// p5–p95 band, labelled with the arm's name. Compare arms that share cohort and seed and differ in their model
    /// (<see cref="Scenarios.ComparisonArms.OfModels"/>), so that only the model differs.
    /// </summary>
    /// <param name="comparison">Arms that accumulated statistics and a histogram of <paramref name="trait"/>, for example from <see cref="Simulation.Compare"/>.</param>
    /// <param name="trait">The trait to compare.</param>
    /// <param name="sex">The sex to draw.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <exception cref="InvalidOperationException">An arm lacks the statistics or histogram of <paramref name="trait"/>.</exception>
    public static Plot Compare(Comparison comparison, Trait trait, Sex sex, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var plot = new Plot();
        for (int arm = 0; arm < comparison.Results.Count; arm++)
        {
            SimulationResult run = comparison.Results[arm];
            string name = comparison.Arms[arm].Name;
            Color color = ChartTheme.SeriesColor(arm);
            FillY band = plot.Add.CentileBand(run, trait, sex, BandLowPercent, BandHighPercent, ancestry, ChartTheme.OuterBand(color));
            band.LineColor = color.WithAlpha(BandOutlineAlpha);
            band.LineWidth = BandOutlineWidth;
            band.LegendText = $"{name} p5–p95";
            plot.Add.MeanLine(run, trait, sex, ancestry, color, $"{name} mean");
        }

        SimulationResult baseline = comparison.Baseline;
        string presets = string.Join(" vs ", comparison.Arms.Select(a => a.Name));
        plot.Add.SurvivorShading(baseline, sex, ancestry);
        ChartTheme.AddCaption(plot, $"The same {Describe.People(baseline.People)} simulated people (seed {baseline.Seed}) under each preset. Band: p5–p95; line: mean. {Survivors.Caption(baseline, sex, ancestry)}".TrimEnd());
        plot.Axes.SetLimitsX(baseline.Cohort.StartAge, baseline.Cohort.EndAge);
        plot.ShowLegend(Alignment.LowerLeft);
        return ChartTheme.Apply(plot, $"{Describe.Name(trait)}: {presets}, {Describe.Plural(sex)}{Describe.Suffix(ancestry)}", "Age (years)", Describe.AxisLabel(trait));
    }
}
