using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Randomness;

/// <summary>
/// The Philox4x32 counter-based block function of Random123 (Salmon, Moraes, Dror and Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC '11, 2011): a keyed bijection from a 128-bit counter to 128 random-looking bits,
/// with 10 rounds (Philox4x32-10, the default) or as few as 7.
/// </summary>
/// <remarks>
/// <para>
/// Each round multiplies words 0 and 2 by 0xD2511F53 and 0xCD9E8D57, keeping both halves of the 64-bit products, and
/// mixes them with words 1 and 3 and the round key. The key is bumped by the Weyl increments 0x9E3779B9 and 0xBB67AE85
/// before every round after the first. The output is bit-identical to Random123's <c>philox4x32_R(R, ctr, key)</c>
/// and is checked against its published known-answer vectors for R = 7 and R = 10.
/// </para>
/// <para>
/// Salmon et al. found Philox4x32 free of failures in TestU01's Crush and BigCrush from 7 rounds on and recommend 10
/// as a safety margin, which is what Random123, cuRAND, NumPy and C++26's <c>std::philox4x32</c> use. Seven rounds
/// make each block about 30 % cheaper to compute.
/// </para>
/// <para>
/// Because the function is a pure map from (counter, key) to bits, any draw can be recomputed on its own, in any
/// order and on any thread, which is what makes the simulation's results independent of scheduling.
/// </para>
/// </remarks>
public static class Philox4x32
{
    /// <summary>Rounds of the block function by default: ten, Random123's default and the variant its authors recommend.</summary>
    public const int DefaultRounds = 10;

    /// <summary>The fewest rounds offered: seven, the fewest Salmon et al. found free of failures in TestU01's batteries.</summary>
    public const int MinimumRounds = 7;

    /// <summary>The most rounds offered: the default's ten (more would add nothing that Random123 tests or recommends).</summary>
    public const int MaximumRounds = DefaultRounds;

    /// <summary>Multiplier applied to counter word 0 in every round.</summary>
    internal const uint Multiplier0 = 0xD2511F53;

    /// <summary>Multiplier applied to counter word 2 in every round.</summary>
    internal const uint Multiplier1 = 0xCD9E8D57;

    /// <summary>Weyl increment of key word 0 between rounds (the golden ratio, 2^32 / phi).</summary>
    internal const uint KeyIncrement0 = 0x9E3779B9;

    /// <summary>Weyl increment of key word 1 between rounds (sqrt(3) - 1, scaled by 2^32).</summary>
    internal const uint KeyIncrement1 = 0xBB67AE85;

    /// <summary>Computes the Philox4x32-10 block for one counter and key.</summary>
    /// <param name="c0">Counter word 0.</param>
    /// <param name="c1">Counter word 1.</param>
    /// <param name="c2">Counter word 2.</param>
    /// <param name="c3">Counter word 3.</param>
    /// <param name="k0">Key word 0.</param>
    /// <param name="k1">Key word 1.</param>
    /// <returns>The four output words, in Random123's order.</returns>
    public static Philox4x32Block Generate(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1) =>
        Generate(c0, c1, c2, c3, k0, k1, DefaultRounds);

    /// <summary>Computes the Philox4x32-<paramref name="rounds"/> block for one counter and key.</summary>
    /// <param name="c0">Counter word 0.</param>
    /// <param name="c1">Counter word 1.</param>
    /// <param name="c2">Counter word 2.</param>
    /// <param name="c3">Counter word 3.</param>
    /// <param name="k0">Key word 0.</param>
    /// <param name="k1">Key word 1.</param>
    /// <param name="rounds">Rounds, <see cref="MinimumRounds"/> to <see cref="MaximumRounds"/>.</param>
    /// <returns>The four output words, in Random123's order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is outside 7 to 10.</exception>
    public static Philox4x32Block Generate(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, int rounds)
    {
        CheckRounds(rounds);
        for (int round = 0; round < rounds; round++)
        {
            if (round != 0)
            {
                k0 += KeyIncrement0;
                k1 += KeyIncrement1;
            }

            ulong product0 = Math.BigMul(Multiplier0, c0);
            ulong product1 = Math.BigMul(Multiplier1, c2);
            uint next0 = (uint)(product1 >> 32) ^ c1 ^ k0;
            uint next2 = (uint)(product0 >> 32) ^ c3 ^ k1;
            c1 = (uint)product1;
            c3 = (uint)product0;
            c0 = next0;
            c2 = next2;
        }

        return new Philox4x32Block(c0, c1, c2, c3);
    }

