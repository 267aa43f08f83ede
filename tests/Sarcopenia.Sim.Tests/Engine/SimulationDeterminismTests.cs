using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine;

/// <summary>
/// Invariant 1 (counter-based randomness) and 2 (additive results) through <see cref="Simulation.Run"/>: the tables are
/// bit-identical for any thread count, chunk size and shard split, identical for the same seed and different for
/// another seed or another number of Philox rounds. Every preset, and one drawn with seven rounds, is run with every
/// statistic and histogram, on a mixed-ancestry cohort with random sexes so that all ten sex × ancestry segments and
/// both gait laws are exercised.
/// </summary>
public sealed class SimulationDeterminismTests
{
    private const ulong Seed = 20_251_128;
    private const int People = 3_001;

    private static readonly Dictionary<string, SimulationResult> s_baselines = [];

    public static IEnumerable<object[]> PresetsAndThreads =>
        from object[] p in Runs.ModelNames from int t in new[] { 1, 2, 8 } select new object[] { p[0], t };

    public static IEnumerable<object[]> PresetsAndChunkSizes =>
        from object[] p in Runs.ModelNames from int c in new[] { 1, 7, 64, 333, 1000, 4096, 5003 } select new object[] { p[0], c };

    public static IEnumerable<object[]> PresetsAndShards =>
        from object[] p in Runs.ModelNames from int s in new[] { 2, 3, 5 } select new object[] { p[0], s };

    [Theory]
    [MemberData(nameof(PresetsAndThreads))]
    public void Run_IsIndependentOfThreadCount(string preset, int threads)
    {
        SimulationResult r = Simulation.Run(Runs.Model(preset), Runs.Mixed(People), Seed, Runs.Everything(threads, chunkSize: 256));
        Assert.True(Baseline(preset).TablesEqual(r));
    }

    [Theory]
    [MemberData(nameof(PresetsAndChunkSizes))]
    public void Run_IsIndependentOfChunkSize(string preset, int chunkSize)
    {
        // Chunk size 1 runs 3,001 chunks of one person each: every person alone in a padded vector.
        SimulationResult r = Simulation.Run(Runs.Model(preset), Runs.Mixed(People), Seed, Runs.Everything(2, chunkSize));
        Assert.True(Baseline(preset).TablesEqual(r));
        Assert.Equal(People, r.People);
    }

    [Theory]
    [MemberData(nameof(PresetsAndShards))]
    public void Merge_OfShards_EqualsTheUnshardedRun(string preset, int shards)
    {
        ModelParameters model = Runs.Model(preset);
        SimulationResult[] parts =
        [
            .. Enumerable.Range(0, shards).Select(i =>
                Simulation.Run(model, Runs.Mixed(People), Seed, Runs.Everything(1, chunkSize: 128) with { ShardIndex = i, ShardCount = shards })),
        ];

        // Shards are disjoint and cover everyone: each has people, their counts add up.
        Assert.All(parts, p => Assert.True(p.People > 0));
        Assert.Equal(People, parts.Sum(p => p.People));

        // Merged in any order, the sum is the whole run, exactly.
        SimulationResult merged = SimulationResult.Merge(parts.Reverse());
        Assert.True(Baseline(preset).TablesEqual(merged));
        Assert.Equal(People, merged.People);
        Assert.Equal(1, merged.Options.ShardCount);
        Assert.Equal(People, merged.Alive(30));
    }

    [Fact]
    public void Merge_OfSomeShards_IsAPartialResult()
    {
        ModelParameters model = Presets.ReferenceWorkload;
        SimulationResult a = Simulation.Run(model, Runs.Mixed(People, endAge: 35), Seed, new RunOptions { ChunkSize = 100, ShardIndex = 0, ShardCount = 3 });
        SimulationResult c = Simulation.Run(model, Runs.Mixed(People, endAge: 35), Seed, new RunOptions { ChunkSize = 100, ShardIndex = 2, ShardCount = 3 });
        SimulationResult merged = SimulationResult.Merge([a, c]);
        Assert.Equal(3, merged.Options.ShardCount);
        Assert.Equal(a.People + c.People, merged.People);
        Assert.Equal(a.Alive(30) + c.Alive(30), merged.Alive(30));
        Assert.True(merged.People < People);
    }

