using System.Globalization;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// What "1–5 % per year" means: the distribution of the muscle mass people actually lose in a year, by age band and
/// sex, against the review's claimed range. A recipe of <see cref="PlotLayers"/>; returns the <see cref="Plot"/>.
/// </summary>
public static class LossRateCharts
{
    /// <summary>The source review's claim: muscle mass falls by 1–5 % a year after 30, percent per year.</summary>
    public const double ReviewLowPercent = 1;

    /// <summary>Upper end of the review's claimed range, percent per year.</summary>
    public const double ReviewHighPercent = 5;

    /// <summary>The width of the age bands by default, years: decades, as the review states its claim.</summary>
    public const int DefaultBandYears = 10;

    // The width of the loss rate's histogram bins (TraitInfo.HistogramBinWidth), which bounds how finely centiles are read.
    private const double LossRateBinPercent = 0.1;

    // Headroom above the highest whisker or the review's 5 %/yr, so neither touches the frame.
    private const double YHeadroom = 1.1;

    /// <summary>
    /// Draws, for each age band and sex, a box of the annual mass loss of the living (whiskers p5–p95, box p25–p75,
    /// line at the median), pooling the years that ended at ages in the band, over a shaded 1–5 %/yr band.
    /// </summary>
    /// <param name="result">A run that accumulated a histogram of <see cref="Trait.LossRate"/>.</param>
    /// <param name="bandYears">Width of the age bands, years (bands start at multiples of it; a short last band joins the one before).</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <see cref="Trait.LossRate"/>.</exception>
    public static Plot Distribution(SimulationResult result, int bandYears = DefaultBandYears, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(bandYears, 1);
        var plot = new Plot();
        plot.Add.ClaimedLossRange();
        double highest = ReviewHighPercent;
        foreach (Sex sex in result.Sexes)
        {
            if (plot.Add.LossRateBoxes(result, sex, bandYears, ancestry) is { } boxes)
            {
                highest = Math.Max(highest, boxes.Boxes.Max(box => box.WhiskerMax ?? box.BoxMax));
            }
        }

        IReadOnlyList<(int From, int To)> bands = AgeBands(result.Cohort.StartAge, result.Cohort.EndAge, bandYears);
        double[] positions = [.. Enumerable.Range(0, bands.Count).Select(b => (double)b)];
        string[] labels = [.. bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.From}–{b.To}"))];
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.SetLimitsX(-0.5, bands.Count - 0.5);
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
}
