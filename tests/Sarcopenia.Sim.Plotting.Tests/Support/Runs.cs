using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Plotting.Tests.Support;

/// <summary>Small shared runs: big enough for smooth bands at every age, small enough to keep the suite fast.</summary>
internal static class Runs
{
    public const long People = 20_000;
    public const ulong Seed = 7;

    private static readonly Lazy<SimulationResult> s_evidence = new(() => Run(Presets.Evidence, ChartCatalog.RequiredHistograms));
    private static readonly Lazy<SimulationResult> s_withoutHistograms = new(() => Run(Presets.Evidence, TraitSet.None));

    /// <summary>The Evidence preset with every histogram the charts need.</summary>
    public static SimulationResult Evidence => s_evidence.Value;

    /// <summary>The Evidence preset with statistics but no histograms.</summary>
    public static SimulationResult WithoutHistograms => s_withoutHistograms.Value;

    /// <summary>Options for catalog tests: reruns capped low so the definition and preset comparisons stay quick.</summary>
    public static ChartOptions FastCatalog { get; } = new() { MaxRerunPeople = 5_000, Lives = 3 };

    public static SimulationResult Run(ModelParameters model, TraitSet histograms, long people = People) =>
        Simulation.Run(model, new CohortSpec(people), Seed, new RunOptions { Histograms = histograms });
}
