using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Randomness;

public sealed class Philox4x32Tests
{
    /// <summary>
    /// The "philox4x32 7" and "philox4x32 10" known-answer vectors of Random123's tests/kat_vectors: rounds, counter[4],
    /// key[2], output[4]. The 10-round lines are also reproduced in DEShawResearch/fs123 core123/ut/ut_philox.cpp, which
    /// states they were cut and pasted from it.
    /// </summary>
    public static IEnumerable<object[]> KnownAnswers =>
    [
        [7, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x5f6fb709u, 0x0d893f64u, 0x4f121f81u, 0x4f730a48u],
        [7, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x5207ddc2u, 0x45165e59u, 0x4d8ee751u, 0x8c52f662u],
        [7, 0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0x4dfccabau, 0x190a87f0u, 0xc47362bau, 0xb6b5242au],
        [10, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u],
        [10, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu],
        [10, 0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u],
    ];

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Generate_MatchesRandom123KnownAnswers(
        int rounds, uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint x0, uint x1, uint x2, uint x3)
    {
        Assert.Equal(new Philox4x32Block(x0, x1, x2, x3), Philox4x32.Generate(c0, c1, c2, c3, k0, k1, rounds));
        if (rounds == Philox4x32.DefaultRounds)
        {
            Assert.Equal(new Philox4x32Block(x0, x1, x2, x3), Philox4x32.Generate(c0, c1, c2, c3, k0, k1));
        }
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void VectorGenerate_MatchesRandom123KnownAnswersInEveryLane_AtEveryWidth(
        int rounds, uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint x0, uint x1, uint x2, uint x3)
    {
        SimdWidths.ForEach(new KnownAnswerCheck(rounds, [c0, c1, c2, c3], k0, k1, new Philox4x32Block(x0, x1, x2, x3)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(0)]
    public void Generate_RejectsRoundCountsOutsideSevenToTen(int rounds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Philox4x32.Generate(0, 0, 0, 0, 0, 0, rounds));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CounterRng(1, rounds));
    }

    [Property(Replay = "(20250611,1234567891)", MaxTest = 300)]
    public void VectorGenerate_EqualsScalarInEveryLane_AtEveryWidth(
        DoNotSize<uint> c0Base, DoNotSize<uint> c1Base, DoNotSize<uint> c2, DoNotSize<uint> c3, DoNotSize<uint> k0, DoNotSize<uint> k1, byte roundsPick)
    {
        // Every offered round count, 7 to 10 (the known answers cover 7 and 10).
        int rounds = Philox4x32.MinimumRounds + (roundsPick % (Philox4x32.MaximumRounds - Philox4x32.MinimumRounds + 1));
        SimdWidths.ForEach(new ScalarCheck(rounds, c0Base.Item, c1Base.Item, c2.Item, c3.Item, k0.Item, k1.Item));
    }

    [Fact]
    public void MultiplyEvenLanes_GivesTheFullProductsIncludingExtremes_AtEveryWidth()
    {
        SimdWidths.ForEach(default(MultiplyEvenLanesCheck));
    }

    /// <summary>Both block sets of the vector function against Random123's answers (set b with a different counter).</summary>
    private readonly record struct KnownAnswerCheck(int Rounds, uint[] Counter, uint K0, uint K1, Philox4x32Block Expected) : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            (uint c0, uint c1, uint c2, uint c3) = (Counter[0], Counter[1], Counter[2], Counter[3]);
            Philox4x32.Generate<TSimd, TF, TI, TU>(
                TSimd.Broadcast(c0), TSimd.Broadcast(c1), TSimd.Broadcast(~c0), TSimd.Broadcast(c1), c2, c3, new PhiloxKeySchedule(K0, K1, Rounds),
                out VectorBlock<TU> a, out VectorBlock<TU> b);
            Philox4x32Block other = Philox4x32.Generate(~c0, c1, c2, c3, K0, K1, Rounds);
            for (int lane = 0; lane < TSimd.Lanes; lane++)
            {
                Assert.Equal(Expected, Word(a, lane));
                Assert.Equal(other, Word(b, lane));
            }
        }
    }

    /// <summary>Every lane of both block sets against the scalar function; set b reverses set a's lanes.</summary>
    private readonly record struct ScalarCheck(int Rounds, uint C0Base, uint C1Base, uint C2, uint C3, uint K0, uint K1) : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            // Lanes differ by a large odd step so that every lane, and both halves of each 64-bit pair, sees different words.
            const uint LaneStep = 0x9E3779B9;
            var c0 = new uint[TSimd.Lanes];
            var c1 = new uint[TSimd.Lanes];
            for (int lane = 0; lane < c0.Length; lane++)
            {
                c0[lane] = C0Base + ((uint)lane * LaneStep);
                c1[lane] = C1Base ^ ((uint)lane * LaneStep);
            }

            uint[] c0Reversed = [.. c0.Reverse()];
            uint[] c1Reversed = [.. c1.Reverse()];
            Philox4x32.Generate<TSimd, TF, TI, TU>(
                SimdWidths.Vector<TU, uint>(c0), SimdWidths.Vector<TU, uint>(c1), SimdWidths.Vector<TU, uint>(c0Reversed), SimdWidths.Vector<TU, uint>(c1Reversed),
                C2, C3, new PhiloxKeySchedule(K0, K1, Rounds), out VectorBlock<TU> a, out VectorBlock<TU> b);
            int last = c0.Length - 1;
            for (int lane = 0; lane < c0.Length; lane++)
            {
                Philox4x32Block expected = Philox4x32.Generate(c0[lane], c1[lane], C2, C3, K0, K1, Rounds);
                Assert.Equal(expected, Word(a, lane));
                Assert.Equal(expected, Word(b, last - lane));
            }
        }
    }

    /// <summary>The even-lane widening multiply against <see cref="Math.BigMul(uint, uint)"/>, on words at the extremes.</summary>
    private readonly struct MultiplyEvenLanesCheck : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            uint[] words = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF, Philox4x32.Multiplier0, Philox4x32.Multiplier1];
            var x = new uint[TSimd.Lanes];
            foreach (uint multiplier in words)
            {
                for (int start = 0; start < words.Length; start++)
                {
                    for (int lane = 0; lane < x.Length; lane++)
                    {
                        x[lane] = words[(start + lane) % words.Length];
                    }

                    ulong[] products = SimdWidths.Lanes<TU, ulong>(TSimd.MultiplyEvenLanes(SimdWidths.Vector<TU, uint>(x), TSimd.Broadcast(multiplier)));
                    for (int pair = 0; pair < products.Length; pair++)
                    {
                        Assert.Equal(Math.BigMul(x[2 * pair], multiplier), products[pair]);
                    }
                }
            }
        }
    }

    private static Philox4x32Block Word<TU>(in VectorBlock<TU> block, int lane)
        where TU : unmanaged =>
        new(SimdWidths.Lanes<TU, uint>(block.X0)[lane], SimdWidths.Lanes<TU, uint>(block.X1)[lane], SimdWidths.Lanes<TU, uint>(block.X2)[lane], SimdWidths.Lanes<TU, uint>(block.X3)[lane]);

    [Fact]
    public void Block_IndexerReturnsWordsInOrderAndRejectsOtherLanes()
    {
        var block = new Philox4x32Block(10, 11, 12, 13);

        Assert.Equal(new uint[] { 10, 11, 12, 13 }, new[] { block[0], block[1], block[2], block[3] });
        Assert.Throws<ArgumentOutOfRangeException>(() => block[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => block[4]);
    }

    [Fact]
    public void Generate_NeverCollidesForDistinctCounters()
    {
        // A fixed key permutes counters, so nearby counters (which differ in few bits) must never collide.
        const int Count = 1 << 16;
        var seen = new HashSet<Philox4x32Block>(Count);
        for (uint c = 0; c < Count; c++)
        {
            Assert.True(seen.Add(Philox4x32.Generate(c, 0, 0, 0, 0x12345678, 0x9ABCDEF0)));
        }
    }
}
