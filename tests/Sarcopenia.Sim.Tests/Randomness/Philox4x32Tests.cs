using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Tests.Randomness;

public sealed class Philox4x32Tests
{
    /// <summary>
    /// The three "philox4x32 10" known-answer vectors of Random123's tests/kat_vectors (counter[4], key[2], output[4]),
    /// as reproduced in DEShawResearch/fs123 core123/ut/ut_philox.cpp, which states they were cut and pasted from it.
    /// </summary>
    public static TheoryData<uint, uint, uint, uint, uint, uint, uint, uint, uint, uint> KnownAnswers => new()
    {
        {
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8
        },
        {
            0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
            0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd
        },
        {
            0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
            0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1
        },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Generate_MatchesRandom123KnownAnswers(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint x0, uint x1, uint x2, uint x3)
    {
        Assert.Equal(new Philox4x32Block(x0, x1, x2, x3), Philox4x32.Generate(c0, c1, c2, c3, k0, k1));
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void VectorGenerate_MatchesRandom123KnownAnswersInEveryLane(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint x0, uint x1, uint x2, uint x3)
    {
        // The second block set gets a different counter, so each set's lanes must match their own answer.
        Philox4x32.Generate(
            new Vector<uint>(c0), new Vector<uint>(c1), new Vector<uint>(~c0), new Vector<uint>(c1), c2, c3, new PhiloxKeySchedule(k0, k1),
            out VectorBlock a, out VectorBlock b);
        Philox4x32Block other = Philox4x32.Generate(~c0, c1, c2, c3, k0, k1);

        Assert.Equal(new VectorBlock(new Vector<uint>(x0), new Vector<uint>(x1), new Vector<uint>(x2), new Vector<uint>(x3)), a);
        Assert.Equal(new VectorBlock(new Vector<uint>(other.X0), new Vector<uint>(other.X1), new Vector<uint>(other.X2), new Vector<uint>(other.X3)), b);
    }

    [Property(Replay = "(20250611,1234567891)", MaxTest = 300)]
    public void VectorGenerate_EqualsScalarInEveryLane(
        DoNotSize<uint> c0Base, DoNotSize<uint> c1Base, DoNotSize<uint> c2, DoNotSize<uint> c3, DoNotSize<uint> k0, DoNotSize<uint> k1)
    {
        // Lanes differ by a large odd step so that every lane, and both halves of each 64-bit pair, sees different words.
        const uint LaneStep = 0x9E3779B9;
        var c0 = new uint[Vector<uint>.Count];
        var c1 = new uint[Vector<uint>.Count];
        for (int lane = 0; lane < c0.Length; lane++)
        {
            c0[lane] = c0Base.Item + ((uint)lane * LaneStep);
            c1[lane] = c1Base.Item ^ ((uint)lane * LaneStep);
        }

        // Set b reverses the lanes, so the two interleaved sets are checked against each other's scalar answers too.
        uint[] c0Reversed = [.. c0.Reverse()];
        uint[] c1Reversed = [.. c1.Reverse()];
        Philox4x32.Generate(
            new Vector<uint>(c0), new Vector<uint>(c1), new Vector<uint>(c0Reversed), new Vector<uint>(c1Reversed),
            c2.Item, c3.Item, new PhiloxKeySchedule(k0.Item, k1.Item), out VectorBlock a, out VectorBlock b);
        (Vector<uint> y0, Vector<uint> y1, Vector<uint> y2, Vector<uint> y3) = (a.X0, a.X1, a.X2, a.X3);
        int last = c0.Length - 1;

        for (int lane = 0; lane < c0.Length; lane++)
        {
            Philox4x32Block expected = Philox4x32.Generate(c0[lane], c1[lane], c2.Item, c3.Item, k0.Item, k1.Item);
            Assert.Equal(expected, new Philox4x32Block(y0[lane], y1[lane], y2[lane], y3[lane]));
            Assert.Equal(expected, new Philox4x32Block(b.X0[last - lane], b.X1[last - lane], b.X2[last - lane], b.X3[last - lane]));
        }
    }

    [Fact]
    public void MultiplyEvenLanes_EqualsPortableTwinIncludingExtremes()
    {
        // The hardware path is what runs here; the portable path is what runs where no x86 widening multiply exists.
        uint[] words = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF, Philox4x32.Multiplier0, Philox4x32.Multiplier1];
        var x = new uint[Vector<uint>.Count];
        foreach (uint multiplier in words)
        {
            for (int start = 0; start < words.Length; start++)
            {
                for (int lane = 0; lane < x.Length; lane++)
                {
                    x[lane] = words[(start + lane) % words.Length];
                }

                var xs = new Vector<uint>(x);
                var ms = new Vector<uint>(multiplier);
                Vector<ulong> products = LaneOps.MultiplyEvenLanes(xs, ms);
                Assert.Equal(LaneOps.MultiplyEvenLanesPortable(xs, ms), products);
                for (int pair = 0; pair < Vector<ulong>.Count; pair++)
                {
                    Assert.Equal(Math.BigMul(x[2 * pair], multiplier), products[pair]);
                }
            }
        }
    }

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
