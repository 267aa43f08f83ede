using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Benchmarks.Engine;

/// <summary>
/// RW1 scaling with cohort size and worker threads. One operation is a whole run; the extra columns divide by
/// People × 70 person-years. Allocated bytes per run show that the engine's memory does not grow with people.
/// </summary>
[MemoryDiagnoser]
[PersonYearsPerRunColumns(ReferenceWorkloadBenchmarks.Years)]
public class ReferenceWorkloadScalingBenchmarks
{
    [Params(100_000, 1_000_000, 10_000_000)]
    public int People { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [Benchmark]
    public SimulationResult Run() =>
        Simulation.Run(
            Presets.ReferenceWorkload,
            Presets.ReferenceWorkloadCohort(People),
            ReferenceWorkloadBenchmarks.Seed,
            ReferenceWorkloadBenchmarks.s_options with { Threads = Threads });
}
