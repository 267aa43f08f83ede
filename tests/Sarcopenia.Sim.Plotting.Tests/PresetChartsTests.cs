using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.Scenarios;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public class PresetChartsTests
{
    [Fact]
    public void Compare_DrawsABandAndAMeanPerPreset()
    {
        SimulationResult[] runs = [Runs.Run(Presets.Review2014, TraitSet.Asm, 5_000), Runs.Run(Presets.Evidence, TraitSet.Asm, 5_000)];

        using Plot plot = PresetCharts.Compare(runs, Trait.Asm, Sex.Female);

        Assert.Equal(["Review2014 p5–p95", "Evidence p5–p95"], plot.GetPlottables<FillY>().Select(f => f.LegendText));
        Scatter[] means = [.. plot.GetPlottables<Scatter>()];
        Assert.Equal(["Review2014 mean", "Evidence mean"], means.Select(m => m.LegendText));
        Coordinates at70 = means[0].Data.GetScatterPoints().Single(c => c.X == 70);
        Assert.Equal(runs[0].Summary(Trait.Asm, 70, Sex.Female).Mean, at70.Y, 9);
        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }

    [Fact]
    public void Compare_WithoutHistogram_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => PresetCharts.Compare([Runs.WithoutHistograms], Trait.Asm, Sex.Male));
    }
}
