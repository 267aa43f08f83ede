using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Fitting;

/// <summary>
/// Draws scenario parameters for the replicates of a projection: parameter i of replicate r is the inverse distribution
/// function at the Projection stream's uniform keyed by i at counter r of the scenario's seed (so reproducible, and the
/// same in both arms of a comparison), clamped into the range validation allows, and set through the scenario-file
/// reader (<see cref="ScenarioParameter"/>), so that a path or a value is checked as in a file.
/// </summary>
public static class ParameterDraws
{
    /// <summary>The draws of <paramref name="replicates"/> replicates of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario whose parameters are drawn.</param>
    /// <param name="uncertainty">The parameters, each with its distribution.</param>
    /// <param name="replicates">How many replicates.</param>
    /// <param name="source">How errors name the scenario (its file).</param>
    /// <exception cref="IO.ScenarioException">A path names no number with a range.</exception>
    /// <exception cref="ParameterValidationException">A distribution's own parameters are invalid.</exception>
    public static ReplicateDraws Draw(Scenario scenario, IReadOnlyList<ParameterDistribution> uncertainty, int replicates, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(uncertainty);
        var v = new ParameterValidator();
        for (int i = 0; i < uncertainty.Count; i++)
        {
            uncertainty[i].Validate(v, $"uncertainty[{i}]");
        }

        v.ThrowIfAny();
        ScenarioParameter[] parameters = [.. uncertainty.Select(d => ScenarioParameter.Of(scenario, d.Path, source))];
        var rng = new CounterRng(scenario.Seed, scenario.Model.PhiloxRounds);
        double[][] draws = [.. Enumerable.Range(0, replicates).Select(r => uncertainty.Select((d, i) =>
            Math.Clamp(d.Quantile(MicrosimProjection.Uniform(rng, MicrosimProjection.ParameterKeys + (ulong)i, r)), parameters[i].Lower, parameters[i].Upper ?? double.MaxValue)).ToArray())];
        return new ReplicateDraws(uncertainty, draws, r => parameters.Length > 0 ? ScenarioParameter.With(scenario, parameters, draws[r], source) : scenario);
    }
}
