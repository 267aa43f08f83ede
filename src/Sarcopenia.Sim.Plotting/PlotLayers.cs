using Sarcopenia.Sim.ReferenceData;
using Sarcopenia.Sim.Staging;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// The layers every chart of this library is made of, as ScottPlot-style extension methods on
/// <see cref="Plot.Add"/>: <c>plot.Add.CentileBands(result, Trait.Grip, Sex.Female)</c>. Each layer adds plottables
/// drawn from a result (never a simulation), styled by <see cref="ChartTheme"/>, and returns them so they can be
/// restyled. The chart methods (<see cref="DeclineCharts"/>, <see cref="PrevalenceCharts"/>, <see cref="PresetCharts"/>,
/// <see cref="LossRateCharts"/>) are recipes of these layers plus titles, captions and axis limits.
/// </summary>
/// <remarks>
/// Layers that follow age draw only the ages with at least <see cref="Survivors.MinimumAlive"/> people alive
/// (<see cref="Survivors.DrawnAges"/>). Layers are drawn in the order they are added, and the legend lists them in that
/// order: add bands before lines so that the lines stay on top.
/// </remarks>
public static class PlotLayers
{
    /// <summary>
    /// Where a cut-off's label starts when no age is given: the default cohort's start age, where the bands of young
    /// adults lie far above any cut-off and leave the line's left end free for its label.
    /// </summary>
    public const double DefaultLabelAge = 30;

    // Lines drawn over translucent bands are wide enough to read through them; cut-offs are thinner and dashed so
    // they read as thresholds, not data.
    private const float MedianWidth = 2.5f;
    private const float MeanWidth = 2.5f;
    private const float PrevalenceWidth = 2.5f;
    private const float CutoffWidth = 1.5f;
    private const float LifeWidth = 1.8f;
    private const float StageEdgeWidth = 0.5f;
    private const float ReferenceMarkerSize = 9;
    private const float ReferenceMedianOutline = 1;
    private const float ReferenceTailOutline = 1.5f;

    // Cut-off labels start this many years right of the label age so they clear the y axis.
    private const double LabelInset = 0.5;

    // The label's background is mostly opaque so a band or line under it does not garble the text.
    private const double LabelBackgroundAlpha = 0.8;

    // Stage areas are outlined in half-transparent black so neighbouring pale colours stay apart.
    private const double StageEdgeAlpha = 0.5;

    // The survivors' shading is pale enough for bands and lines to read through it.
    private const double SurvivorShadeAlpha = 0.12;

    // Boxes of the two sexes sit side by side within one age band, this far either side of the band's position.
    private const double SexOffset = 0.2;
    private const double BoxWidth = 0.35;

    // The review's claimed range is a pale backdrop; boxes are half-transparent so the range and grid show through.
    private const double ClaimAlpha = 0.35;
    private const double BoxAlpha = 0.45;

    // The centiles of the two bands: p5–p95 (outer) and p25–p75 (inner), as growth charts draw them.
    private const double OuterLow = 5;
    private const double InnerLow = 25;
    private const double Median = 50;
    private const double InnerHigh = 75;
    private const double OuterHigh = 95;

    /// <summary>
    /// Adds the p5–p95 (outer) and p25–p75 (inner) bands of <paramref name="trait"/> by age, translucent
    /// (<see cref="ChartTheme.OuterBand"/>, <see cref="ChartTheme.InnerBand"/>) and without legend entries: a caption
    /// explains bands better than two legend lines per sex.
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">A run that accumulated a histogram of <paramref name="trait"/>.</param>
    /// <param name="trait">The trait.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men pooled.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <param name="color">The bands' colour before transparency; default: the sex's colour, black for both sexes.</param>
    /// <returns>The outer and inner band.</returns>
    /// <exception cref="InvalidOperationException">The run has no histogram of <paramref name="trait"/>.</exception>
    public static (FillY Outer, FillY Inner) CentileBands(this PlottableAdder add, SimulationResult result, Trait trait, Sex? sex,
        Ancestry? ancestry = null, Color? color = null)
    {
        Color solid = color ?? ColorOf(sex);
        FillY outer = add.CentileBand(result, trait, sex, OuterLow, OuterHigh, ancestry, ChartTheme.OuterBand(solid));
        FillY inner = add.CentileBand(result, trait, sex, InnerLow, InnerHigh, ancestry, ChartTheme.InnerBand(solid));
        return (outer, inner);
    }

