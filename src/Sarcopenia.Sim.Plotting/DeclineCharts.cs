using Sarcopenia.Sim.ReferenceData;
using Sarcopenia.Sim.Staging;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// The "growth chart of ageing": a trait against age with centile bands, the median and the definition's cut-off, and
/// individual lives replayed over those bands. Every method returns the <see cref="Plot"/> so callers can restyle it;
/// none writes files (see <see cref="ChartExport"/>).
/// </summary>
public static class DeclineCharts
{
    private const float MedianWidth = 2.5f;
    private const float CutoffWidth = 1.5f;
    private const float LifeWidth = 1.8f;
    private const float ReferenceMarkerSize = 9;

    // Cut-off labels start this many years right of the start age so they clear the y axis.
    private const double LabelInset = 0.5;

    // Replaying lives costs one person at a time; stop looking for people of one sex after this many ids per life
    // wanted, which only matters for cohorts (almost) without that sex.
    private const int SearchIdsPerLife = 50;

    /// <summary>
    /// Draws <paramref name="trait"/> against age: p5–p95 and p25–p75 bands and the median for each sex, the run's
    /// definition cut-off for each sex (when the definition uses this trait's scale), and for grip the published
    /// international P10/P50/P90 norms (<see cref="GripNorms.International"/>, cited in the caption).
    /// </summary>
    /// <param name="result">A run that accumulated a histogram of <paramref name="trait"/> (<see cref="RunOptions.Histograms"/>).</param>
    /// <param name="trait">The trait to draw.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men on the same axes.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <param name="referencePoints">Whether to draw published reference centiles where the library ships them (grip).</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <paramref name="trait"/>.</exception>
    public static Plot Decline(SimulationResult result, Trait trait, Sex? sex = null, Ancestry? ancestry = null, bool referencePoints = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        Sex[] sexes = sex is { } one ? [one] : [.. result.Sexes];
        CentileBands[] bands = [.. sexes.Select(s => CentileBands.Of(result, trait, s, ancestry))];
        for (int i = 0; i < sexes.Length; i++)
        {
            AddBands(plot, bands[i], ChartTheme.ColorOf(sexes[i]));
        }

        // Medians go on top of every band, so one sex's band never tints the other sex's median.
        for (int i = 0; i < sexes.Length; i++)
        {
            AddMedian(plot, bands[i], ChartTheme.ColorOf(sexes[i]), Describe.Capitalized(sexes[i]));
        }

        Cutoff? cutoff = Describe.CutoffFor(result.Definition, trait);
        if (cutoff is { } shared && sexes.Length == 2 && shared.Threshold.Female == shared.Threshold.Male)
        {
            // One line for both sexes: two labels at the same height would overprint each other.
            AddCutoff(plot, result.Definition, trait, null, result.Cohort.StartAge);
        }
        else
        {
            foreach (Sex s in sexes)
            {
                AddCutoff(plot, result.Definition, trait, s, result.Cohort.StartAge);
            }
        }

        bool withNorms = referencePoints && trait == Trait.Grip && AddGripNorms(plot, result, sexes);
        string survivors = Survivors.Mark(plot, result, sex, ancestry);
        string caption = Caption(result, $"Bands: p5–p95 (light) and p25–p75 (dark); solid line: median{(cutoff is null ? "" : "; dashed: the definition's cut-off")}. {survivors}");
        ChartTheme.AddCaption(plot, withNorms ? $"{caption} Reference points: {GripNorms.InternationalSource}." : caption);
        plot.Axes.SetLimitsX(result.Cohort.StartAge, result.Cohort.EndAge);
        plot.ShowLegend(Edge.Right);
        string who = sex is { } only ? $", {Describe.Plural(only)}" : "";
        return ChartTheme.Apply(plot, $"{Describe.Name(trait)} by age{who}{Describe.Suffix(ancestry)}", "Age (years)", Describe.AxisLabel(trait));
    }

    /// <summary>
    /// Draws individual lives, replayed exactly (<see cref="Simulation.TracePerson"/>), over the population's centile
    /// bands of <paramref name="trait"/> for <paramref name="sex"/>. Each life ends where the person dies (marked ×).
    /// </summary>
    /// <param name="result">A run that accumulated a histogram of <paramref name="trait"/>.</param>
    /// <param name="trait">The trait to draw.</param>
    /// <param name="sex">The sex whose bands are drawn; lives of the other sex are skipped.</param>
    /// <param name="lives">Lives from the same model, cohort and seed as <paramref name="result"/>, e.g. from <see cref="ReplayLives"/>.</param>
    /// <param name="ancestry">One ancestry group for the bands, or <see langword="null"/> for everyone.</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <paramref name="trait"/>.</exception>
    public static Plot Lives(SimulationResult result, Trait trait, Sex sex, IReadOnlyList<PersonLife> lives, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(lives);
        var plot = new Plot();
        CentileBands population = CentileBands.Of(result, trait, sex, ancestry);
        AddBands(plot, population, ChartTheme.Black);
        AddMedian(plot, population, ChartTheme.Black, "Population");
        AddCutoff(plot, result.Definition, trait, sex, result.Cohort.StartAge);
        int index = 0;
        foreach (PersonLife life in lives.Where(l => l.Sex == sex))
        {
            LifeYear[] alive = [.. life.Years.Where(y => y.Alive)];
            if (alive.Length == 0)
            {
                continue;
            }

            Color color = ChartTheme.SeriesColor(index++);
            double[] ages = [.. alive.Select(y => (double)y.Age)];
            double[] values = [.. alive.Select(y => ValueOf(y, trait))];
            Scatter line = plot.Add.ScatterLine(ages, values, color);
            line.LineWidth = LifeWidth;
            line.LegendText = $"Person {life.PersonId}";
            if (alive.Length < life.Years.Count)
            {
                plot.Add.Marker(alive[^1].Age, ValueOf(alive[^1], trait), MarkerShape.Eks, ReferenceMarkerSize, color);
            }
        }

        string survivors = Survivors.Mark(plot, result, sex, ancestry);
        ChartTheme.AddCaption(plot, Caption(result, $"Each line is one simulated person, replayed exactly; × marks death. Grey bands: population p5–p95 and p25–p75, line: median. {survivors}"));
        plot.Axes.SetLimitsX(result.Cohort.StartAge, result.Cohort.EndAge);
        plot.ShowLegend(Edge.Right);
        return ChartTheme.Apply(plot, $"{Describe.Name(trait)}: individual lives, {Describe.Plural(sex)}{Describe.Suffix(ancestry)}", "Age (years)", Describe.AxisLabel(trait));
    }

    /// <summary>Replays the first <paramref name="count"/> people of <paramref name="sex"/> (lowest ids) of <paramref name="result"/>'s run.</summary>
    /// <param name="result">The run whose model, cohort and seed are replayed.</param>
    /// <param name="sex">The sex of the people wanted.</param>
    /// <param name="count">How many lives to replay.</param>
    /// <returns>Up to <paramref name="count"/> lives (fewer when the cohort has almost nobody of that sex).</returns>
    public static IReadOnlyList<PersonLife> ReplayLives(SimulationResult result, Sex sex, int count)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var lives = new List<PersonLife>(count);
        long searchEnd = Math.Min(result.Cohort.People, (long)count * SearchIdsPerLife);
        for (long id = 0; id < searchEnd && lives.Count < count; id++)
        {
            PersonLife life = Simulation.TracePerson(result.Model, result.Cohort, result.Seed, id);
            if (life.Sex == sex)
            {
                lives.Add(life);
            }
        }

        return lives;
    }

