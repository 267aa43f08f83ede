using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Benchmarks.Engine;

/// <summary>
/// One default-size chunk of RW1 through all 70 years on one thread, without the public API's validation, planning
/// and Parallel.For: the engine's cost per person-year that the kernel benchmarks add up to, at each vector width the
/// machine offers.
/// </summary>
[MemoryDiagnoser]
[PersonYearsPerSecondColumn]
public class ChunkRunnerBenchmarks
{
    private const int ChunkSize = RunOptions.DefaultChunkSize;

    private ChunkRunner _runner = null!;
    private long _firstId;

    /// <summary>The vector width the chunk runs at (<see cref="RunPlan.VectorBits"/>).</summary>
    [ParamsSource(typeof(VectorWidths), nameof(VectorWidths.Available))]
    public int VectorBits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var plan = new RunPlan(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(CohortSpec.MaxPeople), ReferenceWorkloadBenchmarks.Seed, TraitSet.Asm, standardDeviations: false, TraitSet.None)
        {
            VectorBits = VectorBits,
        };
        _runner = new ChunkRunner(plan, ChunkSize);
    }

    [Benchmark(OperationsPerInvoke = ChunkSize * ReferenceWorkloadBenchmarks.Years)]
    public long RunChunk()
    {
        // A fresh range of ids each time, as the engine's workers see.
        _runner.Run(_firstId, ChunkSize);
        _firstId += ChunkSize;
        return _runner.Tables.CombinationCounts[0];
    }
}