    /// <summary>Adds one band of <paramref name="trait"/> by age, between two centiles, without an outline or legend entry.</summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">A run that accumulated a histogram of <paramref name="trait"/>.</param>
    /// <param name="trait">The trait.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men pooled.</param>
    /// <param name="lowPercent">The lower centile, percent (for example 5).</param>
    /// <param name="highPercent">The upper centile, percent (for example 95).</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <param name="fillColor">The fill, used as given; default: <see cref="ChartTheme.OuterBand"/> of the sex's colour.</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <paramref name="trait"/>.</exception>
    public static FillY CentileBand(this PlottableAdder add, SimulationResult result, Trait trait, Sex? sex, double lowPercent, double highPercent,
        Ancestry? ancestry = null, Color? fillColor = null)
    {
        ArgumentNullException.ThrowIfNull(add);
        (double[] ages, int[] drawn) = AgesOf(result, sex, ancestry);
        FillY band = add.FillY(ages, Centiles(result, trait, drawn, lowPercent, sex, ancestry), Centiles(result, trait, drawn, highPercent, sex, ancestry));
        band.FillColor = fillColor ?? ChartTheme.OuterBand(ColorOf(sex));
        band.LineWidth = 0;
        return band;
    }

    /// <summary>Adds the median of <paramref name="trait"/> by age as a solid line.</summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">A run that accumulated a histogram of <paramref name="trait"/>.</param>
    /// <param name="trait">The trait.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men pooled.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <param name="color">The line's colour; default: the sex's colour, black for both sexes.</param>
    /// <param name="legend">The legend entry; default "Women, median", "Men, median" or "Population, median".</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <paramref name="trait"/>.</exception>
    public static Scatter MedianLine(this PlottableAdder add, SimulationResult result, Trait trait, Sex? sex,
        Ancestry? ancestry = null, Color? color = null, string? legend = null)
    {
        ArgumentNullException.ThrowIfNull(add);
        (double[] ages, int[] drawn) = AgesOf(result, sex, ancestry);
        return Line(add, ages, Centiles(result, trait, drawn, Median, sex, ancestry), color ?? ColorOf(sex), MedianWidth, legend ?? $"{Who(sex)}, median");
    }

    /// <summary>Adds the mean of <paramref name="trait"/> by age as a solid line.</summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">A run that accumulated statistics of <paramref name="trait"/> (<see cref="RunOptions.Statistics"/>).</param>
    /// <param name="trait">The trait.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men pooled.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <param name="color">The line's colour; default: the sex's colour, black for both sexes.</param>
    /// <param name="legend">The legend entry; default "Women, mean", "Men, mean" or "Population, mean".</param>
    /// <exception cref="InvalidOperationException">The run has no statistics of <paramref name="trait"/>.</exception>
    public static Scatter MeanLine(this PlottableAdder add, SimulationResult result, Trait trait, Sex? sex,
        Ancestry? ancestry = null, Color? color = null, string? legend = null)
    {
        ArgumentNullException.ThrowIfNull(add);
        (double[] ages, int[] drawn) = AgesOf(result, sex, ancestry);
        double[] means = [.. drawn.Select(a => result.Summary(trait, a, sex, ancestry).Mean)];
        return Line(add, ages, means, color ?? ColorOf(sex), MeanWidth, legend ?? $"{Who(sex)}, mean");
    }

    /// <summary>
    /// Adds <paramref name="definition"/>'s cut-off on <paramref name="trait"/> as a dashed horizontal line, labelled on
    /// the line ("EWGSOP2 cut-off, women: &lt; 16 kg"), or nothing when the definition has no cut-off on this trait's scale
    /// (for example ASM under a definition that stages by ASMI).
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="definition">The definition, for example <c>result.Definition</c>.</param>
    /// <param name="trait">The trait on the y axis.</param>
    /// <param name="sex">The sex whose threshold is drawn, in its colour; <see langword="null"/> for a threshold both sexes share, in black.</param>
    /// <param name="labelAge">The age at which the label starts (the chart's first age, for example <c>result.Cohort.StartAge</c>).</param>
    /// <returns>The line, or <see langword="null"/> when there is no cut-off to draw.</returns>
    public static HorizontalLine? CutOff(this PlottableAdder add, SarcopeniaDefinition definition, Trait trait, Sex? sex, double labelAge = DefaultLabelAge)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(definition);
        if (Describe.CutoffFor(definition, trait) is not { } cutoff)
        {
            return null;
        }

