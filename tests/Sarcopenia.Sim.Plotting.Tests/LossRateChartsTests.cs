using Sarcopenia.Sim.Plotting.Tests.Support;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public class LossRateChartsTests
{
    [Fact]
    public void Distribution_DrawsABoxPerAgeBandAndSexOverTheReviewRange()
    {
        SimulationResult result = Runs.Evidence;

        using Plot plot = LossRateCharts.Distribution(result);

        BoxPlot[] boxes = [.. plot.GetPlottables<BoxPlot>()];
        int bands = LossRateCharts.AgeBands(result.Cohort.StartAge, result.Cohort.EndAge, 10).Count;
        Assert.Equal(["Women", "Men"], boxes.Select(b => b.LegendText));
        Assert.All(boxes, b => Assert.Equal(bands, b.Boxes.Count));
        Assert.All(boxes.SelectMany(b => b.Boxes), box =>
            Assert.True(box.WhiskerMin <= box.BoxMin && box.BoxMin <= box.BoxMiddle && box.BoxMiddle <= box.BoxMax && box.BoxMax <= box.WhiskerMax));
        VerticalSpan claim = Assert.Single(plot.GetPlottables<VerticalSpan>());
        Assert.Equal((LossRateCharts.ReviewLowPercent, LossRateCharts.ReviewHighPercent), (claim.Bottom, claim.Top));
        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }

    [Fact]
    public void Distribution_AxisLimitsShowEveryBandAndTheWholeReviewRange()
    {
        SimulationResult result = Runs.Evidence;
        using Plot plot = LossRateCharts.Distribution(result);

        AxisLimits limits = Rendered.Limits(plot);

        int bands = LossRateCharts.AgeBands(result.Cohort.StartAge, result.Cohort.EndAge, 10).Count;
        Assert.Equal((-0.5, bands - 0.5), (limits.Left, limits.Right));
        Assert.Equal(0, limits.Bottom);
        Assert.True(limits.Top > LossRateCharts.ReviewHighPercent);
    }

    [Fact]
    public void Distribution_WithoutHistogram_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => LossRateCharts.Distribution(Runs.WithoutHistograms));
    }

    [Fact]
    public void AgeBands_AlignToDecadesAndFoldAShortLastBand()
    {
        Assert.Equal([(31, 39), (40, 49), (50, 59), (60, 69), (70, 79), (80, 89), (90, 100)], LossRateCharts.AgeBands(30, 100, 10));
        Assert.Equal([(61, 64), (65, 69), (70, 74)], LossRateCharts.AgeBands(60, 74, 5));
    }
}
