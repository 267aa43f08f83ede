using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public class PrevalenceChartsTests
{
    [Fact]
    public void Stages_StacksOneAreaPerStageOfTheDefinition()
    {
        SimulationResult result = Runs.Evidence;

        using Plot plot = PrevalenceCharts.Stages(result, Sex.Female);

        FillY[] areas = [.. plot.GetPlottables<FillY>()];
        Stage[] stages = [.. result.Stages.Where(s => s != Stage.None)];
        Assert.Equal(stages.Length, areas.Length);
        Assert.Equal(["Probable (low grip)", "Sarcopenia", "Severe sarcopenia"], areas.Select(a => a.LegendText));
        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }

    [Fact]
    public void Stages_TopEdgeIsTheShareWithAnyStage()
    {
        SimulationResult result = Runs.Evidence;
        using Plot plot = PrevalenceCharts.Stages(result, Sex.Male);

        double top = plot.GetPlottables<FillY>().First().GetAxisLimits().Top;

        double anyStage = Survivors.DrawnAges(result, Sex.Male).Max(a => 100 * (1 - result.Prevalence(a, Sex.Male, Stage.None)));
        Assert.Equal(anyStage, top, 9);
    }

    [Fact]
    public void Stages_AxisLimitsCoverAgesAndStartAtZero()
    {
        SimulationResult result = Runs.Evidence;
        using Plot plot = PrevalenceCharts.Stages(result, Sex.Female);

        AxisLimits limits = Rendered.Limits(plot);

        Assert.Equal(result.Cohort.StartAge, limits.Left);
        Assert.Equal(result.Cohort.EndAge, limits.Right);
        Assert.Equal(0, limits.Bottom);
        double highest = result.Ages.Where(a => result.Alive(a, Sex.Female) > 0).Max(a => 100 * (1 - result.Prevalence(a, Sex.Female, Stage.None)));
        Assert.InRange(limits.Top, highest, 100);
    }

    [Fact]
    public void ByDefinition_DrawsOneLinePerArmLabelledWithItsName()
    {
        SarcopeniaDefinition[] definitions = [Definitions.Ewgsop2010, Definitions.Awgs2019];
        Comparison comparison = Runs.CompareDefinitions(definitions);

        using Plot plot = PrevalenceCharts.ByDefinition(comparison, Sex.Female);

        Scatter[] lines = [.. plot.GetPlottables<Scatter>()];
        Assert.Equal(definitions.Select(d => d.Name), lines.Select(l => l.LegendText));
        Coordinates at75 = lines[1].Data.GetScatterPoints().Single(c => c.X == 75);
        Assert.Equal(100 * comparison.Results[1].PrevalenceAtLeast(75, Sex.Female, Stage.Sarcopenia), at75.Y, 9);
        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }

    [Fact]
    public void ByDefinition_YAxisCoversTheHighestLine()
    {
        Comparison comparison = Runs.CompareDefinitions(Definitions.Ewgsop2010, Definitions.Fnih);
        using Plot plot = PrevalenceCharts.ByDefinition(comparison);

        AxisLimits limits = Rendered.Limits(plot);

        double highest = plot.GetPlottables<Scatter>().SelectMany(l => l.Data.GetScatterPoints()).Max(c => c.Y);
        Assert.Equal(0, limits.Bottom);
        Assert.Equal(PrevalenceCharts.NiceTop(highest), limits.Top);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(12, 15)]
    [InlineData(46.4, 55)]
    [InlineData(99, 100)]
    public void NiceTop_RoundsUpWithHeadroomToFivePoints(double max, double expected)
    {
        Assert.Equal(expected, PrevalenceCharts.NiceTop(max));
    }
}
