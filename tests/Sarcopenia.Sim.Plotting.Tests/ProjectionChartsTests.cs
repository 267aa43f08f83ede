using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public sealed class ProjectionChartsTests
{
    // Japan aged 60+ at 1:5,000 for four years, three replicates: about a second.
    private static readonly Lazy<MicrosimSetup> s_setup = new(() => new MicrosimSetup
    {
        Scenario = Scenario.FromPreset("Evidence") with { Cohort = new Population.CohortSpec(1) { StartAge = 60 } },
        Population = Wpp2019.Population(Wpp2019.FindLocation("Japan")),
        LifeTables = Wpp2019.LifeTables(Wpp2019.FindLocation("Japan")),
        Horizon = 2023,
        Scale = 5000,
    });

    private static readonly Lazy<ProjectionComparison> s_comparison = new(() => ProjectionComparison.Run(
        s_setup.Value, s_setup.Value with { Interventions = [Interventions.ResistanceTraining with { Coverage = 0.5 }] }, replicates: 3));

    [Fact]
    public void CasesByYear_DrawsEachSexsMeanInsideItsBand()
    {
        ProjectionRuns runs = s_comparison.Value.Baseline;

        using Plot plot = ProjectionCharts.CasesByYear(runs);

        Scatter[] lines = [.. plot.GetPlottables<Scatter>()];
        FillY[] bands = [.. plot.GetPlottables<FillY>()];
        Assert.Equal(["Women", "Men"], lines.Select(l => l.LegendText));
        Assert.Equal(2, bands.Length);
        Assert.Equal(runs.Cases(2023, Sex.Female, 65).Mean / 1e6, lines[0].Data.GetScatterPoints()[^1].Y, 1e-9);
        Assert.Equal(4, lines[1].Data.GetScatterPoints().Count);
        Rendered.AssertRendersWithText(plot, "Sarcopenia aged 65+ in Japan (EWGSOP2)");
    }

    [Fact]
    public void Pyramid_SplitsEachBandBySexAndStage_AndAddsUpToThePeople()
    {
        MicrosimResult r = s_comparison.Value.Baseline.Replicates[0];

        using Plot plot = ProjectionCharts.Pyramid(r, 2023);

        Bar[] bars = [.. plot.GetPlottables<BarPlot>().SelectMany(b => b.Bars)];
        double women = bars.Where(b => b.Value < 0 || b.ValueBase < 0).Sum(b => b.ValueBase - b.Value);
        double men = bars.Where(b => b.Value > 0).Sum(b => b.Value - b.ValueBase);
        Assert.Equal(r.People(2023, Sex.Female) / 1e6, women, 1e-6);
        Assert.Equal(r.People(2023, Sex.Male) / 1e6, men, 1e-6);
        Assert.All(bars, b => Assert.Equal(Orientation.Horizontal, b.Orientation));
        Rendered.AssertRendersWithText(plot, "Japan 2023: people by age and stage");
    }

    [Fact]
    public void CasesAverted_DrawsThePairedDifferences()
    {
        ProjectionComparison c = s_comparison.Value;

        using Plot plot = ProjectionCharts.CasesAverted(c);

        Scatter line = plot.GetPlottables<Scatter>().Single();
        Assert.Equal([.. Enumerable.Range(2020, 4).Select(y => c.CasesAverted(y, null, 65).Mean / 1e3)], line.Data.GetScatterPoints().Select(p => p.Y));
        Assert.True(line.Data.GetScatterPoints()[^1].Y > 0);
        Rendered.AssertRendersWithText(plot, "Cases averted aged 65+ in Japan");
    }
}
