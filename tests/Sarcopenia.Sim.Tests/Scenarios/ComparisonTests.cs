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
        Assert.Equal(0, comparison.PrevalenceAtLeastDifference("same again", 60, 100, Sex.Female, Stage.Sarcopenia));
    }

    [Fact]
    public void Arms_OfOtherDefinitions_StageTheSamePeopleOnTheSameRandomNumbers()
    {
        // Without mortality the definition cannot change anyone's life, only their stage: on common random numbers every
        // trait summary is the same bits in both arms at every age, while the stage counts differ.
        Scenario closed = s_baseline with { Model = s_baseline.Model.WithoutMortality() };
        Comparison comparison = Simulation.Compare(ComparisonArms.OfDefinitions(closed, [Definitions.Ewgsop2, Definitions.Fnih]));
        SimulationResult ewgsop2 = comparison["EWGSOP2"];
        SimulationResult fnih = comparison["FNIH"];
        foreach (int age in ewgsop2.Ages)
        {
            foreach (Trait trait in Traits.All)
            {
                Assert.Equal(ewgsop2.Summary(trait, age), fnih.Summary(trait, age));
            }
        }

        long difference = comparison.CasesDifference("FNIH", 70, 90, null, Stage.Sarcopenia);
        Assert.Equal(fnih.CasesAtLeast(70, 90, null, Stage.Sarcopenia) - ewgsop2.CasesAtLeast(70, 90, null, Stage.Sarcopenia), difference);
        Assert.NotEqual(0, difference);

        // Another seed draws other people: the same summaries then differ.
        SimulationResult otherPeople = Simulation.Run(closed with { Seed = closed.Seed + 1, Model = closed.Model with { Definition = Definitions.Fnih } });
        Assert.NotEqual(fnih.Summary(Trait.Grip, 80), otherPeople.Summary(Trait.Grip, 80));
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
            s_baseline with { Name = "other generator", Model = s_baseline.Model with { PhiloxRounds = 7 } },
        ]));

        Assert.Contains("arms[1].seed", error.Message, StringComparison.Ordinal);
        Assert.Contains("arms[4].model.philoxRounds", error.Message, StringComparison.Ordinal);
        Assert.Contains("arms[2].cohort", error.Message, StringComparison.Ordinal);
        Assert.Contains("arms[3].name", error.Message, StringComparison.Ordinal);
        Assert.Throws<ParameterValidationException>(() => Simulation.Compare([s_baseline]));
    }

    [Fact]
    public void Indexer_NamesTheArmsWhenOneIsUnknown()
    {
        Comparison comparison = Simulation.Compare(ComparisonArms.OfModels(s_baseline with { Cohort = Runs.Mixed(200) }, [Presets.Evidence, Presets.Review2014]));
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

        // The first three men by id: everyone before the last of them who is not among them is a woman.
        long[] ids = [.. lives.Select(l => l.PersonId)];
        Assert.Equal(ids.Order(), ids);
        for (long id = 0; id < ids[^1]; id++)
        {
            if (!ids.Contains(id))
            {
                Assert.Equal(Sex.Female, Simulation.TracePerson(result.Model, result.Cohort, result.Seed, id).Sex);
            }
        }
    }

    [Fact]
    public void TraceLives_FindsARareSexFarIntoTheCohort()
    {
        // One person in a hundred is a woman: the first women's ids lie well beyond the first hundreds.
        SimulationResult result = Simulation.Run(s_baseline with { Cohort = Runs.Mixed(100_000) with { FemaleFraction = 0.01, EndAge = 31 } });
        IReadOnlyList<PersonLife> lives = Simulation.TraceLives(result, Sex.Female, 5);

        Assert.Equal(5, lives.Count);
        Assert.All(lives, life => Assert.Equal(Sex.Female, life.Sex));
    }
}
