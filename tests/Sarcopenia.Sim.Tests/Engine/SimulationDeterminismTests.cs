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
        Assert.True(merged.IsComplete);
        Assert.Equal([new PersonRange(0, People)], merged.PersonRanges);
    }

    [Fact]
    public void Shards_AreRangesOfPeople_WhateverTheChunkSize()
    {
        // Issue #14: shards were ranges of chunks, so shard 0 of 2 in chunks of 4,096 and shard 1 of 2 in chunks of
        // 1,000 held people 0-4,095 and 5,000-9,999, and merged as "complete" with 9,096 of 10,000 people.
        CohortSpec cohort = Runs.Mixed(10_000, endAge: 32);
        SimulationResult first = Simulation.Run(Presets.Evidence, cohort, Seed, new RunOptions { ChunkSize = 4096, ShardIndex = 0, ShardCount = 2 });
        SimulationResult second = Simulation.Run(Presets.Evidence, cohort, Seed, new RunOptions { ChunkSize = 1000, ShardIndex = 1, ShardCount = 2, Threads = 3 });

        Assert.Equal([new PersonRange(0, 5_000)], first.PersonRanges);
        Assert.Equal([new PersonRange(5_000, 5_000)], second.PersonRanges);
        Assert.Equal(first.RunHash, second.RunHash);
        SimulationResult merged = SimulationResult.Merge([second, first]);
        Assert.Equal(10_000, merged.People);
        Assert.True(Simulation.Run(Presets.Evidence, cohort, Seed, new RunOptions { ChunkSize = 333 }).TablesEqual(merged));
    }

    [Fact]
    public void Merge_RefusesOverlappingShards_AndNamesThem()
    {
        // Shards of different splits overlap: 0/2 is people 0-4,999 and 1/3 is people 3,333-6,665. With chunk ranges
        // (chunks of 1,000 and 4,096) the old split merged these two without complaint, counting people twice.
        CohortSpec cohort = Runs.Mixed(10_000, endAge: 31);
        SimulationResult half = Simulation.Run(Presets.Evidence, cohort, Seed, new RunOptions { ChunkSize = 1000, ShardIndex = 0, ShardCount = 2 });
        SimulationResult third = Simulation.Run(Presets.Evidence, cohort, Seed, new RunOptions { ChunkSize = 4096, ShardIndex = 1, ShardCount = 3 });

        ArgumentException e = Assert.Throws<ArgumentException>(() => SimulationResult.Merge([half, third]));

        Assert.Contains("shards[0] (people 0–4,999) and shards[1] (people 3,333–6,665) overlap", e.Message);
        Assert.Contains("people 3,333–4,999 would be counted twice", e.Message);
    }

    [Fact]
    public void Merge_OfNamedParts_NamesThemInRefusals()
    {
        // Callers that know where each part came from (a file, an MPI rank) see those names, not positions.
        CohortSpec cohort = Runs.Mixed(2_000, endAge: 31);
        SimulationResult first = Simulation.Run(Presets.ReferenceWorkload, cohort, Seed, new RunOptions { ShardIndex = 0, ShardCount = 2 });
        SimulationResult second = Simulation.Run(Presets.ReferenceWorkload, cohort, Seed, new RunOptions { ShardIndex = 1, ShardCount = 2 });

        InvalidDataException twice = Assert.Throws<InvalidDataException>(() => SimulationResult.Merge([(first, "rank 0"), (first, "rank 1")], allowPartial: true));
        Assert.StartsWith("rank 0 and rank 1 both hold people 0–999", twice.Message);

        SimulationResult whole = SimulationResult.Merge([(second, "rank 1"), (first, "rank 0")], allowPartial: false);
        Assert.True(Simulation.Run(Presets.ReferenceWorkload, cohort, Seed).TablesEqual(whole));
    }

    [Fact]
    public void Merge_RefusesAMissingShard_UnlessAPartialMergeIsAskedFor()
    {
        CohortSpec cohort = Runs.Mixed(People, endAge: 35);
        SimulationResult a = Simulation.Run(Presets.ReferenceWorkload, cohort, Seed, new RunOptions { ChunkSize = 100, ShardIndex = 0, ShardCount = 3 });
        SimulationResult c = Simulation.Run(Presets.ReferenceWorkload, cohort, Seed, new RunOptions { ChunkSize = 700, ShardIndex = 2, ShardCount = 3 });

        ArgumentException e = Assert.Throws<ArgumentException>(() => SimulationResult.Merge([a, c]));
        Assert.Contains("incomplete: no partial result holds people 1,000–1,999 (1,000 of 3,001 people missing)", e.Message);

        SimulationResult partial = SimulationResult.Merge([a, c], allowPartial: true);
        Assert.False(partial.IsComplete);
        Assert.Equal([new PersonRange(0, 1_000), new PersonRange(2_000, 1_001)], partial.PersonRanges);

        // The partial merge and the missing shard merge into the whole run.
        SimulationResult b = Simulation.Run(Presets.ReferenceWorkload, cohort, Seed, new RunOptions { ShardIndex = 1, ShardCount = 3 });
        SimulationResult whole = SimulationResult.Merge([partial, b]);
        Assert.True(whole.IsComplete);
        Assert.True(Simulation.Run(Presets.ReferenceWorkload, cohort, Seed).TablesEqual(whole));
    }

    [Fact]
    public void Merge_RefusesShardsDrawnWithOtherGeneratorRounds()
    {
        CohortSpec cohort = Runs.Mixed(500, endAge: 32);
        var options = new RunOptions { ShardCount = 2 };
        SimulationResult ten = Simulation.Run(Presets.Evidence, cohort, Seed, options);
        SimulationResult seven = Simulation.Run(Presets.Evidence with { PhiloxRounds = 7 }, cohort, Seed, options with { ShardIndex = 1 });

        ArgumentException e = Assert.Throws<ArgumentException>(() => SimulationResult.Merge([ten, seven]));

        Assert.NotEqual(ten.RunHash, seven.RunHash);
        Assert.Contains("shards[1] is not part of the same run as shards[0] (7 generator rounds instead of 10)", e.Message);
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
        // People = 2³² + 200 split into 2²⁰ shards, in chunks of 100: the last shard holds the 4,097 ids
        // 4,294,963,399 .. 4,294,967,495, which straddle 2³². Its tables must equal the replayed lives of those ids.
        ModelParameters model = Presets.Evidence;
        CohortSpec cohort = Runs.Mixed((1L << 32) + 200, endAge: 31);
        var options = new RunOptions { ChunkSize = 100, ShardCount = 1 << 20, ShardIndex = (1 << 20) - 1, Threads = 2 };
        SimulationResult shard = Simulation.Run(model, cohort, Seed, options);
        long firstId = PersonRange.OfShard(cohort.People, (1 << 20) - 1, 1 << 20).First;
        Assert.Equal([new PersonRange(firstId, cohort.People - firstId)], shard.PersonRanges);
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
