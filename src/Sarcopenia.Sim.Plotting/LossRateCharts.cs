using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// What "1–5 % per year" means: the distribution of the muscle mass people actually lose in a year, by age band and
/// sex, against the review's claimed range. Returns the <see cref="Plot"/>.
/// </summary>
public static class LossRateCharts
{
    /// <summary>The source review's claim: muscle mass falls by 1–5 % a year after 30, percent per year.</summary>
    public const double ReviewLowPercent = 1;

    /// <summary>Upper end of the review's claimed range, percent per year.</summary>
    public const double ReviewHighPercent = 5;

    // Boxes of the two sexes sit side by side within one age band, this far either side of the band's position.
    private const double SexOffset = 0.2;

    // The width of the loss rate's histogram bins (TraitBins in the engine), which bounds how finely centiles are read.
    private const double LossRateBinPercent = 0.1;
    private const double BoxWidth = 0.35;
    private const double YHeadroom = 1.1;

    // The review's band is a pale backdrop; boxes are half-transparent so the band and the grid show through them.
    private const double ClaimAlpha = 0.35;
    private const double BoxAlpha = 0.45;

    /// <summary>
    /// Draws, for each age band and sex, a box of the annual mass loss of the living (whiskers p5–p95, box p25–p75,
    /// line at the median), pooling the years that ended at ages in the band, over a shaded 1–5 %/yr band.
    /// </summary>
    /// <param name="result">A run that accumulated a histogram of <see cref="Trait.LossRate"/>.</param>
    /// <param name="bandYears">Width of the age bands, years (bands start at multiples of it; a short last band joins the one before).</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <see cref="Trait.LossRate"/>.</exception>
    public static Plot Distribution(SimulationResult result, int bandYears = 10, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(bandYears, 1);
        if (!result.Histograms.Contains(Trait.LossRate))
        {
            throw new InvalidOperationException(
                $"The loss-rate distribution needs its histogram; run with {nameof(RunOptions)}.{nameof(RunOptions.Histograms)} including {Trait.LossRate}.");
        }

        var plot = new Plot();
        VerticalSpan claim = plot.Add.VerticalSpan(ReviewLowPercent, ReviewHighPercent, ChartTheme.Yellow.WithAlpha(ClaimAlpha));
        claim.LineWidth = 0;
        claim.LegendText = "The review's claim: 1–5 %/yr";

        double highest = ReviewHighPercent;
        IReadOnlyList<(int From, int To)> bands = AgeBands(result.Cohort.StartAge, result.Cohort.EndAge, bandYears);
        foreach (Sex sex in result.Sexes)
        {
            var boxes = new List<Box>();
            for (int b = 0; b < bands.Count; b++)
            {
                if (BoxOf(result, bands[b], sex, ancestry, b + (sex == Sex.Female ? -SexOffset : SexOffset)) is { } box)
                {
                    boxes.Add(box);
                    highest = Math.Max(highest, box.WhiskerMax ?? box.BoxMax);
                }
            }

            // A sex whose bands all have too few people draws nothing: an empty box plot has no legend symbol to show.
            if (boxes.Count == 0)
            {
                continue;
            }

            BoxPlot plottable = plot.Add.Boxes(boxes);
            plottable.LegendText = Describe.Capitalized(sex);
            plottable.FillColor = ChartTheme.ColorOf(sex).WithAlpha(BoxAlpha);
            plottable.LineColor = ChartTheme.ColorOf(sex);
        }

        double[] positions = [.. Enumerable.Range(0, bands.Count).Select(b => (double)b)];
        string[] labels = [.. bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.From}–{b.To}"))];
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.SetLimitsX(-0.5, bands.Count - 0.5);

        // Headroom above the highest whisker or the review's 5 %/yr, so neither touches the frame.
        plot.Axes.SetLimitsY(0, highest * YHeadroom);
        plot.ShowLegend(Alignment.UpperLeft);
        ChartTheme.AddCaption(plot, DeclineCharts.Caption(result,
            $"Mass lost in one year, % of the year before, pooled over the years ending at ages in each band. Whiskers p5–p95, box p25–p75, line median (read from {LossRateBinPercent:0.0} %/yr bins, within the model's limits on one year's loss)."));
        return ChartTheme.Apply(plot, $"Annual muscle-mass loss by age{Describe.Suffix(ancestry)}", "Age band (years)", $"Mass lost in a year ({Trait.LossRate.Unit()})");
    }

    /// <summary>Age bands of the years with a loss (start age + 1 to end age), aligned to multiples of <paramref name="width"/>.</summary>
    internal static IReadOnlyList<(int From, int To)> AgeBands(int startAge, int endAge, int width)
    {
        var bands = new List<(int From, int To)>();
        int first = startAge + 1;
        for (int from = first; from <= endAge;)
        {
            int to = Math.Min(endAge, (from / width + 1) * width - 1);
            bands.Add((from, to));
            from = to + 1;
        }

        // A last band under half the width (e.g. age 100 alone) holds too few years to stand on its own.
        if (bands.Count > 1 && bands[^1].To - bands[^1].From + 1 < (width + 1) / 2)
        {
            bands[^2] = (bands[^2].From, bands[^1].To);
            bands.RemoveAt(bands.Count - 1);
        }

        return bands;
    }

    private static Box? BoxOf(SimulationResult result, (int From, int To) band, Sex sex, Ancestry? ancestry, double position)
    {
        if (result.Alive(band.From, band.To, sex, ancestry) < Survivors.MinimumAlive)
        {
            return null;
        }

        double Centile(double percent) => result.Centile(Trait.LossRate, band.From, band.To, percent, sex, ancestry);
        return new Box
        {
            Position = position,
            Width = BoxWidth,
            WhiskerMin = Centile(5),
            BoxMin = Centile(25),
            BoxMiddle = Centile(50),
            BoxMax = Centile(75),
            WhiskerMax = Centile(95),
        };
    }
}
