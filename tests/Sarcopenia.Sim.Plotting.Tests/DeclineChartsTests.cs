using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.ReferenceData;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

public class DeclineChartsTests
{
    public static TheoryData<Trait> ChartTraits => [Trait.Asm, Trait.Asmi, Trait.Grip, Trait.Gait, Trait.LossRate];

    [Theory]
    [MemberData(nameof(ChartTraits))]
    public void Decline_RendersPngAndSvgWithTitle(Trait trait)
    {
        using Plot plot = DeclineCharts.Decline(Runs.Evidence, trait);

        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }

    [Fact]
    public void Decline_BothSexes_HasTwoBandsAndAMedianPerSex()
    {
        using Plot plot = DeclineCharts.Decline(Runs.Evidence, Trait.Asmi);

        Assert.Equal(4, plot.GetPlottables<FillY>().Count());
        Assert.Equal(["Women, median", "Men, median"], plot.GetPlottables<Scatter>().Select(s => s.LegendText));
    }

    [Fact]
    public void Decline_OneSex_DrawsOnlyThatSex()
    {
        using Plot plot = DeclineCharts.Decline(Runs.Evidence, Trait.Asmi, Sex.Male);

        Assert.Equal(2, plot.GetPlottables<FillY>().Count());
        Assert.Equal(["Men, median"], plot.GetPlottables<Scatter>().Select(s => s.LegendText));
        Assert.Equal([7.0], plot.GetPlottables<HorizontalLine>().Select(l => l.Y));
    }

    [Fact]
    public void Decline_DrawsAndLabelsTheDefinitionCutoffForEachSex()
    {
        SimulationResult result = Runs.Evidence;
        using Plot plot = DeclineCharts.Decline(result, Trait.Grip);

        Assert.Equal([result.Definition.LowGrip.Threshold.Female, result.Definition.LowGrip.Threshold.Male],
            plot.GetPlottables<HorizontalLine>().Select(l => l.Y));
        Assert.Contains(plot.GetPlottables<Text>(), t => t.LabelText.Contains("EWGSOP2 cut-off, women: < 16 kg", StringComparison.Ordinal));
    }

    [Fact]
    public void Decline_SameCutoffForBothSexes_DrawsOneLineForBoth()
    {
        using Plot plot = DeclineCharts.Decline(Runs.Evidence, Trait.Gait);

        Assert.Equal(0.8, Assert.Single(plot.GetPlottables<HorizontalLine>()).Y);
        Assert.Equal("EWGSOP2 cut-off, women and men: ≤ 0.8 m/s", Assert.Single(plot.GetPlottables<Text>()).LabelText);
    }

    [Fact]
    public void Decline_LossRate_HasNoCutoff()
    {
        using Plot plot = DeclineCharts.Decline(Runs.Evidence, Trait.LossRate);

        Assert.Empty(plot.GetPlottables<HorizontalLine>());
    }

    [Fact]
    public void Decline_Grip_DrawsTheInternationalNormsAndCitesThem()
    {
        SimulationResult result = Runs.Evidence;
        using Plot plot = DeclineCharts.Decline(result, Trait.Grip);

        Markers[] markers = [.. plot.GetPlottables<Markers>()];
        int bandsInRange = GripNorms.International.Count(n => n.MidAge >= result.Cohort.StartAge && n.MidAge <= result.Cohort.EndAge);
        Assert.Equal(4, markers.Length);
        Assert.Equal(bandsInRange * 3, markers.Sum(m => m.Data.GetScatterPoints().Count));
        string caption = Assert.Single(plot.Axes.GetPanels().OfType<CaptionPanel>()).Label.Text.Replace('\n', ' ');
        Assert.Contains(GripNorms.InternationalSource, caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Decline_WithoutReferencePoints_HasNoMarkers()
    {
        using Plot plot = DeclineCharts.Decline(Runs.Evidence, Trait.Grip, referencePoints: false);

        Assert.Empty(plot.GetPlottables<Markers>());
    }

    [Fact]
    public void Decline_AxisLimitsSpanTheAgesAndTheBands()
    {
        SimulationResult result = Runs.Evidence;
        using Plot plot = DeclineCharts.Decline(result, Trait.Asm, referencePoints: false);

        AxisLimits limits = Rendered.Limits(plot);

        Assert.Equal(result.Cohort.StartAge, limits.Left);
        Assert.Equal(result.Cohort.EndAge, limits.Right);
        double lowest = result.Ages.Where(a => result.Alive(a) > 0).Min(a => result.Centile(Trait.Asm, a, 5, Sex.Female));
        double highest = result.Ages.Where(a => result.Alive(a) > 0).Max(a => result.Centile(Trait.Asm, a, 95, Sex.Male));
        Assert.True(limits.Bottom <= lowest && limits.Top >= highest, $"limits {limits} do not contain {lowest}..{highest}");
    }

    [Fact]
    public void Decline_WithoutHistogram_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DeclineCharts.Decline(Runs.WithoutHistograms, Trait.Grip));

        Assert.Contains(nameof(RunOptions.Histograms), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lives_DrawsOneLinePerLifeOfTheSexOverTheBands()
    {
        SimulationResult result = Runs.Evidence;
        IReadOnlyList<PersonLife> women = Simulation.TraceLives(result, Sex.Female, 3);
        IReadOnlyList<PersonLife> men = Simulation.TraceLives(result, Sex.Male, 2);

        using Plot plot = DeclineCharts.Lives(result, Trait.Asmi, Sex.Female, [.. women, .. men]);

        Scatter[] lines = [.. plot.GetPlottables<Scatter>()];
        Assert.Equal(1 + women.Count, lines.Length);
        Assert.Equal(women.Select(w => $"Person {w.PersonId}"), lines.Skip(1).Select(l => l.LegendText));
        Assert.Equal(2, plot.GetPlottables<FillY>().Count());
        Assert.Equal(women[0].Years.Count(y => y.Alive), lines[1].Data.GetScatterPoints().Count);
        Rendered.AssertRendersWithText(plot, Rendered.Title(plot));
    }
}
