using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public class FitChartsTests
{
    private const string Targets =
        "id,definition,stage,sex,ancestry,age_low,age_high,value_percent,se_percent,notes\n"
        + "P1,EWGSOP2,Probable,Female,European,70,79,20,,\n"
        + "P2,EWGSOP2,Sarcopenia,Male,European,70,79,90,,\n"
        + "P3,EWGSOP2010,Sarcopenia,Male,European,70,79,5,,lowest third\n";

    private static readonly Lazy<ModelCheckReport> s_report = new(() =>
        ModelCheck.Run(Scenario.FromPreset("Evidence") with { Cohort = new CohortSpec(1) { EndAge = 80 } }, TargetFile.Parse(Targets, "t.csv"), new ModelCheckOptions { People = 2_000 }));

    [Fact]
    public void Forest_DrawsAPublishedAndASimulatedMarkerPerComparedTarget()
    {
        ModelCheckReport report = s_report.Value;

        using Plot plot = FitCharts.Forest(report);

        // Two compared targets (P3 is not comparable): a square and a circle each.
        Marker[] markers = [.. plot.GetPlottables<Marker>()];
        Assert.Equal(4, markers.Length);
        Assert.Equal([20.0, 90.0], markers.Where(m => m.MarkerShape == MarkerShape.OpenSquare).Select(m => m.X));
        Assert.Equal(report.Rows.Take(2).Select(r => r.Simulated), markers.Where(m => m.MarkerShape == MarkerShape.FilledCircle).Select(m => m.X));
        // A row per target and two per group (its label and the gap), so that labels never overlap.
        Assert.True(FitCharts.ForestHeight(report) >= FitCharts.ForestRowHeight * (2 + 2));
        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }
}