    /// <summary>
    /// Adds the p5–p95 and p25–p75 bands in <paramref name="color"/>, without legend entries: the caption explains the
    /// bands, which keeps the legend short enough to sit beside the axes.
    /// </summary>
    private static void AddBands(Plot plot, CentileBands bands, Color color)
    {
        FillY outer = plot.Add.FillY(bands.Ages, bands.P5, bands.P95);
        outer.FillColor = ChartTheme.OuterBand(color);
        outer.LineWidth = 0;
        FillY inner = plot.Add.FillY(bands.Ages, bands.P25, bands.P75);
        inner.FillColor = ChartTheme.InnerBand(color);
        inner.LineWidth = 0;
    }

    /// <summary>Adds the median line in <paramref name="color"/>, with the legend entry "<paramref name="name"/>, median".</summary>
    private static void AddMedian(Plot plot, CentileBands bands, Color color, string name)
    {
        Scatter median = plot.Add.ScatterLine(bands.Ages, bands.P50, color);
        median.LineWidth = MedianWidth;
        median.LegendText = $"{name}, median";
    }

    /// <summary>"Evidence preset, EWGSOP2 staging, 100,000 simulated people, seed 42. {text}"; without the staging when <paramref name="staging"/> is false.</summary>
    internal static string Caption(SimulationResult result, string text, bool staging = true) =>
        $"{result.Model.Name} preset, {(staging ? $"{result.Definition.Name} staging, " : "")}{Describe.People(result.People)} simulated people, seed {result.Seed}. {text}".TrimEnd();

