namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// What <see cref="ChartCatalog"/> draws from: a result, and what the caller prepared from it, because charting never
/// simulates. <see cref="ChartKind.Preparation"/> says which parts a kind needs; a kind whose parts are missing is
/// skipped (<see cref="ChartKind.Unavailable(ChartInputs)"/> says why).
/// </summary>
/// <param name="Result">The run drawn.</param>
public sealed record ChartInputs(SimulationResult Result)
{
    /// <summary>
    /// The result's people staged by each of <see cref="ChartCatalog.ComparedDefinitions"/>, for the <c>definitions</c>
    /// kind: <see cref="Simulation.Compare"/> of <see cref="Scenarios.ComparisonArms.OfDefinitions"/> with the result's model,
    /// cohort (its first people by id, when capped) and seed.
    /// </summary>
    public Comparison? Definitions { get; init; }

    /// <summary>
    /// The result's people under each of <see cref="ChartCatalog.ComparedPresets"/>, for the <c>presets</c> kind:
    /// <see cref="Simulation.Compare"/> of <see cref="Scenarios.ComparisonArms.OfModels"/> with the result's cohort and seed,
    /// accumulating statistics and a histogram of <see cref="ChartCatalog.PresetTrait"/>.
    /// </summary>
    public Comparison? Presets { get; init; }

    /// <summary>
    /// Lives of the run behind <see cref="Result"/>, of either sex, for the <c>lives</c> kind: for example
    /// <see cref="Simulation.TraceLives"/> for each sex in <see cref="SimulationResult.Sexes"/>.
    /// </summary>
    public IReadOnlyList<PersonLife>? Lives { get; init; }
}

/// <summary>The parts of <see cref="ChartInputs"/> beyond the result that a chart kind draws from.</summary>
[Flags]
public enum ChartPreparation
{
    /// <summary>The result alone.</summary>
    None = 0,

    /// <summary>Traced lives (<see cref="ChartInputs.Lives"/>).</summary>
    Lives = 1,

    /// <summary>A comparison of definitions (<see cref="ChartInputs.Definitions"/>).</summary>
    Definitions = 2,

    /// <summary>A comparison of presets (<see cref="ChartInputs.Presets"/>).</summary>
    Presets = 4,
}
