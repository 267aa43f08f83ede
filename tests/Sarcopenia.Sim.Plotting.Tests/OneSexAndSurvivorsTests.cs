using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Plotting.Tests.Support;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using ScottPlot;
using ScottPlot.Plottables;

namespace Sarcopenia.Sim.Plotting.Tests;

/// <summary>Charts draw what the result holds: one sex only, no age with too few people, survivors marked as such.</summary>
public sealed class OneSexAndSurvivorsTests
{
    private static readonly Lazy<SimulationResult> s_women = new(() => Simulation.Run(
        Presets.Evidence with { Definition = Definitions.Awgs2019 },
        new CohortSpec(5_000) { StartAge = 60, FemaleFraction = 1 },
        Runs.Seed,
        new RunOptions { Histograms = ChartCatalog.RequiredHistograms }));

    [Fact]
    public void Catalog_OneSexCohort_DrawsEveryKindForThatSexOnly()
    {
        IReadOnlyList<Chart> charts = ChartCatalog.BuildAll(Runs.Prepare(s_women.Value));
        try
        {
            Assert.Contains(charts, c => c.Name == "loss-rates");
            Assert.Contains(charts, c => c.Name == "stages-female");
            Assert.Contains(charts, c => c.Name == "definitions-female");
            Assert.DoesNotContain(charts, c => c.Name.EndsWith("-male", StringComparison.Ordinal));
            foreach (Chart chart in charts)
            {
                Rendered.AssertRendersWithText(chart.Plot, Rendered.Title(chart.Plot));
            }
        }
        finally
        {
            foreach (Chart chart in charts)
            {
                chart.Dispose();
            }
        }
    }

    [Fact]
    public void LossRates_OneSexCohort_HasNoLegendEntryForTheAbsentSex()
    {
        using Plot plot = LossRateCharts.Distribution(s_women.Value);

        Assert.Equal(["Women"], plot.GetPlottables<BoxPlot>().Select(b => b.LegendText));
    }

    [Fact]
    public void Decline_OneSexCohort_DrawsOneMedian()
    {
        using Plot plot = DeclineCharts.Decline(s_women.Value, Trait.Asmi);

        Assert.Equal(["Women, median"], plot.GetPlottables<Scatter>().Select(s => s.LegendText));
    }

    [Fact]
    public void Stages_UseTheDefinitionsOwnName()
    {
        using Plot plot = PrevalenceCharts.Stages(s_women.Value, Sex.Female);

        Assert.Contains("Possible (low grip or slow gait)", plot.GetPlottables<FillY>().Select(a => a.LegendText));
        Assert.DoesNotContain(plot.GetPlottables<FillY>(), a => a.LegendText.Contains("Probable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("EWGSOP2", "Probable")]
    [InlineData("AWGS2019", "Possible")]
    [InlineData("FNIH", "Weakness")]
    public void StageNames_FollowEachDefinition(string definition, string expected) =>
        Assert.Equal(expected, StageNames.Short(Definitions.Get(definition), Stage.Probable));

    [Theory]
    [InlineData("EWGSOP2", "Probable (low grip)")]
    [InlineData("AWGS2019", "Possible (low grip or slow gait)")]
    [InlineData("FNIH", "Weakness (low grip)")]
    public void StageLabels_ReadTheMeaningFromTheRules(string definition, string expected) =>
        Assert.Equal(expected, StageNames.Label(Definitions.Get(definition), Stage.Probable));

    [Fact]
    public void StageNames_AreTheDefinitionsData_NotItsName()
    {
        // A user's copy of AWGS 2019 under another name keeps its word; one whose probable stage needs slow gait with low
        // grip is described so.
        SarcopeniaDefinition copy = Definitions.Awgs2019 with { Name = "AWGS2019-Hong-Kong" };
        Assert.Equal("Possible", StageNames.Short(copy, Stage.Probable));
        Assert.Equal("Possible (low grip or slow gait)", StageNames.Label(copy, Stage.Probable));

        SarcopeniaDefinition both = Definitions.Ewgsop2 with
        {
            Name = "Own",
            Rules = [Stage.None, Stage.None, Stage.None, Stage.Sarcopenia, Stage.None, Stage.None, Stage.Probable, Stage.Severe],
        };
        Assert.Equal("Probable (low grip and slow gait)", StageNames.Label(both, Stage.Probable));
    }

    [Fact]
    public void Decline_LeavesOutAgesWithTooFewAlive_AndShadesTheSurvivors()
    {
        // 2,000 people from 30: a few dozen reach 100, so the oldest ages fall below the minimum.
        SimulationResult result = Runs.Run(Presets.Evidence, TraitSet.Asmi, people: 2_000);
        using Plot plot = DeclineCharts.Decline(result, Trait.Asmi, Sex.Female);

        Scatter median = plot.GetPlottables<Scatter>().Single();
        double[] ages = [.. median.Data.GetScatterPoints().Select(p => p.X)];
        Assert.All(ages, age => Assert.True(result.Alive((int)age, Sex.Female) >= Survivors.MinimumAlive));
        Assert.True(ages[^1] < result.Cohort.EndAge, "the oldest ages, with fewer than the minimum alive, are not drawn");

        HorizontalSpan shade = Assert.Single(plot.GetPlottables<HorizontalSpan>());
        int from = Survivors.From(result, Sex.Female)!.Value;
        Assert.True(result.Alive(from, Sex.Female) < Survivors.SurvivorShare * result.Alive(result.Cohort.StartAge, Sex.Female));
        Assert.Equal(from, shade.X1);
        Assert.StartsWith("Survivors only", shade.LegendText);
        Assert.Contains($"alive at {from}", shade.LegendText);
    }
}
