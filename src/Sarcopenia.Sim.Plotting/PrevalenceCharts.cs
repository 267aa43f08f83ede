using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Stage prevalence by age: the stages of one run as stacked areas, and the same people staged by several
/// definitions side by side. Recipes of <see cref="PlotLayers"/>; every method returns the <see cref="Plot"/>, and none
/// writes files.
/// </summary>
public static class PrevalenceCharts
{
    /// <summary>
    /// Draws the share of the living in each stage of the run's definition by age, as stacked areas with the most
    /// severe stage at the bottom, so the top edge is the share with any stage.
    /// </summary>
    /// <param name="result">Any run (no histograms needed).</param>
    /// <param name="sex">The sex to draw.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    public static Plot Stages(SimulationResult result, Sex sex, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        IReadOnlyList<IPlottable> areas = plot.Add.StageAreas(result, sex, ancestry);
        plot.Add.SurvivorShading(result, sex, ancestry);
        ChartTheme.AddCaption(plot, DeclineCharts.Caption(result, $"Share of the living at each age; stages as defined by {result.Definition.Citation}. {Survivors.Caption(result, sex, ancestry)}"));
        plot.Axes.SetLimitsX(result.Cohort.StartAge, result.Cohort.EndAge);

        // The top area's upper edge is the share with any stage, the highest point drawn.
        plot.Axes.SetLimitsY(0, NiceTop(Highest(areas.Take(1))));
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartTheme.Apply(plot, $"{result.Definition.Name} stages by age, {Describe.Plural(sex)}{Describe.Suffix(ancestry)}", "Age (years)", "Prevalence (% of the living)");
    }

    /// <summary>
    /// Draws, for each arm of <paramref name="comparison"/>, the share of the living at each age with
    /// <paramref name="stage"/> or worse under that arm's definition, labelled with the arm's name. Compare arms that
    /// differ only in their definition (<see cref="Scenarios.ComparisonArms.OfDefinitions"/>), so the same people are staged by
    /// each, to see how much the definition alone changes prevalence.
    /// </summary>
    /// <param name="comparison">The arms' results, for example from <see cref="Simulation.Compare"/>.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men together.</param>
    /// <param name="stage">The least severe stage counted (default: confirmed sarcopenia, so severe is included).</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    public static Plot ByDefinition(Comparison comparison, Sex? sex = null, Stage stage = Stage.Sarcopenia, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var plot = new Plot();
        var lines = new List<IPlottable>(comparison.Results.Count);
        for (int arm = 0; arm < comparison.Results.Count; arm++)
        {
            lines.Add(plot.Add.PrevalenceLine(comparison.Results[arm], sex, stage, ancestry, ChartTheme.SeriesColor(arm), comparison.Arms[arm].Name));
        }

        SimulationResult baseline = comparison.Baseline;
        string who = sex is { } s ? Describe.Plural(s) : "women and men";
        string counted = StageNames.Label(baseline.Definition, stage);
        plot.Add.SurvivorShading(baseline, sex, ancestry);
        ChartTheme.AddCaption(plot, DeclineCharts.Caption(baseline,
            $"The same simulated people staged by each definition; counted: {counted.ToLowerInvariant()} or worse, {who}. {Survivors.Caption(baseline, sex, ancestry)}", staging: false));
        plot.Axes.SetLimitsX(baseline.Cohort.StartAge, baseline.Cohort.EndAge);
        plot.Axes.SetLimitsY(0, NiceTop(Highest(lines)));
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartTheme.Apply(plot, $"{counted} by definition, {who}{Describe.Suffix(ancestry)}", "Age (years)", "Prevalence (% of the living)");
    }

    /// <summary>A y-axis top a little above <paramref name="max"/>, rounded up to a multiple of 5 percentage points (at most 100).</summary>
    internal static double NiceTop(double max)
    {
        // Headroom so the top of the highest area does not touch the frame; 5-point steps keep tick labels round.
        const double Headroom = 1.08;
        const double Step = 5;
        return Math.Clamp(Math.Ceiling(max * Headroom / Step) * Step, Step, 100);
    }

    // The highest value drawn by any of the plottables, 0 when they hold no data (no age had enough people alive).
    private static double Highest(IEnumerable<IPlottable> plottables) =>
        plottables.Select(p => p.GetAxisLimits().Top).Where(double.IsFinite).DefaultIfEmpty(0).Max();
}
