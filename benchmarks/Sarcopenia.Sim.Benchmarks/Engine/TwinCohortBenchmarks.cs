using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Benchmarks.Engine;

/// <summary>
/// RW1's model and cohort (10⁶ people, ages 30–100) on every core, with everyone unrelated (the baseline) or everyone
/// in twin pairs (a third of each zygosity): the cost of families in the engine. One operation is one person-year, so
/// the Mean column is nanoseconds per person-year; the goal is twins at no less than half the unrelated throughput.
/// <see cref="TwinsCollected"/> also records both twins' traits at 40, 60 and 80 (<see cref="Simulation.SimulateTwins"/>).
/// </summary>
[MemoryDiagnoser]
[PersonYearsPerSecondColumn]
public class TwinCohortBenchmarks
{
    private const int People = 1_000_000;

    /// <summary>RW1's cohort with every person in a twin pair.</summary>
    public static CohortSpec AllTwins(long people) =>
        Presets.ReferenceWorkloadCohort(people) with { Families = FamilySpec.TwinPairs(people / 2) };

    [Benchmark(Baseline = true, OperationsPerInvoke = People * ReferenceWorkloadBenchmarks.Years)]
    public SimulationResult Unrelated() =>
        Simulation.Run(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(People), ReferenceWorkloadBenchmarks.Seed, ReferenceWorkloadBenchmarks.s_options);

    [Benchmark(OperationsPerInvoke = People * ReferenceWorkloadBenchmarks.Years)]
    public SimulationResult Twins() =>
        Simulation.Run(Presets.ReferenceWorkload, AllTwins(People), ReferenceWorkloadBenchmarks.Seed, ReferenceWorkloadBenchmarks.s_options);

    [Benchmark(OperationsPerInvoke = People * ReferenceWorkloadBenchmarks.Years)]
    public Sim.Heritability.TwinPairs TwinsCollected() =>
        Simulation.SimulateTwins(Presets.ReferenceWorkload, AllTwins(People), ReferenceWorkloadBenchmarks.Seed, [40, 60, 80]);
}
