using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Plotting.Tests.Support;

/// <summary>
/// Small shared runs, and what the charts draw from beyond them (lives and comparisons), prepared here because the
/// charts library never simulates: big enough for smooth bands at every age, small enough to keep the suite fast.
/// </summary>
internal static class Runs
{
    public const long People = 20_000;
    public const ulong Seed = 7;

    /// <summary>People in each comparison arm: enough for every age to be drawn, few enough to keep four arms quick.</summary>
    public const long ComparisonPeople = 5_000;

    /// <summary>Lives traced per sex for the catalog's <c>lives</c> kind.</summary>
    public const int LivesPerSex = 3;

    private static readonly Lazy<SimulationResult> s_evidence = new(() => Run(Presets.Evidence, ChartCatalog.RequiredHistograms));
    private static readonly Lazy<SimulationResult> s_withoutHistograms = new(() => Run(Presets.Evidence, TraitSet.None));
    private static readonly Lazy<ChartInputs> s_prepared = new(() => Prepare(Evidence));

    /// <summary>The Evidence preset with every histogram the charts need.</summary>
    public static SimulationResult Evidence => s_evidence.Value;

    /// <summary>The Evidence preset with statistics but no histograms.</summary>
    public static SimulationResult WithoutHistograms => s_withoutHistograms.Value;

    /// <summary><see cref="Evidence"/> with every input the catalog's kinds draw from.</summary>
    public static ChartInputs Prepared => s_prepared.Value;

    public static SimulationResult Run(ModelParameters model, TraitSet histograms, long people = People) =>
        Simulation.Run(model, new CohortSpec(people), Seed, new RunOptions { Histograms = histograms });

    /// <summary>The Evidence preset's first <see cref="ComparisonPeople"/> people staged by each of <paramref name="definitions"/>.</summary>
    public static Comparison CompareDefinitions(params SarcopeniaDefinition[] definitions) =>
        Simulation.Compare(ComparisonArms.OfDefinitions(Baseline(Presets.Evidence, new CohortSpec(ComparisonPeople), Seed, []), definitions));

    /// <summary>The same <see cref="ComparisonPeople"/> people under each of <paramref name="models"/>, accumulating <paramref name="traits"/>.</summary>
    public static Comparison ComparePresets(ModelParameters[] models, params Trait[] traits) =>
        Simulation.Compare(ComparisonArms.OfModels(Baseline(Presets.Evidence, new CohortSpec(ComparisonPeople), Seed, traits), models));

    /// <summary>Every input of the catalog's kinds for <paramref name="result"/>, comparing its first <see cref="ComparisonPeople"/> people.</summary>
    public static ChartInputs Prepare(SimulationResult result)
    {
        CohortSpec cohort = result.Cohort with { People = Math.Min(result.Cohort.People, ComparisonPeople) };
        return new ChartInputs(result)
        {
            Lives = [.. result.Sexes.SelectMany(sex => Simulation.TraceLives(result, sex, LivesPerSex))],
            Definitions = Simulation.Compare(ComparisonArms.OfDefinitions(Baseline(result.Model, cohort, result.Seed, []), ChartCatalog.ComparedDefinitions)),
            Presets = Simulation.Compare(ComparisonArms.OfModels(Baseline(result.Model, cohort, result.Seed, [ChartCatalog.PresetTrait]), ChartCatalog.ComparedPresets)),
        };
    }

    private static Scenario Baseline(ModelParameters model, CohortSpec cohort, ulong seed, Trait[] traits) => new()
    {
        Name = model.Name,
        Model = model,
        Cohort = cohort,
        Seed = seed,
        Outputs = new ScenarioOutputs { Statistics = [.. traits], Histograms = [.. traits] },
    };
}
