using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Fitting;

/// <summary>
/// The runs a set of targets needs, and their simulated values: one run of the scenario per definition the prevalence
/// targets name and per ancestry group (an ancestry-specific target's cohort is that ancestry alone; a mixed sample's
/// is the scenario's own mix) and per mass device the study used (a study that measured mass by bioelectrical impedance is
/// simulated with <see cref="MassDevice.Bia"/> and the definition's BIA cut-off, a DXA study with <see cref="MassDevice.Dxa"/>),
/// every run with the scenario's seed and the same number of people, so that runs share
/// their random numbers and a changed parameter moves every value smoothly.
/// </summary>
internal static class TargetRuns
{
    /// <summary>The simulated value of every target, in order, from runs of <paramref name="scenario"/>.</summary>
    /// <param name="scenario">The scenario: model, cohort (its ages, sex mix and ancestry mix), seed.</param>
    /// <param name="targets">The targets.</param>
    /// <param name="people">People per run.</param>
    /// <param name="options">Threads and cancellation.</param>
    public static IReadOnlyList<SimulatedValue> Evaluate(Scenario scenario, IReadOnlyList<Target> targets, long people, RunOptions? options)
    {
        var values = new SimulatedValue[targets.Count];
        IEnumerable<int> modelled = Enumerable.Range(0, targets.Count).Where(i => !IsNotModelled(targets[i]));
        foreach (int i in Enumerable.Range(0, targets.Count).Except(modelled))
        {
            values[i] = SimulatedValue.Missing(TargetQuantity.Find(targets[i].Quantity)!.NotModelledReason);
        }

        foreach (IGrouping<(string Definition, Ancestry? Ancestry, MassDevice? Device), int> group in modelled.GroupBy(i => KeyOf(scenario, targets[i])))
        {
            options?.Cancellation.ThrowIfCancellationRequested();
            Scenario run = RunOf(scenario, group.Key, people, group.Select(i => targets[i]));
            SimulationResult result = Simulation.Run(run, options);
            foreach (int i in group)
            {
                values[i] = TargetEvaluator.Evaluate(result, targets[i]);
            }
        }

        return values;
    }

    /// <summary>The number of runs <see cref="Evaluate"/> makes for <paramref name="targets"/>.</summary>
    public static int Count(Scenario scenario, IEnumerable<Target> targets) =>
        targets.Where(t => !IsNotModelled(t)).Select(t => KeyOf(scenario, t)).Distinct().Count();

    private static bool IsNotModelled(Target target) => TargetQuantity.Find(target.Quantity)?.Kind == QuantityKind.NotModelled;

    private static (string Definition, Ancestry? Ancestry, MassDevice? Device) KeyOf(Scenario scenario, Target target) =>
        (target.Definition ?? scenario.Model.Definition.Name, target.Ancestry, target.IsPrevalence ? MassDeviceOf(target) : null);

    /// <summary>
    /// The mass device a study names in its <c>device</c> column: BIA (or impedance) without DXA is <see cref="MassDevice.Bia"/>;
    /// DXA is <see cref="MassDevice.Dxa"/>; anything else (skinfolds, unstated) leaves the scenario's own device.
    /// </summary>
    internal static MassDevice? MassDeviceOf(Target target)
    {
        string device = target.Meta("device");
        bool dxa = device.Contains("DXA", StringComparison.OrdinalIgnoreCase);
        bool bia = device.Contains("BIA", StringComparison.OrdinalIgnoreCase) || device.Contains("impedance", StringComparison.OrdinalIgnoreCase);
        return dxa ? MassDevice.Dxa : bia ? MassDevice.Bia : null;
    }

    private static Scenario RunOf(Scenario scenario, (string Definition, Ancestry? Ancestry, MassDevice? Device) key, long people, IEnumerable<Target> targets)
    {
        (TraitSet statistics, TraitSet histograms) = TargetEvaluator.Needs(targets);
        (string definition, Ancestry? ancestry, MassDevice? device) = key;
        ModelParameters model = definition == scenario.Model.Definition.Name ? scenario.Model : scenario.Model with { Definition = Definitions.Get(definition) };
        // Only a measured model changes device: a model staged on true values (no Measurement) stays so.
        if (device is not null && model.Measurement is Measurement measurement && measurement.Mass != device)
        {
            model = model with { Measurement = measurement with { Mass = device } };
        }

        return scenario with
        {
            Model = model,
            Cohort = scenario.Cohort with
            {
                People = people,
                Ancestry = ancestry is Ancestry single ? AncestryMix.Single(single) : scenario.Cohort.Ancestry,
            },
            Outputs = new ScenarioOutputs
            {
                Statistics = [.. Traits.All.ToArray().Where(t => statistics.Contains(t))],
                StandardDeviations = true,
                Histograms = [.. Traits.All.ToArray().Where(t => histograms.Contains(t))],
            },
        };
    }
}