    [Fact]
    public void Merge_RejectsRepeatedOrForeignShardsAndEmptyInput()
    {
        ModelParameters model = Presets.ReferenceWorkload;
        CohortSpec cohort = Runs.Mixed(500, endAge: 32);
        var options = new RunOptions { ChunkSize = 64, ShardIndex = 0, ShardCount = 2 };
        SimulationResult first = Simulation.Run(model, cohort, Seed, options);
        SimulationResult second = Simulation.Run(model, cohort, Seed, options with { ShardIndex = 1 });

        Assert.Throws<ArgumentException>(() => SimulationResult.Merge([first, first]));
        Assert.Throws<ArgumentException>(() => SimulationResult.Merge([]));
        Assert.Throws<ArgumentException>(() => SimulationResult.Merge([first, Simulation.Run(model, cohort, Seed + 1, options with { ShardIndex = 1 })]));
        Assert.Throws<ArgumentException>(() => SimulationResult.Merge([first, Simulation.Run(model, cohort with { People = 501 }, Seed, options with { ShardIndex = 1 })]));
        Assert.Throws<ArgumentException>(() => SimulationResult.Merge([first, Simulation.Run(model, cohort, Seed, options with { ShardIndex = 1, ShardCount = 3 })]));
        Assert.Throws<ArgumentException>(() => SimulationResult.Merge([first, Simulation.Run(Presets.Evidence, cohort, Seed, options with { ShardIndex = 1 })]));
        Assert.Throws<ArgumentException>(() => SimulationResult.Merge([first, Simulation.Run(model, cohort, Seed, options with { ShardIndex = 1, Histograms = TraitSet.Asm })]));
        Assert.True(SimulationResult.Merge([first, second]).TablesEqual(Simulation.Run(model, cohort, Seed, new RunOptions { ChunkSize = 64 })));
    }

    [Fact]
    public void Merge_AcceptsShardsWhoseInputsAreEqualByValue()
    {
        // Shard jobs build their inputs independently (e.g. each parses "--ancestry African" or a scenario file). Inputs
        // that are equal by value are the same run and must merge: here each shard gets its own AncestryMix instance.
        static CohortSpec Cohort() => new(1_000) { EndAge = 32, Ancestry = AncestryMix.Get("African") };
        var options = new RunOptions { ChunkSize = 100, ShardCount = 2 };
        SimulationResult first = Simulation.Run(Presets.Evidence, Cohort(), Seed, options with { ShardIndex = 0 });
        SimulationResult second = Simulation.Run(Presets.Evidence, Cohort(), Seed, options with { ShardIndex = 1 });
        SimulationResult merged = SimulationResult.Merge([first, second]);
        Assert.True(Simulation.Run(Presets.Evidence, Cohort(), Seed, new RunOptions { ChunkSize = 100 }).TablesEqual(merged));
    }

    [Theory]
    [MemberData(nameof(Runs.ModelNames), MemberType = typeof(Runs))]
    public void Run_SameSeed_GivesIdenticalTables_DifferentSeed_DifferentTables(string preset)
    {
        ModelParameters model = Runs.Model(preset);
        SimulationResult again = Simulation.Run(model, Runs.Mixed(People), Seed, Runs.Everything(2, chunkSize: 4096));
        SimulationResult other = Simulation.Run(model, Runs.Mixed(People), Seed + 1, Runs.Everything(2, chunkSize: 4096));
        Assert.True(Baseline(preset).TablesEqual(again));
        Assert.False(Baseline(preset).TablesEqual(other));

        // Not just somewhere: the peak means differ, as two independent samples of 3,001 people must.
        Assert.NotEqual(Baseline(preset).Summary(Trait.Asm, 30).Mean, other.Summary(Trait.Asm, 30).Mean);
    }