    /// <summary>Throws unless <paramref name="rounds"/> is one of the offered round counts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is outside 7 to 10.</exception>
    public static void CheckRounds(int rounds)
    {
        if (rounds is < MinimumRounds or > MaximumRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Philox4x32 is offered with {MinimumRounds} to {MaximumRounds} rounds.");
        }
    }

    /// <summary>
    /// Computes 2 × <see cref="ISimd{TSelf, TF, TI, TU}.Lanes"/> Philox4x32 blocks (with the schedule's rounds) at once: lane i of block set <c>a</c> from counter
    /// (<paramref name="c0a"/>[i], <paramref name="c1a"/>[i], <paramref name="c2"/>, <paramref name="c3"/>), and likewise <c>b</c>.
    /// </summary>
    /// <remarks>
    /// <para>Two independent sets are interleaved round by round because one set is a chain of dependent multiply
    /// rounds: alone it leaves the multiplier idle while each round waits for the last, and a whole block
    /// function is too long for out-of-order execution to overlap consecutive calls. Callers with a single vector of
    /// work pass it twice.</para>
    /// <para>Counter words 2 and 3 are shared by all lanes because the engine varies only the person across lanes; that
    /// makes the first round's second product lane-invariant, so it is computed once as a scalar.
    /// Every lane equals <see cref="Generate(uint, uint, uint, uint, uint, uint, int)"/> on the same counter, key and
    /// rounds, bit for bit.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Generate<TSimd, TF, TI, TU>(
        TU c0a,
        TU c1a,
        TU c0b,
        TU c1b,
        uint c2,
        uint c3,
        in PhiloxKeySchedule keys,
        out VectorBlock<TU> a,
        out VectorBlock<TU> b)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        Debug.Assert(keys.Rounds >= MinimumRounds, "A schedule from its constructor has 7 to 10 rounds.");

        // People in even lanes are generated in the low halves of 64-bit lanes as they are; odd lanes are first moved
        // down into the low halves. Every word then sits where the even-lane widening multiply reads it, and the high
        // half of each 64-bit product (the Philox "hi") is moved down by one shuffle; the high halves of the 64-bit
        // lanes are never read, so they may hold anything. Four such half-sets are interleaved round by round where the
        // processor has 32 vector registers; with 16 (x86 without AVX-512), four half-sets' 16 words and their products
        // spill to the stack in every round, so there the two sets run one after the other, two half-sets at a time.

        // Round 1: counter words 2 and 3 are the same in every lane, so their product is a scalar.
        ulong firstProduct1 = Math.BigMul(Multiplier1, c2);
        TU x0 = TSimd.Broadcast((uint)(firstProduct1 >> 32) ^ keys.Key0(0));
        TU x1 = TSimd.Broadcast((uint)firstProduct1);
        TU x2 = TSimd.Broadcast(c3 ^ keys.Key1(0));
        HalfBlock<TU> aEven = FirstRound<TSimd, TF, TI, TU>(c0a, c1a, x0, x1, x2);
        HalfBlock<TU> aOdd = FirstRound<TSimd, TF, TI, TU>(TSimd.HighToLow(c0a), TSimd.HighToLow(c1a), x0, x1, x2);
        if (SixteenRegisters)
        {
            Rounds<TSimd, TF, TI, TU>(ref aEven, ref aOdd, keys);
            a = Join<TSimd, TF, TI, TU>(aEven, aOdd);
            HalfBlock<TU> even = FirstRound<TSimd, TF, TI, TU>(c0b, c1b, x0, x1, x2);
            HalfBlock<TU> odd = FirstRound<TSimd, TF, TI, TU>(TSimd.HighToLow(c0b), TSimd.HighToLow(c1b), x0, x1, x2);
            Rounds<TSimd, TF, TI, TU>(ref even, ref odd, keys);
            b = Join<TSimd, TF, TI, TU>(even, odd);
            return;
        }

        HalfBlock<TU> bEven = FirstRound<TSimd, TF, TI, TU>(c0b, c1b, x0, x1, x2);
        HalfBlock<TU> bOdd = FirstRound<TSimd, TF, TI, TU>(TSimd.HighToLow(c0b), TSimd.HighToLow(c1b), x0, x1, x2);
        for (int round = 1; round < keys.Rounds; round++)
        {
            // Broadcast from memory: a load, where broadcasting a register would take the shuffle port every round.
            TU key0 = TSimd.Broadcast(keys.Key0(round));
            TU key1 = TSimd.Broadcast(keys.Key1(round));
            aEven = Round<TSimd, TF, TI, TU>(aEven, key0, key1);
            aOdd = Round<TSimd, TF, TI, TU>(aOdd, key0, key1);
            bEven = Round<TSimd, TF, TI, TU>(bEven, key0, key1);
            bOdd = Round<TSimd, TF, TI, TU>(bOdd, key0, key1);
        }

        a = Join<TSimd, TF, TI, TU>(aEven, aOdd);
        b = Join<TSimd, TF, TI, TU>(bEven, bOdd);
    }

    /// <summary>
    /// Whether the processor has only 16 vector registers (x86 without AVX-512), too few for four half-sets in flight
    /// (about 18 registers: issue #15's profile of the AVX2 path). A JIT-time constant.
    /// </summary>
    private static bool SixteenRegisters => Sse2.IsSupported && !Avx512F.IsSupported;

    /// <summary>Rounds 2 to R for two half-sets, interleaved round by round.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rounds<TSimd, TF, TI, TU>(ref HalfBlock<TU> even, ref HalfBlock<TU> odd, in PhiloxKeySchedule keys)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        for (int round = 1; round < keys.Rounds; round++)
        {
            TU key0 = TSimd.Broadcast(keys.Key0(round));
            TU key1 = TSimd.Broadcast(keys.Key1(round));
            even = Round<TSimd, TF, TI, TU>(even, key0, key1);
            odd = Round<TSimd, TF, TI, TU>(odd, key0, key1);
        }
    }

    /// <summary>The blocks of one set from its two half-sets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VectorBlock<TU> Join<TSimd, TF, TI, TU>(in HalfBlock<TU> even, in HalfBlock<TU> odd)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        new(TSimd.InterleaveEven(even.X0, odd.X0), TSimd.InterleaveEven(even.X1, odd.X1), TSimd.InterleaveEven(even.X2, odd.X2), TSimd.InterleaveEven(even.X3, odd.X3));

    /// <summary>The first round for one half-set, given the lane-invariant words it shares with every other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HalfBlock<TU> FirstRound<TSimd, TF, TI, TU>(TU c0, TU c1, TU sharedX0, TU sharedX1, TU sharedX2)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TU product0 = TSimd.MultiplyEvenLanes(c0, TSimd.Broadcast(Multiplier0));
        return new HalfBlock<TU>(TSimd.Xor(c1, sharedX0), sharedX1, TSimd.Xor(TSimd.HighToLow(product0), sharedX2), product0);
    }

    /// <summary>One Philox round for one half-set: words are valid in the low 32 bits of each 64-bit lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HalfBlock<TU> Round<TSimd, TF, TI, TU>(in HalfBlock<TU> x, TU key0, TU key1)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TU product0 = TSimd.MultiplyEvenLanes(x.X0, TSimd.Broadcast(Multiplier0));
        TU product1 = TSimd.MultiplyEvenLanes(x.X2, TSimd.Broadcast(Multiplier1));

        // The low 32 bits of each 64-bit product are Philox's "lo" as they stand.
        return new HalfBlock<TU>(TSimd.Xor(TSimd.Xor(TSimd.HighToLow(product1), x.X1), key0), product1, TSimd.Xor(TSimd.Xor(TSimd.HighToLow(product0), x.X3), key1), product0);
    }
}

