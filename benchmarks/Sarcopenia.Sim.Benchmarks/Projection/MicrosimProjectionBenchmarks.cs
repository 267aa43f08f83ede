using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Benchmarks.Projection;

/// <summary>
/// One replicate of the embedded default projection (Japan 2020→2050, ages 30–100, AWGS 2019, East Asian ancestry,
/// 1:1,000) against a fixed cohort of the same model with as many people, so that the projection's own cost (plans per
/// birth cohort, the observer's tallies, alignment) is the difference. The mortality pilot is solved in the setup.
/// </summary>
[MemoryDiagnoser]
public class MicrosimProjectionBenchmarks
{
    private MicrosimSetup _setup = null!;
    private Scenario _cohort = null!;

    [GlobalSetup]
    public void Setup()
    {
        Location japan = Wpp2019.FindLocation("Japan");
        var scenario = Scenario.FromPreset("Evidence") with
        {
            Model = Presets.Evidence with { Definition = Definitions.Get("AWGS2019") },
            Cohort = new CohortSpec(1) { StartAge = 30, EndAge = 100, Ancestry = AncestryMix.EastAsian },
        };
        _setup = new MicrosimSetup { Scenario = scenario, Population = Wpp2019.Population(japan), LifeTables = Wpp2019.LifeTables(japan) };
        MicrosimResult warm = MicrosimProjection.Run(_setup);
        _cohort = scenario with { Cohort = scenario.Cohort with { People = warm.SimulatedPeople }, Outputs = new ScenarioOutputs { Statistics = [], StandardDeviations = false } };
        Simulation.Run(_cohort);
    }

    [Benchmark(Baseline = true)]
    public long FixedCohortOfTheSamePeople() => Simulation.Run(_cohort).Cohort.People;

    [Benchmark]
    public long ProjectionOneReplicate() => MicrosimProjection.Run(_setup).SimulatedPersonYears;
}