    [Fact]
    public void Run_WithSevenRounds_DrawsOtherNumbers()
    {
        Assert.False(Baseline(Runs.EvidenceSevenRounds).TablesEqual(Baseline(Presets.Evidence.Name)));
        Assert.NotEqual(Baseline(Presets.Evidence.Name).Summary(Trait.Asm, 30).Mean, Baseline(Runs.EvidenceSevenRounds).Summary(Trait.Asm, 30).Mean);
    }

    [Property(Replay = "(20251128,11)", MaxTest = 15)]
    public void Run_AnySplitIntoChunksThreadsAndShards_AddsUpToTheSameTables(PositiveInt chunk, byte threads, byte shards, byte presetIndex)
    {
        // A small cohort (400 people, 30 to 50) so that many random configurations run quickly, including more shards
        // than chunks (empty shards) and chunks larger than the cohort.
        ModelParameters model = Presets.All[presetIndex % Presets.All.Count];
        CohortSpec cohort = Runs.Mixed(400, endAge: 50);
        var reference = Simulation.Run(model, cohort, Seed, new RunOptions { Threads = 1, ChunkSize = 400 });
        int chunkSize = 1 + (chunk.Get % 500);
        int shardCount = 1 + (shards % 7);
        var options = new RunOptions { Threads = 1 + (threads % 4), ChunkSize = chunkSize, ShardCount = shardCount };
        SimulationResult merged = SimulationResult.Merge(
            Enumerable.Range(0, shardCount).Select(i => Simulation.Run(model, cohort, Seed, options with { ShardIndex = i })));
        Assert.True(reference.TablesEqual(merged), $"{model.Name}: chunk {chunkSize}, {shardCount} shards");
    }

    [Fact]
    public void Run_AndTracePerson_AgreeForPersonIdsBeyond32Bits()
    {
        // People = 2³² + 200 in chunks of 100, split into 2²⁰ shards: the last shard holds the 4,096 ids
        // 4,294,963,400 .. 4,294,967,495, which straddle 2³². Its tables must equal the replayed lives of those ids.
        ModelParameters model = Presets.Evidence;
        CohortSpec cohort = Runs.Mixed((1L << 32) + 200, endAge: 31);
        var options = new RunOptions { ChunkSize = 100, ShardCount = 1 << 20, ShardIndex = (1 << 20) - 1, Threads = 2 };
        SimulationResult shard = Simulation.Run(model, cohort, Seed, options);
        long chunks = (cohort.People + 99) / 100;
        long firstId = chunks * ((1 << 20) - 1) / (1 << 20) * 100;
        Assert.Equal(cohort.People - firstId, shard.People);
        Assert.True(firstId < (1L << 32) && cohort.People > (1L << 32));

        var sums = new long[ResultLayout.GroupCount];
        var alive = new long[ResultLayout.GroupCount];
        for (long id = firstId; id < cohort.People; id++)
        {
            PersonLife life = Simulation.TracePerson(model, cohort, Seed, id);
            int g = ResultLayout.GroupOf(life.Sex, life.Ancestry);
            if (life.Years[1].Alive)
            {
                alive[g]++;
                sums[g] += Accumulate.Quantize((float)life.Years[1].AsmKg, 1f);
            }
        }

        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            int cell = shard.Layout.Cell(1, g);
            Assert.Equal(alive[g], shard.Alive(31, ResultLayout.SexOf(g), ResultLayout.AncestryOf(g)));
            Assert.Equal(sums[g], shard.Tables.Sums[(int)Trait.Asm]![cell]);
        }

        // The high word of the id matters: person 2³² + 5 is not person 5.
        Assert.NotEqual(Simulation.TracePerson(model, cohort, Seed, 5).Years[0], Simulation.TracePerson(model, cohort, Seed, (1L << 32) + 5).Years[0]);
    }

    private static SimulationResult Baseline(string preset)
    {
        lock (s_baselines)
        {
            if (!s_baselines.TryGetValue(preset, out SimulationResult? r))
            {
                r = Simulation.Run(Runs.Model(preset), Runs.Mixed(People), Seed, Runs.Everything(1, chunkSize: 1000));
                s_baselines[preset] = r;
            }

            return r;
        }
    }
}
