using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Stage prevalence by age: the stages of one run as stacked areas, and the same people staged by several
/// definitions side by side. Every method returns the <see cref="Plot"/>; none writes files.
/// </summary>
public static class PrevalenceCharts
{
    private const float DefinitionLineWidth = 2.5f;

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
        int[] ages = Survivors.DrawnAges(result, sex, ancestry);
        double[] xs = [.. ages.Select(a => (double)a)];
        double[] lower = new double[ages.Length];
        var layers = new List<(Stage Stage, double[] Lower, double[] Upper)>();
        foreach (Stage stage in result.Stages.Where(s => s != Stage.None).OrderDescending())
        {
            double[] upper = new double[ages.Length];
            for (int i = 0; i < ages.Length; i++)
            {
                upper[i] = lower[i] + 100 * result.Prevalence(ages[i], sex, stage, ancestry);
            }

            layers.Add((stage, lower, upper));
            lower = upper;
        }

        // Added top layer first so that the legend lists the stages in the order they are stacked on the chart.
        foreach ((Stage stage, double[] bottom, double[] top) in Enumerable.Reverse(layers))
        {
            FillY area = plot.Add.FillY(xs, bottom, top);
            area.FillColor = ChartTheme.ColorOf(stage);
            area.LineColor = ChartTheme.Black.WithAlpha(0.5);
            area.LineWidth = 0.5f;
            area.LegendText = StageNames.Label(result.Definition, stage);
        }

        string survivors = Survivors.Mark(plot, result, sex, ancestry);
        ChartTheme.AddCaption(plot, DeclineCharts.Caption(result, $"Share of the living at each age; stages as defined by {result.Definition.Citation}. {survivors}"));
        plot.Axes.SetLimitsX(result.Cohort.StartAge, result.Cohort.EndAge);
        plot.Axes.SetLimitsY(0, NiceTop(lower.DefaultIfEmpty(0).Max()));
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartTheme.Apply(plot, $"{result.Definition.Name} stages by age, {Describe.Plural(sex)}{Describe.Suffix(ancestry)}", "Age (years)", "Prevalence (% of the living)");
    }

    /// <summary>
    /// Draws, for each run, the share of the living at each age with <paramref name="stage"/> or worse under that run's
    /// definition. Pass runs that differ only in <see cref="Parameters.ModelParameters.Definition"/> (same model, cohort
    /// and seed, so the same people) to see how much the definition alone changes prevalence.
    /// </summary>
    /// <param name="runs">One run per definition; each line is labelled with its run's definition name.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men together.</param>
    /// <param name="stage">The least severe stage counted (default: confirmed sarcopenia, so severe is included).</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    public static Plot ByDefinition(IReadOnlyList<SimulationResult> runs, Sex? sex = null, Stage stage = Stage.Sarcopenia, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var plot = new Plot();
        double top = 0;
        for (int r = 0; r < runs.Count; r++)
        {
            SimulationResult run = runs[r];
            int[] ages = Survivors.DrawnAges(run, sex, ancestry);
            double[] xs = [.. ages.Select(a => (double)a)];
            double[] ys = [.. ages.Select(a => 100 * run.PrevalenceAtLeast(a, sex, stage, ancestry))];
            Scatter line = plot.Add.ScatterLine(xs, ys, ChartTheme.SeriesColor(r));
            line.LineWidth = DefinitionLineWidth;
            line.LegendText = run.Definition.Name;
            top = Math.Max(top, ys.DefaultIfEmpty(0).Max());
        }

        SimulationResult first = runs[0];
        string who = sex is { } s ? Describe.Plural(s) : "women and men";
        string counted = StageNames.Label(first.Definition, stage);
        string survivors = Survivors.Mark(plot, first, sex, ancestry);
        ChartTheme.AddCaption(plot, DeclineCharts.Caption(first, $"The same simulated people staged by each definition; counted: {counted.ToLowerInvariant()} or worse, {who}. {survivors}", staging: false));
        plot.Axes.SetLimitsX(first.Cohort.StartAge, first.Cohort.EndAge);
        plot.Axes.SetLimitsY(0, NiceTop(top));
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
}
