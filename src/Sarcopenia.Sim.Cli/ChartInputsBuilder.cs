using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Prepares what a chart kind draws from (<see cref="ChartInputs"/>) by simulating, which the charts library never
/// does: lives traced from the result's run, and the definition and preset comparisons rerun on the result's cohort
/// and seed, capped at a number of people.
/// </summary>
/// <param name="threads">Worker threads for the comparison runs; <see langword="null"/> uses every core.</param>
/// <param name="maxComparisonPeople">The most people in each comparison arm.</param>
internal sealed class ChartInputsBuilder(int? threads, long maxComparisonPeople = ChartInputsBuilder.DefaultMaxComparisonPeople)
{
    /// <summary>
    /// The most people in each comparison arm by default: 100,000 people keep each arm to about a second on two cores, while
    /// prevalence lines stay smooth (the Monte Carlo error of a 20 % prevalence at one age is about 0.2 points). A
    /// capped arm keeps the result's cohort and seed, so its people are the result's first people by id.
    /// </summary>
    public const long DefaultMaxComparisonPeople = 100_000;

    /// <summary>Lives traced for each sex: enough to show spread, few enough to tell apart on one chart.</summary>
    public const int LivesPerSex = 5;

    /// <summary>The widest vectors the comparison runs may use (<see cref="RunOptions.MaxVectorBits"/>); <see langword="null"/> for the machine's widest.</summary>
    public int? MaxVectorBits { get; init; }

    /// <summary>The inputs <paramref name="preparation"/> asks for, prepared from <paramref name="result"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled during a comparison run.</exception>
    public ChartInputs Prepare(SimulationResult result, ChartPreparation preparation, CancellationToken cancellation)
    {
        var inputs = new ChartInputs(result);
        if (preparation.HasFlag(ChartPreparation.Lives))
        {
            inputs = inputs with { Lives = [.. result.Sexes.SelectMany(sex => Simulation.TraceLives(result, sex, LivesPerSex))] };
        }

        var options = new RunOptions { Threads = threads, MaxVectorBits = MaxVectorBits, Cancellation = cancellation };
        if (preparation.HasFlag(ChartPreparation.Definitions))
        {
            // Prevalence needs only the stage counts, which every run accumulates.
            inputs = inputs with { Definitions = Simulation.Compare(ComparisonArms.OfDefinitions(Baseline(result, []), ChartCatalog.ComparedDefinitions), options) };
        }

        if (preparation.HasFlag(ChartPreparation.Presets))
        {
            inputs = inputs with { Presets = Simulation.Compare(ComparisonArms.OfModels(Baseline(result, [ChartCatalog.PresetTrait]), ChartCatalog.ComparedPresets), options) };
        }

        return inputs;
    }

    /// <summary>The result's run as a scenario, capped at the most people compared, accumulating statistics and histograms of <paramref name="traits"/> only.</summary>
    private Scenario Baseline(SimulationResult result, EquatableArray<Trait> traits) => new()
    {
        Name = result.Model.Name,
        Model = result.Model,
        Cohort = result.Cohort with { People = Math.Min(result.Cohort.People, maxComparisonPeople) },
        Seed = result.Seed,
        Outputs = new ScenarioOutputs { Statistics = traits, Histograms = traits },
    };
}
