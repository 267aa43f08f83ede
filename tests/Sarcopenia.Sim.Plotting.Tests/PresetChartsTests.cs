using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.Scenarios;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public class PresetChartsTests
{
    private static readonly ModelParameters[] s_presets = [Presets.Review2014, Presets.Evidence];

    [Fact]
    public void Compare_DrawsABandAndAMeanPerArm()
    {
        Comparison comparison = Runs.ComparePresets(s_presets, Trait.Asm);

        using Plot plot = PresetCharts.Compare(comparison, Trait.Asm, Sex.Female);

        Assert.Equal(["Review2014 p5–p95", "Evidence p5–p95"], plot.GetPlottables<FillY>().Select(f => f.LegendText));
        Scatter[] means = [.. plot.GetPlottables<Scatter>()];
        Assert.Equal(["Review2014 mean", "Evidence mean"], means.Select(m => m.LegendText));
        Coordinates at70 = means[0].Data.GetScatterPoints().Single(c => c.X == 70);
        Assert.Equal(comparison["Review2014"].Summary(Trait.Asm, 70, Sex.Female).Mean, at70.Y, 9);
        Assert.Contains("Review2014 vs Evidence", Rendered.Title(plot), StringComparison.Ordinal);
        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }

    [Fact]
    public void Compare_WithoutHistogram_Throws()
    {
        Comparison withoutHistograms = Runs.ComparePresets(s_presets);

        Assert.Throws<InvalidOperationException>(() => PresetCharts.Compare(withoutHistograms, Trait.Asm, Sex.Male));
    }
}