/// <summary>The round keys of Philox4x32-R for one key: (k0 + r·0x9E3779B9, k1 + r·0xBB67AE85) for rounds r = 0 .. R − 1.</summary>
internal readonly struct PhiloxKeySchedule
{
    private readonly RoundKeys _keys;

    /// <summary>Computes the schedule of key (<paramref name="k0"/>, <paramref name="k1"/>) for <paramref name="rounds"/> rounds (7 to 10).</summary>
    public PhiloxKeySchedule(uint k0, uint k1, int rounds)
    {
        Philox4x32.CheckRounds(rounds);
        Rounds = rounds;
        for (int round = 0; round < rounds; round++)
        {
            _keys[2 * round] = k0;
            _keys[(2 * round) + 1] = k1;
            k0 += Philox4x32.KeyIncrement0;
            k1 += Philox4x32.KeyIncrement1;
        }
    }

    /// <summary>The number of rounds.</summary>
    public int Rounds { get; }

    /// <summary>Key word 0 of round <paramref name="round"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Key0(int round) => _keys[2 * round];

    /// <summary>Key word 1 of round <paramref name="round"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Key1(int round) => _keys[(2 * round) + 1];

    [InlineArray(2 * Philox4x32.MaximumRounds)]
    private struct RoundKeys
    {
        private uint _element;
    }
}

