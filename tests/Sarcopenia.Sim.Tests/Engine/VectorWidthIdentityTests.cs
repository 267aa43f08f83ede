using System.Runtime.Intrinsics;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine;

/// <summary>
/// The determinism invariant across vector widths (issue #15): the same run capped at each width the machine offers
/// (<see cref="RunOptions.MaxVectorBits"/>), in this process, gives the same tables bit for bit, and really runs at
/// that width. The child-process tests of the tool cover the instruction sets the runtime can switch off.
/// </summary>
public sealed class VectorWidthIdentityTests
{
    private const ulong Seed = 20_260_115;

    // A few thousand people keep each run to a fraction of a second while every sex × ancestry group has people.
    private const int People = 3_000;

    private const string FullOutputs = "Evidence, mixed ancestry, every statistic with SDs and every histogram";
    private const string FamilyCohort = "Evidence, twins and sibships, every statistic and histogram";
    private const string Rw1 = "RW1 with its cohort, means only";
    private const string SevenRoundsNoMortality = "Evidence with Philox4x32-7, no mortality";

    private static readonly Dictionary<string, SimulationResult> s_widest = [];

    private static readonly Lazy<TwinPairs> s_widestTwins = new(() => Twins(bits: null));

    /// <summary>Every workload at every width the machine offers.</summary>
    public static TheoryData<string, int> WorkloadsAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (string workload in new[] { FullOutputs, FamilyCohort, Rw1, SevenRoundsNoMortality })
        {
            foreach (int bits in VectorWidth.Available)
            {
                data.Add(workload, bits);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WorkloadsAndWidths))]
    public void Run_GivesTheSameTables_AtEveryWidth(string workload, int bits)
    {
        SimulationResult widest = Widest(workload);
        SimulationResult capped = Run(workload, bits);

        // The width asked for is the width run: otherwise the comparison below would compare a width with itself.
        Assert.Equal(bits, capped.VectorBits);
        Assert.Equal(VectorWidth.Widest, widest.VectorBits);
        // Every table array, entry by entry: counts, deaths, sums, sums of squares and histograms.
        Assert.True(widest.TablesEqual(capped), $"{workload} at {bits} bits differs from {VectorWidth.Widest} bits");
    }

    /// <summary>Every width the machine offers.</summary>
    public static TheoryData<int> Widths() => [.. VectorWidth.Available];

    [Theory]
    [MemberData(nameof(Widths))]
    public void SimulateTwins_GivesTheSameTraitsAndGenotypes_AtEveryWidth(int bits)
    {
        TwinPairs widest = s_widestTwins.Value;
        TwinPairs capped = Twins(bits);

        Assert.Equal(widest.Zygosity, capped.Zygosity);
        Assert.Equal(widest.Age, capped.Age);
        foreach ((TwinColumn<double> expected, TwinColumn<double> actual) in widest.Traits.Zip(capped.Traits))
        {
            // Bit for bit: Assert.Equal on doubles would let -0 equal 0.
            Assert.Equal(expected.Twin1.Select(BitConverter.DoubleToInt64Bits), actual.Twin1.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.Twin2.Select(BitConverter.DoubleToInt64Bits), actual.Twin2.Select(BitConverter.DoubleToInt64Bits));
        }

        foreach ((TwinColumn<byte> expected, TwinColumn<byte> actual) in widest.Genotypes.Zip(capped.Genotypes))
        {
            Assert.Equal(expected.Twin1, actual.Twin1);
            Assert.Equal(expected.Twin2, actual.Twin2);
        }
    }

    [Fact]
    public void Run_UsesTheMachinesWidest_WithoutAnySetting()
    {
        // Issue #15: no environment variable is needed for full speed, in the library as in the tool.
        SimulationResult result = Simulation.Run(Presets.ReferenceWorkload, new CohortSpec(100), Seed);

        Assert.Equal(VectorWidth.Widest, result.VectorBits);
        Assert.Equal(Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128, result.VectorBits);
    }

    [Fact]
    public void MaxVectorBits_IsACap_NotARequirement()
    {
        // 512 on a machine without AVX-512 runs at the machine's widest rather than failing or emulating.
        SimulationResult result = Simulation.Run(Presets.ReferenceWorkload, new CohortSpec(100), Seed, new RunOptions { MaxVectorBits = 512 });

        Assert.Equal(VectorWidth.Widest, result.VectorBits);
    }

    [Fact]
    public void Merge_KeepsTheWidth_OnlyWhenEveryPartRanAtIt()
    {
        CohortSpec cohort = Runs.Mixed(2_000, endAge: 32);
        int narrowest = VectorWidth.Available[^1];
        SimulationResult Shard(int index, int? bits) =>
            Simulation.Run(Presets.Evidence, cohort, Seed, new RunOptions { ShardIndex = index, ShardCount = 2, MaxVectorBits = bits });

        SimulationResult same = SimulationResult.Merge([Shard(0, narrowest), Shard(1, narrowest)]);
        Assert.Equal(narrowest, same.VectorBits);

        SimulationResult mixed = SimulationResult.Merge([Shard(0, null), Shard(1, narrowest)]);
        Assert.Equal(VectorWidth.Available.Length > 1 ? null : narrowest, mixed.VectorBits);
        Assert.True(same.TablesEqual(mixed));

        // A results file does not record the width: read back, it is unknown, and so is any merge it takes part in.
        using var stream = new MemoryStream();
        ResultsFile.Write(same, stream);
        stream.Position = 0;
        SimulationResult read = ResultsFile.Read(stream);
        Assert.Null(read.VectorBits);
        Assert.Null(SimulationResult.Merge([read]).VectorBits);
        Assert.True(same.TablesEqual(read));
    }

    /// <summary>Twin pairs of a mixed-ancestry cohort measured at 40, 60 and 80, capped at <paramref name="bits"/>.</summary>
    private static TwinPairs Twins(int? bits)
    {
        var cohort = new CohortSpec(People) { StartAge = 30, EndAge = 80, Ancestry = AncestryMix.UnitedStates2020, Families = FamilySpec.TwinPairs(People / 2) };
        return Simulation.SimulateTwins(Presets.Evidence, cohort, Seed, [40, 60, 80], new RunOptions { Threads = 2, MaxVectorBits = bits });
    }

    private static SimulationResult Widest(string workload)
    {
        lock (s_widest)
        {
            if (!s_widest.TryGetValue(workload, out SimulationResult? result))
            {
                s_widest[workload] = result = Run(workload, bits: null);
            }

            return result;
        }
    }

    /// <summary>Runs <paramref name="workload"/> on two threads in chunks of 1,000 (three chunks per worker, and a short last one), capped at <paramref name="bits"/>.</summary>
    private static SimulationResult Run(string workload, int? bits)
    {
        RunOptions everything = Runs.Everything(threads: 2, chunkSize: 1_000) with { MaxVectorBits = bits };
        return workload switch
        {
            FullOutputs => Simulation.Run(Presets.Evidence, Runs.Mixed(People), Seed, everything),
            FamilyCohort => Simulation.Run(Presets.Evidence, Runs.Mixed(People) with { Families = Runs.MixedFamilies }, Seed, everything),
            Rw1 => Simulation.Run(
                Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(People), Seed,
                new RunOptions { Threads = 2, Statistics = TraitSet.Asm, StandardDeviations = false, MaxVectorBits = bits }),
            SevenRoundsNoMortality => Simulation.Run(Presets.Evidence.WithoutMortality() with { PhiloxRounds = 7 }, Runs.Mixed(People), Seed, everything),
            _ => throw new ArgumentOutOfRangeException(nameof(workload), workload, "No such workload."),
        };
    }
}
