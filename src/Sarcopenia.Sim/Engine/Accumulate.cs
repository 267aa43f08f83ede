using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// Kernels that add one segment-year into the result tables. Everything is accumulated in integers, so tables from
/// chunks, threads, shards and machines merge exactly, in any order.
/// </summary>
internal static class Accumulate
{
    /// <summary>Trait sums are kept in units of 2⁻¹⁶ of the trait's unit.</summary>
    public const int SumShift = 16;

    /// <summary>
    /// Sums of squares are kept in units of 2⁻⁸ of the trait's unit squared: each value adds its square rounded once to
    /// the nearest integer, <c>round(v²·2⁸)</c>, below 2²² (v &lt; 2⁷), so int32 lanes take hundreds of squares before
    /// they are widened. (v²·2⁸ is never halfway between integers for a float v, so the rounding has no ties.)
    /// </summary>
    public const int SquareShift = 8;

    /// <summary>Values are clamped to [0, <see cref="MaxValue"/>] before quantizing, so a quantized value fits in 23 bits.</summary>
    public const float MaxValue = 127.99f;

    // Int32 lanes hold at most this many quantized values (each < 2^23, squares < 2^22) before they are flushed to 64 bits:
    // 2^7 · 2^23 = 2^30.
    private const int FlushEvery = 128;

    /// <summary>2⁻²⁴: turns a value in units of 2⁻¹⁶ into one factor of its square in units of 2⁻⁸ (2⁻¹⁶ · 2⁻¹⁶ / 2⁻⁸ = 2⁻²⁴).</summary>
    private const float SquareScale = 1f / (1 << (2 * SumShift - SquareShift));

    /// <summary>
    /// 1.5·2²³: a float in [2²³, 2²⁴) has no fraction bits, so adding this to a square below 2²² in one fused
    /// multiply-add rounds the exact square to the nearest integer, which is then the low bits of the sum.
    /// </summary>
    private const float SquareRounding = 12582912f;

    /// <summary>The bit pattern of <see cref="SquareRounding"/>: subtracting it from the rounded sum's bits leaves the integer.</summary>
    private const int SquareRoundingBits = 0x4B40_0000;

    private const float SumScale = 1 << SumShift;
    private const int CombinationCount = 8;

    /// <summary>Adds the number of people with each deficit combination 0..7 to <paramref name="counts"/> (8 for the dead is ignored).</summary>
    public static void CountCombinations(ReadOnlySpan<int> combination, Span<long> counts)
    {
        Debug.Assert(counts.Length >= CombinationCount);
        if (!Vector.IsHardwareAccelerated || !LaneOps.CanShiftVariably)
        {
            CountCombinationsByComparison(combination, counts);
            return;
        }

        // Each 32-bit lane holds eight 4-bit counters, one per combination: adding 1 << 4c counts combination c in one
        // shift and one add (instead of eight compares), and the dead (8) shift by 32, which x86 defines as 0.
        int width = Vector<int>.Count;
        int i = 0;
        while (i <= combination.Length - width)
        {
            Vector<uint> packed = Vector<uint>.Zero;
            int end = Math.Min(combination.Length - width, i + (NibbleCapacity - 1) * width);
            for (; i <= end; i += width)
            {
                packed += Nibble(VectorSpan.Load(combination, i));
            }

            AddNibbleCounts(packed, counts);
        }

        CountTail(combination[i..], counts);
    }

