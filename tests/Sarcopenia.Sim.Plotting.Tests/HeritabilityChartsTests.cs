using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.Tests.Support;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public class HeritabilityChartsTests
{
    private static readonly Lazy<TwinPairs> s_pairs = new(() => TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 1000, DizygoticPairs = 1000 }, seed: 5));

    [Fact]
    public void ByAgeBand_DrawsAPointPerBandAndSexWithItsInterval()
    {
        IReadOnlyList<TwinSubsetFit> fits = TwinModels.FitBy(s_pairs.Value, new TwinGrouping { BySex = true, AgeBandEdges = [40, 60, 80] }, [TwinModel.Ace]);

        using Plot plot = HeritabilityCharts.ByAgeBand(fits);

        Scatter[] series = [.. plot.GetPlottables<Scatter>()];
        ErrorBar[] bars = [.. plot.GetPlottables<ErrorBar>()];
        Assert.Equal(["Women", "Men"], series.Select(s => s.LegendText));
        Assert.Equal(2, bars.Length);
        foreach ((Scatter line, ErrorBar bar, Sex sex) in series.Zip(bars, [Sex.Female, Sex.Male]))
        {
            TwinFit[] expected = [.. fits.Where(f => f.Subset.Sex == sex).Select(f => f.Models![TwinModel.Ace]!)];
            Assert.Equal(expected.Select(f => f.Proportion(VarianceComponent.Additive)), line.Data.GetScatterPoints().Select(p => p.Y));
            Assert.Equal(expected.Select(f => f.Proportion(VarianceComponent.Additive) - f[VarianceComponent.Additive]!.Lower), bar.YErrorNegative!);
            Assert.All(bar.YErrorPositive!, e => Assert.True(e >= 0));
        }

        AxisLimits limits = Rendered.Limits(plot);
        Assert.Equal((-0.5, 2.5, 0.0, 1.0), (limits.Left, limits.Right, limits.Bottom, limits.Top));
        Rendered.AssertRendersWithText(plot, "Grip: a² by age");
    }

    [Fact]
    public void ByAgeBand_WithoutAgeBands_SaysHowToGetThem()
    {
        IReadOnlyList<TwinSubsetFit> fits = TwinModels.FitBy(s_pairs.Value, TwinGrouping.None, [TwinModel.Ae], TwinFitOptions.Default with { Intervals = false });

        ArgumentException e = Assert.Throws<ArgumentException>(() => HeritabilityCharts.ByAgeBand(fits));

        Assert.StartsWith("No age band has a fit of ACE with Additive", e.Message);
    }

    [Fact]
    public void Scatter_DrawsEveryPairOnceByZygosity()
    {
        TwinPairs pairs = s_pairs.Value;

        using Plot plot = HeritabilityCharts.Scatter(pairs);

        Markers[] groups = [.. plot.GetPlottables<Markers>()];
        Assert.Equal(["MZ (1,000 pairs)", "DZ (1,000 pairs)"], groups.Select(g => g.LegendText));
        Assert.Equal(pairs.Count, groups.Sum(g => g.Data.GetScatterPoints().Count));
        Rendered.AssertRendersWithText(plot, "Grip: twin 1 against twin 2");
    }
}
