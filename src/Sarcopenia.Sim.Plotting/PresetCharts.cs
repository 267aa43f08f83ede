using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Compares parameter presets on the same people, for example <see cref="Scenarios.Presets.Review2014"/> (the review's
/// 1–5 %/yr) against <see cref="Scenarios.Presets.Evidence"/> (the literature). Returns the <see cref="Plot"/>.
/// </summary>
public static class PresetCharts
{
    private const float MeanWidth = 2.5f;

    /// <summary>
    /// Draws, for each run, the mean of <paramref name="trait"/> by age and its p5–p95 band, labelled with the run's
    /// preset name. Pass runs that share cohort and seed so that only the model differs.
    /// </summary>
    /// <param name="runs">Runs that accumulated statistics and a histogram of <paramref name="trait"/>.</param>
    /// <param name="trait">The trait to compare.</param>
    /// <param name="sex">The sex to draw.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <exception cref="InvalidOperationException">A run lacks the statistics or histogram of <paramref name="trait"/>.</exception>
    public static Plot Compare(IReadOnlyList<SimulationResult> runs, Trait trait, Sex sex, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var plot = new Plot();
        for (int r = 0; r < runs.Count; r++)
        {
            SimulationResult run = runs[r];
            Color color = ChartTheme.SeriesColor(r);
            CentileBands bands = CentileBands.Of(run, trait, sex, ancestry);
            FillY band = plot.Add.FillY(bands.Ages, bands.P5, bands.P95);
            band.FillColor = ChartTheme.OuterBand(color);
            band.LineColor = color.WithAlpha(0.6);
            band.LineWidth = 1;
            band.LegendText = $"{run.Model.Name} p5–p95";
            double[] means = [.. bands.Ages.Select(a => run.Summary(trait, (int)a, sex, ancestry).Mean)];
            Scatter mean = plot.Add.ScatterLine(bands.Ages, means, color);
            mean.LineWidth = MeanWidth;
            mean.LegendText = $"{run.Model.Name} mean";
        }

        SimulationResult first = runs[0];
        string presets = string.Join(" vs ", runs.Select(r => r.Model.Name));
        string survivors = Survivors.Mark(plot, first, sex, ancestry);
        ChartTheme.AddCaption(plot, $"The same {Describe.People(first.People)} simulated people (seed {first.Seed}) under each preset. Band: p5–p95; line: mean. {survivors}".TrimEnd());
        plot.Axes.SetLimitsX(first.Cohort.StartAge, first.Cohort.EndAge);
        plot.ShowLegend(Alignment.LowerLeft);
        return ChartTheme.Apply(plot, $"{Describe.Name(trait)}: {presets}, {Describe.Plural(sex)}{Describe.Suffix(ancestry)}", "Age (years)", Describe.AxisLabel(trait));
    }
}