    /// <summary>The portable form of <see cref="CountCombinations"/>: one compare per combination and vector.</summary>
    internal static void CountCombinationsByComparison(ReadOnlySpan<int> combination, Span<long> counts)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && combination.Length >= Vector<int>.Count)
        {
            Span<Vector<int>> lanes = stackalloc Vector<int>[CombinationCount];
            lanes.Clear();
            for (; i <= combination.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var c = VectorSpan.Load(combination, i);
                for (int k = 0; k < CombinationCount; k++)
                {
                    // Equals yields −1 per matching lane, so subtracting counts it.
                    lanes[k] -= Vector.Equals(c, new Vector<int>(k));
                }
            }

            for (int k = 0; k < CombinationCount; k++)
            {
                counts[k] += Vector.Sum(lanes[k]);
            }
        }

        CountTail(combination[i..], counts);
    }

    private static void CountTail(ReadOnlySpan<int> combination, Span<long> counts)
    {
        foreach (int c in combination)
        {
            if ((uint)c < CombinationCount)
            {
                counts[c]++;
            }
        }
    }

    /// <summary>A 4-bit counter overflows after 15 increments: packed counters must be flushed at least this often.</summary>
    public const int NibbleCapacity = 15;

    /// <summary>The low nibble of every byte.</summary>
    private const uint LowNibbles = 0x0F0F_0F0F;

    /// <summary>Bits per byte, to step through the byte-wide counts.</summary>
    private const int ByteBits = 8;

    /// <summary>
    /// Combination c (0..7) as a 1 in 4-bit counter c of a 32-bit lane; the dead (8) shift by 32, which x86 defines
    /// as 0, so they add nothing. Only when <see cref="LaneOps.CanShiftVariably"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<uint> Nibble(Vector<int> combination) =>
        LaneOps.ShiftLeftVariable(Vector<uint>.One, Vector.AsVectorUInt32(combination) << 2);

    /// <summary>Adds the eight 4-bit counters of every lane of <paramref name="packed"/> to <paramref name="counts"/>[0..7].</summary>
    public static void AddNibbleCounts(Vector<uint> packed, Span<long> counts)
    {
        // Splitting the nibbles into bytes and summing the lanes counts four combinations per sum: a byte holds at most
        // 15 per lane, so even 16 lanes (240) never carry into the next byte.
        Debug.Assert(Vector<uint>.Count * NibbleCapacity < 256);
        uint even = Vector.Sum(packed & new Vector<uint>(LowNibbles));
        uint odd = Vector.Sum((packed >> 4) & new Vector<uint>(LowNibbles));
        for (int b = 0; b < 4; b++)
        {
            counts[2 * b] += (byte)(even >> (ByteBits * b));
            counts[(2 * b) + 1] += (byte)(odd >> (ByteBits * b));
        }
    }

    /// <summary>
    /// Adds <c>Σ round(v·2¹⁶)</c> and <c>Σ round(v²·2⁸)</c> over living people, where <c>v = clamp(values[i] · scale, 0, 127.99)</c>
    /// in single precision and both are rounded once, from the exact value, to the nearest integer.
    /// </summary>
    public static void SumFixedPoint(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum, ref long sumOfSquares)
    {
        Debug.Assert(alive.Length >= values.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            while (i <= values.Length - Vector<float>.Count)
            {
                Vector<int> lanes = Vector<int>.Zero;
                Vector<int> squares = Vector<int>.Zero;
                int end = Math.Min(values.Length - Vector<float>.Count, i + (FlushEvery - 1) * Vector<float>.Count);
                for (; i <= end; i += Vector<float>.Count)
                {
                    Quantize(VectorSpan.Load(values, i), VectorSpan.Load(alive, i), scale, out Vector<int> q, out Vector<int> square);
                    lanes += q;
                    squares += square;
                }

                sum += SumLanes(lanes);
                sumOfSquares += SumLanes(squares);
            }
        }

        for (; i < values.Length; i++)
        {
            if (alive[i] != 0)
            {
                float v = Clamped(values[i], scale);
                sum += (int)(v + 0.5f);
                sumOfSquares += RoundedSquare(v);
            }
        }
    }

    /// <summary>
    /// The lane-wise quantization of <see cref="SumFixedPoint"/>: <paramref name="q"/> = round(v·2¹⁶) and
    /// <paramref name="square"/> = round(v²·2⁸) with <c>v = clamp(values · scale, 0, 127.99)</c>, both 0 where
    /// <paramref name="alive"/> is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Quantize(Vector<float> values, Vector<int> alive, float scale, out Vector<int> q, out Vector<int> square)
    {
        var half = new Vector<float>(0.5f);
        Vector<float> v = Vector.MinNative(Vector.MaxNative(values * new Vector<float>(scale * SumScale), Vector<float>.Zero), new Vector<float>(MaxValue * SumScale));
        q = Vector.ConvertToInt32Native(v + half) & alive;

        // v is in units of 2⁻¹⁶, so (v·2⁻²⁴)·v is the square in units of 2⁻⁸ (the scaling is exact); see RoundedSquare.
        // Squaring the float keeps the square's full precision where squaring a rounded value would not, and it needs
        // no 64-bit products (two widening multiplies per vector before).
        Vector<float> rounded = FloatMath.Fma(v * new Vector<float>(SquareScale), v, new Vector<float>(SquareRounding));
        square = (Vector.AsVectorInt32(rounded) - new Vector<int>(SquareRoundingBits)) & alive;
    }

    /// <summary>
    /// The scalar definition of one square's quantization: <c>round(v²·2⁸)</c> for <paramref name="v"/>, a clamped value
    /// in units of 2⁻¹⁶, rounded once from the exact square (one fused multiply-add onto 1.5·2²³, whose sum's low bits
    /// are then the integer).
    /// </summary>
    internal static int RoundedSquare(float v) =>
        BitConverter.SingleToInt32Bits(FloatMath.Fma(v * SquareScale, v, SquareRounding)) - SquareRoundingBits;

    /// <summary>The scalar definition of one value's square quantization: <c>round(clamp(v·scale, 0, 127.99)² · 2⁸)</c>.</summary>
    public static int QuantizeSquare(float value, float scale) => RoundedSquare(Clamped(value, scale));

    /// <summary>The sum of the lanes of <paramref name="lanes"/>, widened to 64 bits first so that it cannot wrap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumLanes(Vector<int> lanes)
    {
        Vector.Widen(lanes, out Vector<long> low, out Vector<long> high);
        return Vector.Sum(low + high);
    }

    /// <summary>The scalar definition of one value's quantization: <c>round(clamp(v·scale, 0, 127.99) · 2¹⁶)</c>.</summary>
    public static int Quantize(float value, float scale) => (int)(Clamped(value, scale) + 0.5f);

    /// <summary><c>clamp(value·scale, 0, 127.99)</c> in units of 2⁻¹⁶, before rounding.</summary>
    private static float Clamped(float value, float scale) => MathF.Min(MathF.Max(value * (scale * SumScale), 0f), MaxValue * SumScale);

    /// <summary>Adds living people to fixed-width bins: bin <c>floor((v·scale − lo) / width)</c>, clamped to the first and last bin.</summary>
    public static void Histogram(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, Span<long> bins, float lo, float inverseWidth)
    {
        Debug.Assert(alive.Length >= values.Length);
        int last = bins.Length - 1;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Bin indices are computed a vector at a time; the increments stay scalar (a scatter), but without a branch:
            // the dead add 0 to whatever bin their stale values point at.
            Span<int> index = stackalloc int[Vector<int>.Count];
            var s = new Vector<float>(scale * inverseWidth);
            var offset = new Vector<float>(lo * inverseWidth);
            var top = new Vector<float>(last);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> x = VectorSpan.Load(values, i) * s - offset;
                VectorSpan.Store(Vector.ConvertToInt32Native(Vector.MinNative(Vector.MaxNative(x, Vector<float>.Zero), top)), index, 0);
                for (int k = 0; k < index.Length; k++)
                {
                    bins[index[k]] += alive[i + k] & 1;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            float x = values[i] * (scale * inverseWidth) - lo * inverseWidth;
            bins[(int)MathF.Min(MathF.Max(x, 0f), last)] += alive[i] & 1;
        }
    }
}