    /// <summary>Draws the definition's cut-off on <paramref name="trait"/> for <paramref name="sex"/> (both sexes when <see langword="null"/>), labelled on the line.</summary>
    private static void AddCutoff(Plot plot, SarcopeniaDefinition definition, Trait trait, Sex? sex, int startAge)
    {
        if (Describe.CutoffFor(definition, trait) is not { } cutoff)
        {
            return;
        }

        double threshold = cutoff.Threshold[sex ?? Sex.Female];
        Color color = sex is { } s ? ChartTheme.ColorOf(s) : ChartTheme.Black;
        plot.Add.HorizontalLine(threshold, CutoffWidth, color, LinePattern.Dashed);

        // The label sits on the line at its left end, where the bands of young adults are far above any cut-off.
        Text text = plot.Add.Text(Describe.CutoffLabel(definition, cutoff, trait, sex), startAge + LabelInset, threshold);
        text.LabelFontSize = ChartTheme.LegendSize;
        text.LabelFontColor = color;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        text.LabelAlignment = Alignment.LowerLeft;
    }

    private static bool AddGripNorms(Plot plot, SimulationResult result, Sex[] sexes)
    {
        bool any = false;
        foreach (Sex s in sexes)
        {
            GripCentiles[] bands = [.. GripNorms.International.Where(n => n.Sex == s && n.MidAge >= result.Cohort.StartAge && n.MidAge <= result.Cohort.EndAge)];
            if (bands.Length == 0)
            {
                continue;
            }

            double[] ages = [.. bands.Select(b => b.MidAge)];
            double[] p50 = [.. bands.Select(b => b.P50)];
            double[] tailAges = [.. ages, .. ages];
            double[] tailValues = [.. bands.Select(b => b.P10), .. bands.Select(b => b.P90)];
            Markers medians = plot.Add.Markers(ages, p50, MarkerShape.FilledDiamond, ReferenceMarkerSize, ChartTheme.ColorOf(s));
            medians.MarkerLineColor = ChartTheme.Black;
            medians.MarkerLineWidth = 1;
            medians.LegendText = $"{Describe.Capitalized(s)}, published P50";
            Markers tails = plot.Add.Markers(tailAges, tailValues, MarkerShape.OpenDiamond, ReferenceMarkerSize, ChartTheme.ColorOf(s));
            tails.MarkerLineWidth = 1.5f;
            tails.LegendText = $"{Describe.Capitalized(s)}, published P10/P90";
            any = true;
        }

        return any;
    }

    private static double ValueOf(LifeYear year, Trait trait) => trait switch
    {
        Trait.Asm => year.AsmKg,
        Trait.Asmi => year.AsmiKgPerM2,
        Trait.Grip => year.GripKg,
        Trait.Gait => year.GaitMps,
        Trait.LossRate => year.LossPercent,
        _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, "Unknown trait."),
    };
}
