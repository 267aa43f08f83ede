using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Scenarios;

/// <summary>Arms compared on common random numbers (<see cref="Simulation.Compare"/>).</summary>
public sealed class ComparisonTests
{
    private static readonly Scenario s_baseline = Scenario.FromPreset("Evidence") with { Cohort = Runs.Mixed(4_000), Seed = 20_261_201 };

    [Fact]
    public void Arms_WithTheSameModel_AreIdenticalBitForBit()
    {
        Comparison comparison = Simulation.Compare([s_baseline with { Name = "baseline" }, s_baseline with { Name = "same again" }]);

        Assert.True(comparison.Baseline.TablesEqual(comparison["same again"]));
        Assert.Equal(0, comparison.CasesDifference("same again", 60, 100, null, Stage.Sarcopenia));
        Assert.Equal(0, comparison.PrevalenceDifference("same again", 60, 100, Sex.Female, Stage.Sarcopenia));
    }

    [Fact]
    public void Arms_OfOtherDefinitions_StageTheSamePeople()
    {
        IReadOnlyList<Scenario> arms = Arms.OfDefinitions(s_baseline, [Definitions.Ewgsop2, Definitions.Fnih]);
        Comparison comparison = Simulation.Compare(arms);

        // At the start age nobody has died yet, so both arms count the same people; their stage counts differ.
        SimulationResult ewgsop2 = comparison["EWGSOP2"];
        SimulationResult fnih = comparison["FNIH"];
        Assert.Equal(ewgsop2.Alive(30), fnih.Alive(30));
        long difference = comparison.CasesDifference("FNIH", 70, 90, null, Stage.Sarcopenia);
        Assert.Equal(
            fnih.PrevalenceAtLeastInterval(70, 90, null, Stage.Sarcopenia).Cases - ewgsop2.PrevalenceAtLeastInterval(70, 90, null, Stage.Sarcopenia).Cases,
            difference);
        Assert.NotEqual(0, difference);
    }

    [Fact]
    public void Compare_RefusesArmsThatAreNotOnCommonRandomNumbers()
    {
        ParameterValidationException error = Assert.Throws<ParameterValidationException>(() => Simulation.Compare(
        [
            s_baseline,
            s_baseline with { Name = "other seed", Seed = 7 },
            s_baseline with { Name = "other people", Cohort = Runs.Mixed(10) },
            s_baseline,
        ]));

        Assert.Contains("arms[1].seed", error.Message, StringComparison.Ordinal);
        Assert.Contains("arms[2].cohort", error.Message, StringComparison.Ordinal);
        Assert.Contains("arms[3].name", error.Message, StringComparison.Ordinal);
        Assert.Throws<ParameterValidationException>(() => Simulation.Compare([s_baseline]));
    }

    [Fact]
    public void Indexer_NamesTheArmsWhenOneIsUnknown()
    {
        Comparison comparison = Simulation.Compare(Arms.OfModels(s_baseline with { Cohort = Runs.Mixed(200) }, [Presets.Evidence, Presets.Review2014]));
        ArgumentException error = Assert.Throws<ArgumentException>(() => comparison["Evidence2"]);
        Assert.Contains("Evidence, Review2014", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunOfAScenario_AccumulatesItsOutputs_AndEqualsTheRunOfItsParts()
    {
        Scenario scenario = s_baseline with { Outputs = new ScenarioOutputs { Statistics = [Trait.Grip], Histograms = [Trait.Gait] } };
        SimulationResult viaScenario = Simulation.Run(scenario, new RunOptions { Threads = 1 });
        SimulationResult direct = Simulation.Run(scenario.Model, scenario.Cohort, scenario.Seed,
            new RunOptions { Statistics = TraitSet.Grip, Histograms = TraitSet.Gait });

        Assert.Equal(TraitSet.Grip, viaScenario.Statistics);
        Assert.Equal(TraitSet.Gait, viaScenario.Histograms);
        Assert.True(viaScenario.TablesEqual(direct));
    }

    [Fact]
    public void TraceLives_ReplaysTheFirstPeopleOfOneSex()
    {
        SimulationResult result = Simulation.Run(s_baseline with { Cohort = Runs.Mixed(300) });
        IReadOnlyList<PersonLife> lives = Simulation.TraceLives(result, Sex.Male, 3);

        Assert.Equal(3, lives.Count);
        Assert.All(lives, life => Assert.Equal(Sex.Male, life.Sex));
        Assert.True(lives[0].PersonId < lives[1].PersonId && lives[1].PersonId < lives[2].PersonId);
        Assert.Equal(Simulation.TracePerson(result.Model, result.Cohort, result.Seed, lives[1].PersonId).Years, lives[1].Years);
    }
}
