using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Benchmarks.Engine;

/// <summary>
/// RW1 (docs/reference-workload.md) end to end through the public API, on every core, at each vector width the machine
/// offers. One operation is one person-year, so the Mean column is nanoseconds per person-year.
/// </summary>
[MemoryDiagnoser]
[PersonYearsPerSecondColumn]
public class ReferenceWorkloadBenchmarks
{
    public const int Years = 70;
    public const ulong Seed = 20_261_128;

    private const int Million = 1_000_000;
    private const int TenMillion = 10_000_000;

    /// <summary>RW1 asks only for the stage counts and mean ASM.</summary>
    internal static readonly RunOptions s_options = new() { Statistics = TraitSet.Asm, StandardDeviations = false };

    /// <summary>The widest vectors the run may use (<see cref="RunOptions.MaxVectorBits"/>).</summary>
    [ParamsSource(typeof(VectorWidths), nameof(VectorWidths.Available))]
    public int MaxVectorBits { get; set; }

    [Benchmark(OperationsPerInvoke = Million * Years)]
    public SimulationResult People1M() => Run(Million);

    [Benchmark(OperationsPerInvoke = TenMillion * Years)]
    public SimulationResult People10M() => Run(TenMillion);

    /// <summary>The same with Philox4x32-7 (RW1 accepts any sound generator; see <see cref="ModelParameters.PhiloxRounds"/>).</summary>
    [Benchmark(OperationsPerInvoke = TenMillion * Years)]
    public SimulationResult People10MSevenRounds() => Run(TenMillion, rounds: 7);

    private SimulationResult Run(long people, int rounds = 10) =>
        Simulation.Run(Presets.ReferenceWorkload with { PhiloxRounds = rounds }, Presets.ReferenceWorkloadCohort(people), Seed, s_options with { MaxVectorBits = MaxVectorBits });
}
