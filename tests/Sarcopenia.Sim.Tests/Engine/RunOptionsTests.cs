using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.Engine;

/// <summary>Run options and the other arguments of <see cref="Simulation.Run"/> and <see cref="Simulation.TracePerson"/>
/// are validated at the boundary; none of the valid options changes a result.</summary>
public sealed class RunOptionsTests
{
    public static IEnumerable<object[]> BadOptions =>
    [
        [new RunOptions { Threads = 0 }, "options.threads", "0", "[1, 1024]"],
        [new RunOptions { Threads = -3 }, "options.threads", "-3", "[1, 1024]"],
        [new RunOptions { ChunkSize = 0 }, "options.chunkSize", "0", "[1, "],
        [new RunOptions { ChunkSize = (1 << 20) + 1 }, "options.chunkSize", "1048577", "[1, 1048576]"],
        [new RunOptions { ShardCount = 0 }, "options.shardCount", "0", "[1, "],
        [new RunOptions { ShardCount = 3, ShardIndex = 3 }, "options.shardIndex", "3", "[0, 2]"],
        [new RunOptions { ShardIndex = -1 }, "options.shardIndex", "-1", "[0, 0]"],
        [new RunOptions { Statistics = (TraitSet)256 }, "options.statistics", "256", "Asm"],
        [new RunOptions { Histograms = TraitSet.Grip | (TraitSet)512 }, "options.histograms", "", "AsmPerBmi"],
        [new RunOptions { MaxVectorBits = 0 }, "options.maxVectorBits", "0", "128, 256 or 512"],
        [new RunOptions { MaxVectorBits = 64 }, "options.maxVectorBits", "64", "128, 256 or 512"],
        [new RunOptions { MaxVectorBits = 384 }, "options.maxVectorBits", "384", "128, 256 or 512"],
        [new RunOptions { MaxVectorBits = 1024 }, "options.maxVectorBits", "1024", "128, 256 or 512"],
        [new RunOptions { MaxVectorBits = -256 }, "options.maxVectorBits", "-256", "128, 256 or 512"],
    ];

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Run_RejectsBadOptionsNamingPathValueAndRange(RunOptions options, string path, string value, string allowed)
    {
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => Simulation.Run(Presets.ReferenceWorkload, new CohortSpec(10), 1, options));
        ParameterError error = Assert.Single(e.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(value, error.Value);
        Assert.Contains(allowed, error.Allowed);
    }

    [Fact]
    public void Run_ReportsModelCohortAndOptionProblemsTogether()
    {
        ModelParameters model = Presets.ReferenceWorkload with { Peak = Presets.ReferenceWorkload.Peak with { MassGripCorrelation = 2 } };
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() =>
            Simulation.Run(model, new CohortSpec(0), 1, new RunOptions { ChunkSize = 0 }));
        Assert.Equal(["model.peak.massGripCorrelation", "cohort.people", "options.chunkSize"], e.Errors.Select(x => x.Path));
    }

    [Fact]
    public void StandardDeviationsOff_KeepsCountsAndMeans_AndLeavesTheSdsUndefined()
    {
        var cohort = new CohortSpec(2000) { Ancestry = AncestryMix.UnitedStates2020 };
        SimulationResult full = Simulation.Run(Presets.Evidence, cohort, 3, new RunOptions { ChunkSize = 300 });
        SimulationResult means = Simulation.Run(Presets.Evidence, cohort, 3, new RunOptions { ChunkSize = 300, StandardDeviations = false });

        foreach (Trait trait in Traits.All)
        {
            foreach (int age in new[] { 30, 55, 80, 100 })
            {
                TraitSummary expected = full.Summary(trait, age, Sex.Female);
                TraitSummary actual = means.Summary(trait, age, Sex.Female);
                Assert.Equal(expected.Count, actual.Count);
                Assert.Equal(expected.Mean, actual.Mean);
                Assert.True(double.IsFinite(expected.Sd) && double.IsNaN(actual.Sd));
            }
        }

        Assert.Equal(full.Prevalence(70, 80, null, Stage.Sarcopenia), means.Prevalence(70, 80, null, Stage.Sarcopenia));
        ArgumentException e = Assert.Throws<ArgumentException>(() => SimulationResult.Merge([full, means]));
        Assert.Contains("outputs", e.Message);
    }

    [Fact]
    public void Run_RejectsNullArguments()
    {
        Assert.Throws<ArgumentNullException>(() => Simulation.Run(null!, new CohortSpec(1), 1));
        Assert.Throws<ArgumentNullException>(() => Simulation.Run(Presets.Evidence, null!, 1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(long.MaxValue)]
    public void TracePerson_RejectsIdsOutsideTheCohort(long personId)
    {
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() =>
            Simulation.TracePerson(Presets.Evidence, new CohortSpec(100), 1, personId));
        ParameterError error = Assert.Single(e.Errors);
        Assert.Equal("personId", error.Path);
        Assert.Contains("[0, 99]", error.Allowed);
    }

    [Fact]
    public void Progress_ReportsEveryPersonAndCancellationStopsTheRun()
    {
        long last = 0;
        var progress = new SynchronousProgress(p => Interlocked.Exchange(ref last, Math.Max(Interlocked.Read(ref last), p)));
        Simulation.Run(Presets.ReferenceWorkload, new CohortSpec(5_000) { EndAge = 32 }, 1, new RunOptions { ChunkSize = 512, Progress = progress });
        Assert.Equal(5_000, Interlocked.Read(ref last));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Simulation.Run(Presets.ReferenceWorkload, new CohortSpec(5_000) { EndAge = 32 }, 1, new RunOptions { Cancellation = cancelled.Token }));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
