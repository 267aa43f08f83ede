using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli.Tests;

public class ChartInputsBuilderTests
{
    private const ulong Seed = 11;

    private static readonly Lazy<SimulationResult> s_result = new(() =>
        Simulation.Run(Presets.Evidence, new CohortSpec(3_000), Seed, new RunOptions { Histograms = ChartCatalog.RequiredHistograms }));

    private static readonly ChartInputsBuilder s_builder = new(threads: 1);

    [Fact]
    public void Prepare_None_HoldsTheResultAlone()
    {
        ChartInputs inputs = s_builder.Prepare(s_result.Value, ChartPreparation.None, CancellationToken.None);

        Assert.Equal(new ChartInputs(s_result.Value), inputs);
    }

    [Fact]
    public void Prepare_Lives_TracesTheFirstLivesOfEachSex()
    {
        SimulationResult result = s_result.Value;

        ChartInputs inputs = s_builder.Prepare(result, ChartPreparation.Lives, CancellationToken.None);

        PersonLife[] expected = [.. Simulation.TraceLives(result, Sex.Female, ChartInputsBuilder.LivesPerSex), .. Simulation.TraceLives(result, Sex.Male, ChartInputsBuilder.LivesPerSex)];
        Assert.Equal(expected.Select(l => (l.PersonId, l.Sex)), inputs.Lives!.Select(l => (l.PersonId, l.Sex)));
        Assert.Equal(2 * ChartInputsBuilder.LivesPerSex, inputs.Lives!.Count);
        Assert.Equal(expected[^1].Years, inputs.Lives![^1].Years);
        Assert.Null(inputs.Definitions);
        Assert.Null(inputs.Presets);
    }

    [Fact]
    public void Prepare_Definitions_StagesTheSamePeopleByEachDefinition()
    {
        SimulationResult result = s_result.Value;

        Comparison definitions = s_builder.Prepare(result, ChartPreparation.Definitions, CancellationToken.None).Definitions!;

        Assert.Equal(ChartCatalog.ComparedDefinitions.Select(d => d.Name), definitions.Arms.Select(a => a.Name));
        Assert.All(definitions.Arms, arm => Assert.Equal((result.Cohort, result.Seed), (arm.Cohort, arm.Seed)));

        // The arm with the run's own definition is the run itself: the same people, staged the same way.
        SimulationResult same = definitions[result.Definition.Name];
        Assert.All(result.Ages, age => Assert.Equal(result.Count(age, Stage.Sarcopenia), same.Count(age, Stage.Sarcopenia)));
    }

    [Fact]
    public void Prepare_Presets_ComparesThePresetTraitOnTheSameCohort()
    {
        SimulationResult result = s_result.Value;

        Comparison presets = s_builder.Prepare(result, ChartPreparation.Presets, CancellationToken.None).Presets!;

        Assert.Equal(ChartCatalog.ComparedPresets.Select(p => p.Name), presets.Arms.Select(a => a.Name));
        Assert.All(presets.Results, arm => Assert.True(arm.Histograms.Contains(ChartCatalog.PresetTrait) && arm.Statistics.Contains(ChartCatalog.PresetTrait)));
        Assert.Equal(result.Summary(ChartCatalog.PresetTrait, 70).Mean, presets[result.Model.Name].Summary(ChartCatalog.PresetTrait, 70).Mean, 9);
    }

    [Fact]
    public void Prepare_ALargerRunThanTheCap_ComparesItsFirstPeopleOnly()
    {
        SimulationResult result = s_result.Value;
        var capped = new ChartInputsBuilder(threads: 1, maxComparisonPeople: 1_000);

        Comparison definitions = capped.Prepare(result, ChartPreparation.Definitions, CancellationToken.None).Definitions!;

        // Every draw depends only on the seed and the person's id, so a capped cohort holds the run's first 1,000 people.
        Assert.All(definitions.Arms, arm => Assert.Equal(result.Cohort with { People = 1_000 }, arm.Cohort));
        Assert.All(definitions.Results, arm => Assert.Equal(1_000, arm.People));
        SimulationResult direct = Simulation.Run(result.Model, result.Cohort with { People = 1_000 }, result.Seed, new RunOptions { Statistics = TraitSet.None });
        Assert.True(direct.TablesEqual(definitions[result.Definition.Name]));
    }

    [Fact]
    public void Prepare_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => s_builder.Prepare(s_result.Value, ChartPreparation.Presets, cancelled.Token));
    }
}