        if (sex is null && cutoff.Threshold.Female != cutoff.Threshold.Male)
        {
            throw new ArgumentException(
                $"{definition.Name}'s {trait} cut-off differs between women and men; give the sex whose cut-off to draw.", nameof(sex));
        }

        double threshold = cutoff.Threshold[sex ?? Sex.Female];
        Color color = ColorOf(sex);
        HorizontalLine line = add.HorizontalLine(threshold, CutoffWidth, color, LinePattern.Dashed);

        // The label sits on the line at its left end, where young adults' bands are far above any cut-off.
        Text text = add.Text(Describe.CutoffLabel(definition, cutoff, trait, sex), labelAge + LabelInset, threshold);
        text.LabelFontSize = ChartTheme.LegendSize;
        text.LabelFontColor = color;
        text.LabelBackgroundColor = Colors.White.WithAlpha(LabelBackgroundAlpha);
        text.LabelAlignment = Alignment.LowerLeft;
        return line;
    }

    /// <summary>
    /// Adds the published international grip norms of <paramref name="sex"/> (<see cref="GripNorms.International"/>)
    /// whose mid-age lies in <paramref name="fromAge"/>..<paramref name="toAge"/>: P50 as filled diamonds, P10 and P90
    /// as open ones. Cite <see cref="GripNorms.InternationalSource"/> in the caption.
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="sex">The sex, drawn in its colour.</param>
    /// <param name="fromAge">The first age drawn.</param>
    /// <param name="toAge">The last age drawn.</param>
    /// <returns>The medians and tails, or <see langword="null"/> when no norm falls in the ages.</returns>
    public static (Markers Medians, Markers Tails)? GripReference(this PlottableAdder add, Sex sex, int fromAge, int toAge)
    {
        ArgumentNullException.ThrowIfNull(add);
        GripCentiles[] norms = [.. GripNorms.International.Where(n => n.Sex == sex && n.MidAge >= fromAge && n.MidAge <= toAge)];
        if (norms.Length == 0)
        {
            return null;
        }

        double[] ages = [.. norms.Select(b => b.MidAge)];
        Color color = ChartTheme.ColorOf(sex);
        double[] p50 = [.. norms.Select(b => b.P50)];
        double[] tailAges = [.. ages, .. ages];
        double[] tailValues = [.. norms.Select(b => b.P10), .. norms.Select(b => b.P90)];
        Markers medians = add.Markers(ages, p50, MarkerShape.FilledDiamond, ReferenceMarkerSize, color);
        medians.MarkerLineColor = ChartTheme.Black;
        medians.MarkerLineWidth = ReferenceMedianOutline;
        medians.LegendText = $"{Describe.Capitalized(sex)}, published P50";
        Markers tails = add.Markers(tailAges, tailValues, MarkerShape.OpenDiamond, ReferenceMarkerSize, color);
        tails.MarkerLineWidth = ReferenceTailOutline;
        tails.LegendText = $"{Describe.Capitalized(sex)}, published P10/P90";
        return (medians, tails);
    }

    /// <summary>
    /// Adds each life's <paramref name="trait"/> over the ages it was alive, one series colour per life, legend
    /// "Person {id}", with × where a life ends in death. Lives without a living year are skipped.
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="lives">Traced lives, for example from <see cref="Simulation.TraceLives"/>.</param>
    /// <param name="trait">The trait to draw.</param>
    /// <returns>One line per life drawn.</returns>
    public static IReadOnlyList<Scatter> Lives(this PlottableAdder add, IEnumerable<PersonLife> lives, Trait trait)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(lives);
        var lines = new List<Scatter>();
        foreach (PersonLife life in lives)
        {
            LifeYear[] alive = [.. life.Years.Where(y => y.Alive)];
            if (alive.Length == 0)
            {
                continue;
            }

            Color color = ChartTheme.SeriesColor(lines.Count);
            double[] values = [.. alive.Select(y => y.Value(trait))];
            lines.Add(Line(add, [.. alive.Select(y => (double)y.Age)], values, color, LifeWidth, $"Person {life.PersonId}"));
            if (alive.Length < life.Years.Count)
            {
                add.Marker(alive[^1].Age, values[^1], MarkerShape.Eks, ReferenceMarkerSize, color);
            }
        }

        return lines;
    }

    /// <summary>
    /// Adds the share of the living in each stage of the run's definition by age, as stacked areas with the most severe
    /// stage at the bottom, so that the top edge is the share with any stage. Legends use the definition's own stage
    /// names (<see cref="StageNames.Label"/>).
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">Any run (no histograms needed).</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men together.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <returns>The areas, the top one (least severe stage) first, in percent of the living.</returns>
    public static IReadOnlyList<FillY> StageAreas(this PlottableAdder add, SimulationResult result, Sex? sex, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(add);
        (double[] ages, int[] drawn) = AgesOf(result, sex, ancestry);
        double[] lower = new double[drawn.Length];
        var layers = new List<(Stage Stage, double[] Lower, double[] Upper)>();
        foreach (Stage stage in result.Stages.Where(s => s != Stage.None).OrderDescending())
        {
            double[] upper = new double[drawn.Length];
            for (int i = 0; i < drawn.Length; i++)
            {
                upper[i] = lower[i] + Percent(result.Prevalence(drawn[i], sex, stage, ancestry));
            }

            layers.Add((stage, lower, upper));
            lower = upper;
        }

        // Added top layer first so that the legend lists the stages in the order they are stacked on the chart.
        var areas = new List<FillY>(layers.Count);
        foreach ((Stage stage, double[] bottom, double[] top) in Enumerable.Reverse(layers))
        {
            FillY area = add.FillY(ages, bottom, top);
            area.FillColor = ChartTheme.ColorOf(stage);
            area.LineColor = ChartTheme.Black.WithAlpha(StageEdgeAlpha);
            area.LineWidth = StageEdgeWidth;
            area.LegendText = StageNames.Label(result.Definition, stage);
            areas.Add(area);
        }

        return areas;
    }

    /// <summary>Adds the share of the living at each age with <paramref name="stage"/> or worse, percent, as a line.</summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">Any run (no histograms needed).</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men together.</param>
    /// <param name="stage">The least severe stage counted (default: confirmed sarcopenia, so severe is included).</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <param name="color">The line's colour; default: the first series colour.</param>
    /// <param name="legend">The legend entry; default: the run's definition name.</param>
    public static Scatter PrevalenceLine(this PlottableAdder add, SimulationResult result, Sex? sex, Stage stage = Stage.Sarcopenia,
        Ancestry? ancestry = null, Color? color = null, string? legend = null)
    {
        ArgumentNullException.ThrowIfNull(add);
        (double[] ages, int[] drawn) = AgesOf(result, sex, ancestry);
        double[] shares = [.. drawn.Select(a => Percent(result.PrevalenceAtLeast(a, sex, stage, ancestry)))];
        return Line(add, ages, shares, color ?? ChartTheme.SeriesColor(0), PrevalenceWidth, legend ?? result.Definition.Name);
    }

    /// <summary>
    /// Shades the survivors' ages (from <see cref="Survivors.From"/> to the last age drawn) with a legend entry that
    /// gives the numbers alive at both ends; <see cref="Survivors.Caption"/> gives the sentence that explains it.
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">The run drawn.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for both.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <returns>The shading, or <see langword="null"/> when no age drawn is a survivors' age.</returns>
    public static HorizontalSpan? SurvivorShading(this PlottableAdder add, SimulationResult result, Sex? sex, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(add);
        if (Survivors.SpanOf(result, sex, ancestry) is not { } span)
        {
            return null;
        }

        HorizontalSpan shade = add.HorizontalSpan(span.From, span.Last, ChartTheme.Black.WithAlpha(SurvivorShadeAlpha));
        shade.LineWidth = 0;
        shade.LegendText = $"Survivors only ({span.Alive})";
        return shade;
    }

    /// <summary>
    /// Adds the source review's claimed annual mass loss, <see cref="LossRateCharts.ReviewLowPercent"/> to
    /// <see cref="LossRateCharts.ReviewHighPercent"/> %/yr, as a pale horizontal band on a loss-rate axis.
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    public static VerticalSpan ClaimedLossRange(this PlottableAdder add)
    {
        ArgumentNullException.ThrowIfNull(add);
        VerticalSpan claim = add.VerticalSpan(LossRateCharts.ReviewLowPercent, LossRateCharts.ReviewHighPercent, ChartTheme.Yellow.WithAlpha(ClaimAlpha));
        claim.LineWidth = 0;
        claim.LegendText = "The review's claim: 1–5 %/yr";
        return claim;
    }

    /// <summary>
    /// Adds, for each age band of <paramref name="bandYears"/> (aligned to its multiples; a short last band joins the one
    /// before) with enough people of <paramref name="sex"/> alive, a box of the annual mass loss: whiskers p5–p95, box p25–p75, line at the median, pooling the years that
    /// ended at ages in the band. Band <c>i</c> is centred on x = <c>i</c>, women's boxes left of it and men's right,
    /// so both sexes fit side by side.
    /// </summary>
    /// <param name="add">The plot's adder, <c>plot.Add</c>.</param>
    /// <param name="result">A run that accumulated a histogram of <see cref="Trait.LossRate"/>.</param>
    /// <param name="sex">The sex, drawn in its colour.</param>
    /// <param name="bandYears">Width of the age bands, years.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <returns>The boxes, or <see langword="null"/> when no band has enough people (an empty box plot has no legend symbol).</returns>
    /// <exception cref="InvalidOperationException">The run has no histogram of <see cref="Trait.LossRate"/>.</exception>
    public static BoxPlot? LossRateBoxes(this PlottableAdder add, SimulationResult result, Sex sex, int bandYears = LossRateCharts.DefaultBandYears, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(bandYears, 1);
        RequireHistogram(result, Trait.LossRate);
        IReadOnlyList<(int From, int To)> bands = LossRateCharts.AgeBands(result.Cohort.StartAge, result.Cohort.EndAge, bandYears);
        double offset = sex == Sex.Female ? -SexOffset : SexOffset;
        var boxes = new List<Box>();
        for (int b = 0; b < bands.Count; b++)
        {
            (int from, int to) = bands[b];
            if (result.Alive(from, to, sex, ancestry) < Survivors.MinimumAlive)
            {
                continue;
            }

            double Centile(double percent) => result.Centile(Trait.LossRate, from, to, percent, sex, ancestry);
            boxes.Add(new Box
            {
                Position = b + offset,
                Width = BoxWidth,
                WhiskerMin = Centile(OuterLow),
                BoxMin = Centile(InnerLow),
                BoxMiddle = Centile(Median),
                BoxMax = Centile(InnerHigh),
                WhiskerMax = Centile(OuterHigh),
            });
        }

        if (boxes.Count == 0)
        {
            return null;
        }

        BoxPlot plottable = add.Boxes(boxes);
        plottable.LegendText = Describe.Capitalized(sex);
        plottable.FillColor = ChartTheme.ColorOf(sex).WithAlpha(BoxAlpha);
        plottable.LineColor = ChartTheme.ColorOf(sex);
        return plottable;
    }

    private static Scatter Line(PlottableAdder add, double[] xs, double[] ys, Color color, float width, string legend)
    {
        Scatter line = add.ScatterLine(xs, ys, color);
        line.LineWidth = width;
        line.LegendText = legend;
        return line;
    }

    private static (double[] Ages, int[] Drawn) AgesOf(SimulationResult result, Sex? sex, Ancestry? ancestry)
    {
        int[] drawn = Survivors.DrawnAges(result, sex, ancestry);
        return ([.. drawn.Select(a => (double)a)], drawn);
    }

    private static double[] Centiles(SimulationResult result, Trait trait, int[] ages, double percent, Sex? sex, Ancestry? ancestry)
    {
        RequireHistogram(result, trait);
        return [.. ages.Select(a => result.Centile(trait, a, percent, sex, ancestry))];
    }

    private static void RequireHistogram(SimulationResult result, Trait trait)
    {
        if (!result.Histograms.Contains(trait))
        {
            throw new InvalidOperationException(
                $"Centiles of {trait} need its histogram; run with {nameof(RunOptions)}.{nameof(RunOptions.Histograms)} including {trait}.");
        }
    }

    private static double Percent(double share) => 100 * share;

    private static Color ColorOf(Sex? sex) => sex is { } s ? ChartTheme.ColorOf(s) : ChartTheme.Black;

    private static string Who(Sex? sex) => sex is { } s ? Describe.Capitalized(s) : "Population";
}
