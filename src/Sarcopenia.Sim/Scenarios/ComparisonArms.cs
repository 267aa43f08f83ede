using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Scenarios;

/// <summary>Builds the arms of common comparisons from a baseline scenario (run them with <see cref="Simulation.Compare"/>).</summary>
public static class ComparisonArms
{
    /// <summary>The baseline staged by each of <paramref name="definitions"/>: one arm per definition, named after it.</summary>
    public static IReadOnlyList<Scenario> OfDefinitions(Scenario baseline, IEnumerable<SarcopeniaDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(definitions);
        return [.. definitions.Select(d => baseline with { Name = d.Name, Model = baseline.Model with { Definition = d } })];
    }

    /// <summary>The baseline's cohort and seed under each of <paramref name="models"/>: one arm per model, named after it.</summary>
    public static IReadOnlyList<Scenario> OfModels(Scenario baseline, IEnumerable<ModelParameters> models)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(models);
        // The arm keeps the baseline's BasedOn: a scenario names a preset there, and the arm's model need not be one.
        return [.. models.Select(m => baseline with { Name = m.Name, Model = m })];
    }
}
