using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Benchmarks.Engine;

/// <summary>
/// One ancestry's mortality pilot (<see cref="MortalityBaseline"/>), which every run with mortality solves before its
/// first year and every calibration evaluation solves again: the full pilot of 2^16 people, which every run used before,
/// against the pilot a 20,000-person run now gets (its own size) and the smallest pilot. Multiply by the number of
/// ancestries present (four in the default US mix) for a run's cost.
/// </summary>
[MemoryDiagnoser]
public class MortalityPilotBenchmarks
{
    private const int StartAge = 30;
    private const int EndAge = 100;

    [Params(MortalityBaseline.MinPilotPeople, 20_000, MortalityBaseline.PilotPeople)]
    public int PilotPeople { get; set; }

    [Benchmark]
    public int SolvePilot() =>
        MortalityBaseline.SolvePilot(Presets.Evidence, StartAge, EndAge, Ancestry.European, PilotPeople).Length;
}