/// <summary>The 128 output bits of one Philox4x32 block, as four 32-bit words in Random123's order.</summary>
/// <param name="X0">Output word 0.</param>
/// <param name="X1">Output word 1.</param>
/// <param name="X2">Output word 2.</param>
/// <param name="X3">Output word 3.</param>
public readonly record struct Philox4x32Block(uint X0, uint X1, uint X2, uint X3)
{
    /// <summary>Gets output word <paramref name="lane"/> (0 to 3).</summary>
    /// <param name="lane">The word index, 0 to 3.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is not in 0 to 3.</exception>
    public uint this[int lane] => lane switch
    {
        0 => X0,
        1 => X1,
        2 => X2,
        3 => X3,
        _ => throw new ArgumentOutOfRangeException(nameof(lane), lane, "A Philox4x32 block has lanes 0 to 3."),
    };
}

/// <summary>
/// Four Philox words for half of a vector's people, one person per 64-bit lane, each word in the lane's low 32 bits.
/// </summary>
/// <param name="X0">Word 0.</param>
/// <param name="X1">Word 1.</param>
/// <param name="X2">Word 2.</param>
/// <param name="X3">Word 3.</param>
/// <typeparam name="TU">The width's vector of <see cref="uint"/>.</typeparam>
internal readonly record struct HalfBlock<TU>(TU X0, TU X1, TU X2, TU X3);

/// <summary>The four output words of one vector's Philox4x32 blocks, lane-wise.</summary>
/// <param name="X0">Output word 0 of each lane.</param>
/// <param name="X1">Output word 1 of each lane.</param>
/// <param name="X2">Output word 2 of each lane.</param>
/// <param name="X3">Output word 3 of each lane.</param>
/// <typeparam name="TU">The width's vector of <see cref="uint"/>.</typeparam>
internal readonly record struct VectorBlock<TU>(TU X0, TU X1, TU X2, TU X3);
