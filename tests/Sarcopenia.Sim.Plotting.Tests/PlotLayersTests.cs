using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.ReferenceData;
using Sarcopenia.Sim.Staging;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

/// <summary>Each layer adds what it says to a fresh plot, with data read from the result, and returns it.</summary>
public class PlotLayersTests
{
    [Fact]
    public void CentileBands_AddsTheOuterThenTheInnerBandAtTheDrawnAges()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        (FillY outer, FillY inner) = plot.Add.CentileBands(result, Trait.Grip, Sex.Female);

        Assert.Equal([outer, inner], plot.GetPlottables());
        int[] ages = Survivors.DrawnAges(result, Sex.Female);
        Assert.Equal((ages[0], ages[^1]), ((int)outer.GetAxisLimits().Left, (int)outer.GetAxisLimits().Right));
        Assert.Equal(ages.Max(a => result.Centile(Trait.Grip, a, 95, Sex.Female)), outer.GetAxisLimits().Top, 9);
        Assert.Equal(ages.Min(a => result.Centile(Trait.Grip, a, 25, Sex.Female)), inner.GetAxisLimits().Bottom, 9);
        Assert.Equal(ChartTheme.OuterBand(ChartTheme.ColorOf(Sex.Female)), outer.FillColor);
        Assert.Equal(ChartTheme.InnerBand(ChartTheme.ColorOf(Sex.Female)), inner.FillColor);
        Assert.All([outer, inner], band => Assert.True(string.IsNullOrEmpty(band.LegendText)));
    }

    [Fact]
    public void CentileBands_WithoutTheHistogram_ThrowsAndAddsNothing()
    {
        using var plot = new Plot();

        var error = Assert.Throws<InvalidOperationException>(() => plot.Add.CentileBands(Runs.WithoutHistograms, Trait.Gait, null));

        Assert.Contains(nameof(RunOptions.Histograms), error.Message, StringComparison.Ordinal);
        Assert.Empty(plot.GetPlottables());
    }

    [Fact]
    public void MedianLine_FollowsTheMedianAtEachDrawnAge()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        Scatter median = plot.Add.MedianLine(result, Trait.Asmi, Sex.Male);

        Coordinates[] points = [.. median.Data.GetScatterPoints()];
        Assert.Equal(Survivors.DrawnAges(result, Sex.Male).Select(a => (double)a), points.Select(p => p.X));
        Assert.Equal(result.Centile(Trait.Asmi, 60, 50, Sex.Male), points.Single(p => p.X == 60).Y, 9);
        Assert.Equal("Men, median", median.LegendText);
        Assert.Equal(ChartTheme.Blue, median.Color);
    }

    [Fact]
    public void MeanLine_BothSexes_IsThePooledMeanInBlack()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        Scatter mean = plot.Add.MeanLine(result, Trait.Asm, null);

        Assert.Equal(result.Summary(Trait.Asm, 50).Mean, mean.Data.GetScatterPoints().Single(p => p.X == 50).Y, 9);
        Assert.Equal("Population, mean", mean.LegendText);
        Assert.Equal(ChartTheme.Black, mean.Color);
    }

    [Fact]
    public void CutOff_AddsADashedLineAndItsLabelAtTheThreshold()
    {
        using var plot = new Plot();

        HorizontalLine? line = plot.Add.CutOff(Definitions.Ewgsop2, Trait.Grip, Sex.Female);

        Assert.NotNull(line);
        Assert.Equal(Definitions.Ewgsop2.LowGrip.Threshold.Female, line.Y);
        Assert.Equal(LinePattern.Dashed, line.LinePattern);
        Text label = Assert.Single(plot.GetPlottables<Text>());
        Assert.Equal("EWGSOP2 cut-off, women: < 16 kg", label.LabelText);
        Assert.Equal(line.Y, label.Location.Y);
        Assert.True(label.Location.X > PlotLayers.DefaultLabelAge);
    }

    [Fact]
    public void CutOff_ForBothSexes_IsRefusedWhereTheirCutOffsDiffer()
    {
        using var plot = new Plot();

        // EWGSOP2's grip cut-offs are 16 kg (women) and 27 kg (men): one line cannot stand for both.
        ArgumentException error = Assert.Throws<ArgumentException>(() => plot.Add.CutOff(Definitions.Ewgsop2, Trait.Grip, sex: null));
        Assert.Contains("differs between women and men", error.Message, StringComparison.Ordinal);
        Assert.Empty(plot.GetPlottables());
    }

    [Fact]
    public void CutOff_OnAScaleTheDefinitionDoesNotUse_AddsNothing()
    {
        using var plot = new Plot();

        // EWGSOP2 stages mass by ASMI, so it has no cut-off in kilograms of ASM.
        Assert.Null(plot.Add.CutOff(Definitions.Ewgsop2, Trait.Asm, Sex.Male));
        Assert.Empty(plot.GetPlottables());
    }

    [Fact]
    public void GripReference_AddsTheNormsInTheAgesOnly()
    {
        using var plot = new Plot();

        (Markers medians, Markers tails) = plot.Add.GripReference(Sex.Male, 40, 80)!.Value;

        GripCentiles[] norms = [.. GripNorms.International.Where(n => n.Sex == Sex.Male && n.MidAge >= 40 && n.MidAge <= 80)];
        Assert.NotEmpty(norms);
        Assert.Equal(norms.Select(n => n.P50), medians.Data.GetScatterPoints().Select(p => p.Y));
        Assert.Equal(2 * norms.Length, tails.Data.GetScatterPoints().Count);
        Assert.Null(plot.Add.GripReference(Sex.Male, 200, 210));
    }

    [Fact]
    public void Lives_AddsOneLinePerLifeOverItsLivingYears_AndMarksDeaths()
    {
        SimulationResult result = Runs.Evidence;
        IReadOnlyList<PersonLife> lives = Simulation.TraceLives(result, Sex.Female, 4);
        using var plot = new Plot();

        IReadOnlyList<Scatter> lines = plot.Add.Lives(lives, Trait.Grip);

        Assert.Equal(lives.Select(l => $"Person {l.PersonId}"), lines.Select(l => l.LegendText));
        Assert.Equal(lives.Select(l => l.Years.Count(y => y.Alive)), lines.Select(l => l.Data.GetScatterPoints().Count));
        Assert.Equal(lives[0].Years.First().GripKg, lines[0].Data.GetScatterPoints()[0].Y, 5);
        Assert.Equal(lives.Count(l => l.Years.Any(y => !y.Alive)), plot.GetPlottables<Marker>().Count());
        Assert.Equal(lines.Select((_, i) => ChartTheme.SeriesColor(i)), lines.Select(l => l.Color));
    }

    [Fact]
    public void StageAreas_StackEachStageOnTheMoreSevereOnes()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        IReadOnlyList<FillY> areas = plot.Add.StageAreas(result, Sex.Female);

        // Top first: probable, sarcopenia, severe; the bottom area starts at zero and each top is the next one's bottom.
        Assert.Equal(["Probable (low grip)", "Sarcopenia", "Severe sarcopenia"], areas.Select(a => a.LegendText));
        Assert.Equal(0, areas[^1].GetAxisLimits().Bottom);
        int[] ages = Survivors.DrawnAges(result, Sex.Female);
        Assert.Equal(ages.Max(a => 100 * result.Prevalence(a, Sex.Female, Stage.Severe)), areas[^1].GetAxisLimits().Top, 9);
        Assert.Equal(ages.Max(a => 100 * (1 - result.Prevalence(a, Sex.Female, Stage.None))), areas[0].GetAxisLimits().Top, 9);
    }

    [Fact]
    public void PrevalenceLine_IsTheShareWithTheStageOrWorse()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        Scatter line = plot.Add.PrevalenceLine(result, null, Stage.Probable);

        Assert.Equal(100 * result.PrevalenceAtLeast(85, null, Stage.Probable), line.Data.GetScatterPoints().Single(p => p.X == 85).Y, 9);
        Assert.Equal(result.Definition.Name, line.LegendText);
    }

    [Fact]
    public void SurvivorShading_SpansTheSurvivorsAges_AndTheCaptionExplainsIt()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        HorizontalSpan? shade = plot.Add.SurvivorShading(result, Sex.Male);

        Assert.NotNull(shade);
        Assert.Equal(Survivors.From(result, Sex.Male), (int)shade.X1);
        Assert.Equal(Survivors.DrawnAges(result, Sex.Male)[^1], (int)shade.X2);
        Assert.StartsWith($"Shaded: from {shade.X1}", Survivors.Caption(result, Sex.Male), StringComparison.Ordinal);
    }

    [Fact]
    public void SurvivorShading_NoSurvivorsAgesDrawn_AddsNothing()
    {
        // From 30 to 50 nearly everyone is alive, so no age is a survivors' age.
        SimulationResult young = Simulation.Run(Scenarios.Presets.Evidence, new Population.CohortSpec(2_000) { EndAge = 50 }, Runs.Seed);
        using var plot = new Plot();

        Assert.Null(plot.Add.SurvivorShading(young, null));
        Assert.Empty(plot.GetPlottables());
        Assert.Equal("", Survivors.Caption(young));
    }

    [Fact]
    public void ClaimedLossRange_SpansTheReviewsClaim()
    {
        using var plot = new Plot();

        VerticalSpan claim = plot.Add.ClaimedLossRange();

        Assert.Equal((LossRateCharts.ReviewLowPercent, LossRateCharts.ReviewHighPercent), (claim.Bottom, claim.Top));
    }

    [Fact]
    public void LossRateBoxes_OneBoxPerBandBesideTheBandsPosition()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        BoxPlot women = plot.Add.LossRateBoxes(result, Sex.Female)!;
        BoxPlot men = plot.Add.LossRateBoxes(result, Sex.Male)!;

        IReadOnlyList<(int From, int To)> bands = LossRateCharts.AgeBands(result.Cohort.StartAge, result.Cohort.EndAge, LossRateCharts.DefaultBandYears);
        Assert.Equal(bands.Count, women.Boxes.Count);
        Assert.All(women.Boxes.Zip(men.Boxes), pair => Assert.True(pair.First.Position < pair.Second.Position));
        Assert.Equal(result.Centile(Trait.LossRate, bands[2].From, bands[2].To, 50, Sex.Female), women.Boxes[2].BoxMiddle!.Value, 9);
        Assert.Equal("Women", women.LegendText);
    }

    [Fact]
    public void Layers_ComposeIntoAChartOfOnesOwn()
    {
        SimulationResult result = Runs.Evidence;
        using var plot = new Plot();

        plot.Add.CentileBands(result, Trait.Grip, Sex.Female);
        plot.Add.MedianLine(result, Trait.Grip, Sex.Female);
        plot.Add.CutOff(result.Definition, Trait.Grip, Sex.Female, result.Cohort.StartAge);
        ChartTheme.Apply(plot, "Grip of women", "Age (years)", "Grip (kg)");

        Assert.Equal([typeof(FillY), typeof(FillY), typeof(Scatter), typeof(HorizontalLine), typeof(Text)], plot.GetPlottables().Select(p => p.GetType()));
        Rendered.AssertRendersWithText(plot, "Grip of women");
    }
}
