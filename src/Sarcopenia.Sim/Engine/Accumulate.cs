using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// Kernels that add one segment-year into the result tables. Everything is accumulated in integers, so tables from
/// chunks, threads, shards and machines merge exactly, in any order.
/// </summary>
internal static class Accumulate
{
    /// <summary>Trait sums are kept in units of 2⁻<see cref="ResultLayout.SumShift"/> of the trait's unit.</summary>
    public const int SumShift = ResultLayout.SumShift;

    /// <summary>Sums of squares are kept in units of 2⁻<see cref="ResultLayout.SquareShift"/> of the unit squared.</summary>
    public const int SquareShift = ResultLayout.SquareShift;

    /// <summary>Values are clamped to [0, <see cref="MaxValue"/>] before quantizing, so a quantized value fits in 23 bits.</summary>
    public const float MaxValue = 127.99f;

    // Int32 lanes hold at most this many vectors of quantized values (each ≤ 2^23) and squares (each ≤ 2^26) before they
    // are flushed to 64 bits: 2^4 · 2^26 = 2^30.
    private const int FlushEvery = 16;

    /// <summary>2⁻²⁰: turns a value in units of 2⁻¹⁶ into one factor of its square in units of 2⁻¹² (2⁻¹⁶ · 2⁻¹⁶ / 2⁻¹² = 2⁻²⁰).</summary>
    private const float SquareScale = 1f / (1 << (2 * SumShift - SquareShift));

    /// <summary>2²³: the smallest float whose neighbours are one apart.</summary>
    private const float IntegerShift = 8388608f;

    /// <summary>The bits of <see cref="IntegerShift"/>.</summary>
    private const int IntegerShiftBits = 0x4B00_0000;

    private const float SumScale = 1 << SumShift;
    private const int CombinationCount = 8;

    /// <summary>Adds the number of people with each deficit combination 0..7 to <paramref name="counts"/> (8 for the dead is ignored).</summary>
    public static void CountCombinations<TSimd, TF, TI, TU>(ReadOnlySpan<int> combination, Span<long> counts)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        Debug.Assert(counts.Length >= CombinationCount);
        if (!TSimd.IsHardwareAccelerated || !TSimd.CanShiftVariably)
        {
            CountCombinationsByComparison<TSimd, TF, TI, TU>(combination, counts);
            return;
        }

        // Each 32-bit lane holds eight 4-bit counters, one per combination: adding 1 << 4c counts combination c in one
        // shift and one add (instead of eight compares), and the dead (8) shift by 32, which x86 defines as 0.
        int width = TSimd.Lanes;
        int i = 0;
        while (i <= combination.Length - width)
        {
            TU even = TSimd.Broadcast(0u);
            TU odd = TSimd.Broadcast(0u);
            int bytesEnd = Math.Min(combination.Length - width, i + (ByteCapacity - 1) * width);
            while (i <= bytesEnd)
            {
                TU packed = TSimd.Broadcast(0u);
                int end = Math.Min(bytesEnd, i + (NibbleCapacity - 1) * width);
                for (; i <= end; i += width)
                {
                    packed = TSimd.Add(packed, TSimd.NibbleOf(TSimd.Load(combination, i)));
                }

                WidenNibbles<TSimd, TF, TI, TU>(packed, ref even, ref odd);
            }

            AddByteCounts<TSimd, TF, TI, TU>(even, odd, counts);
        }

        CountTail(combination[i..], counts);
    }

    /// <summary>The portable form of <see cref="CountCombinations"/>: one compare per combination and vector.</summary>
    internal static void CountCombinationsByComparison<TSimd, TF, TI, TU>(ReadOnlySpan<int> combination, Span<long> counts)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        int i = 0;
        if (TSimd.IsHardwareAccelerated && combination.Length >= TSimd.Lanes)
        {
            // Combination k's lane counters at k · Lanes.
            int width = TSimd.Lanes;
            Span<int> lanes = stackalloc int[CombinationCount * width];
            lanes.Clear();
            for (; i <= combination.Length - width; i += width)
            {
                TI c = TSimd.Load(combination, i);
                for (int k = 0; k < CombinationCount; k++)
                {
                    // Equals yields −1 per matching lane, so subtracting counts it.
                    TSimd.Store(TSimd.Subtract(TSimd.Load(lanes, k * width), TSimd.EqualTo(c, TSimd.Broadcast(k))), lanes, k * width);
                }
            }

            for (int k = 0; k < CombinationCount; k++)
            {
                counts[k] += TSimd.Sum(TSimd.Load(lanes, k * width));
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

    /// <summary>
    /// A byte counter overflows after 255 increments: at most this many vectors of combinations may pass through
    /// <see cref="WidenNibbles"/> into one pair of byte counters before <see cref="AddByteCounts"/>.
    /// </summary>
    public const int ByteCapacity = 255;

    /// <summary>The low nibble of every byte.</summary>
    private const uint LowNibbles = 0x0F0F_0F0F;

    /// <summary>The low byte of every 16-bit half.</summary>
    private const uint LowBytes = 0x00FF_00FF;

    /// <summary>Bits per byte and per nibble, to step through the packed counters.</summary>
    private const int ByteBits = 8;

    private const int NibbleBits = 4;

    private const int HalfBits = 16;

    /// <summary>
    /// Adds the eight 4-bit counters of every lane of <paramref name="packed"/> to byte counters: combinations 0, 2, 4, 6
    /// to bytes 0..3 of <paramref name="even"/>, combinations 1, 3, 5, 7 to those of <paramref name="odd"/>. Two
    /// operations per flush of the nibbles, where summing the lanes each time took two horizontal sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WidenNibbles<TSimd, TF, TI, TU>(TU packed, ref TU even, ref TU odd)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        even = TSimd.Add(even, TSimd.And(packed, TSimd.Broadcast(LowNibbles)));
        odd = TSimd.Add(odd, TSimd.And(TSimd.ShiftRightLogical(packed, NibbleBits), TSimd.Broadcast(LowNibbles)));
    }

    /// <summary>Adds the byte counters of <see cref="WidenNibbles"/> (at most <see cref="ByteCapacity"/> vectors' worth) to <paramref name="counts"/>[0..7].</summary>
    /// <remarks>Inlined: it runs once per block, and on its own it would first run as unoptimized code, one call per vector operation.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddByteCounts<TSimd, TF, TI, TU>(TU even, TU odd, Span<long> counts)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        // Summed over the lanes a byte could carry into the next, so each byte is first moved into a 16-bit half of its
        // own: a half then holds at most 255 per lane, and 255 times the widest vector's 16 lanes is far below 2^16.
        Debug.Assert(TSimd.Lanes * ByteCapacity < 1 << HalfBits);
        TU lowBytes = TSimd.Broadcast(LowBytes);
        uint zeroAndFour = TSimd.Sum(TSimd.And(even, lowBytes));
        uint twoAndSix = TSimd.Sum(TSimd.And(TSimd.ShiftRightLogical(even, ByteBits), lowBytes));
        uint oneAndFive = TSimd.Sum(TSimd.And(odd, lowBytes));
        uint threeAndSeven = TSimd.Sum(TSimd.And(TSimd.ShiftRightLogical(odd, ByteBits), lowBytes));
        counts[0] += (ushort)zeroAndFour;
        counts[4] += zeroAndFour >> HalfBits;
        counts[2] += (ushort)twoAndSix;
        counts[6] += twoAndSix >> HalfBits;
        counts[1] += (ushort)oneAndFive;
        counts[5] += oneAndFive >> HalfBits;
        counts[3] += (ushort)threeAndSeven;
        counts[7] += threeAndSeven >> HalfBits;
    }

    /// <summary>
    /// Adds <c>Σ round(v·2¹⁶)</c> and <c>Σ round(fl(v²·2¹²))</c> over living people, where
    /// <c>v = clamp(values[i] · scale, 0, 127.99)</c> in single precision, <c>fl</c> is the single-precision product, and
    /// both are rounded to the nearest integer, ties to even.
    /// </summary>
    public static void SumFixedPoint<TSimd, TF, TI, TU>(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum, ref long sumOfSquares)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        SumFixedPoint<Yes, TSimd, TF, TI, TU>(values, alive, scale, ref sum, ref sumOfSquares);

    /// <summary>The sum alone of <see cref="SumFixedPoint{TSimd, TF, TI, TU}(ReadOnlySpan{float}, ReadOnlySpan{int}, float, ref long, ref long)"/>, for runs without SDs.</summary>
    public static void SumFixedPoint<TSimd, TF, TI, TU>(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        long ignored = 0;
        SumFixedPoint<No, TSimd, TF, TI, TU>(values, alive, scale, ref sum, ref ignored);
    }

    private static void SumFixedPoint<TSquares, TSimd, TF, TI, TU>(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum, ref long sumOfSquares)
        where TSquares : struct, ICompileTimeFlag
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        Debug.Assert(alive.Length >= values.Length);
        int width = TSimd.Lanes;
        int i = 0;
        if (TSimd.IsHardwareAccelerated && values.Length >= width)
        {
            while (i <= values.Length - width)
            {
                TI lanes = TSimd.Broadcast(0);
                TI squareLanes = TSimd.Broadcast(0);
                int end = Math.Min(values.Length - width, i + (FlushEvery - 1) * width);
                for (; i <= end; i += width)
                {
                    TF v = Scaled<TSimd, TF, TI, TU>(TSimd.Load(values, i), TSimd.Load(alive, i), scale);
                    lanes = TSimd.Add(lanes, RoundedValues<TSimd, TF, TI, TU>(v));
                    if (TSquares.IsSet)
                    {
                        squareLanes = TSimd.Add(squareLanes, RoundedSquares<TSimd, TF, TI, TU>(v));
                    }
                }

                sum += TSimd.SumWidened(lanes);
                sumOfSquares += TSimd.SumWidened(squareLanes);
            }
        }

        for (; i < values.Length; i++)
        {
            if (alive[i] != 0)
            {
                float v = Clamped(values[i], scale);
                sum += RoundedValue(v);
                sumOfSquares += TSquares.IsSet ? RoundedSquare(v) : 0;
            }
        }
    }

    /// <summary>
    /// The lane-wise value that <see cref="SumFixedPoint{TSimd, TF, TI, TU}(ReadOnlySpan{float}, ReadOnlySpan{int}, float, ref long, ref long)"/>
    /// quantizes: <c>clamp(values · scale, 0, 127.99)</c> in units of 2⁻¹⁶, and 0 where <paramref name="alive"/> is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Scaled<TSimd, TF, TI, TU>(TF values, TI alive, float scale)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        // The dead are zeroed first (0 quantizes to 0 and squares to 0): one mask for both results.
        TF living = TSimd.AsSingle(TSimd.And(TSimd.AsInt32(values), alive));
        return TSimd.MinNative(TSimd.MaxNative(TSimd.Multiply(living, TSimd.Broadcast(scale * SumScale)), TSimd.Broadcast(0f)), TSimd.Broadcast(MaxValue * SumScale));
    }

    /// <summary>round(v) for each lane of a <see cref="Scaled"/> value, ties to even (see <see cref="RoundedValue"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TI RoundedValues<TSimd, TF, TI, TU>(TF v)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        // An add and an integer subtraction, no conversion.
        TSimd.Subtract(TSimd.AsInt32(TSimd.Add(v, TSimd.Broadcast(IntegerShift))), TSimd.Broadcast(IntegerShiftBits));

    /// <summary>round(fl(v²·2¹²)) for each lane of a <see cref="Scaled"/> value, ties to even (see <see cref="RoundedSquare"/>).</summary>
    /// <remarks>
    /// v is in units of 2⁻¹⁶, so (v·2⁻²⁰)·v is the square in units of 2⁻¹² (the scaling is exact). Squaring the float keeps
    /// the square's full precision where squaring a rounded value would not, and it needs no 64-bit products.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TI RoundedSquares<TSimd, TF, TI, TU>(TF v)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        TSimd.RoundToInt32(TSimd.Multiply(TSimd.Multiply(v, TSimd.Broadcast(SquareScale)), v));

    /// <summary>
    /// The scalar definition of one square's quantization: <c>round(fl(v²·2¹²))</c>, ties to even, for
    /// <paramref name="v"/>, a clamped value in units of 2⁻¹⁶.
    /// </summary>
    internal static int RoundedSquare(float v) => (int)MathF.Round(v * SquareScale * v);

    /// <summary>The scalar definition of one value's square quantization: <c>round(fl(clamp(v·scale, 0, 127.99)² · 2¹²))</c>.</summary>
    public static int QuantizeSquare(float value, float scale) => RoundedSquare(Clamped(value, scale));

    /// <summary>The scalar definition of one value's quantization: <c>round(clamp(v·scale, 0, 127.99) · 2¹⁶)</c>, ties to even.</summary>
    public static int Quantize(float value, float scale) => RoundedValue(Clamped(value, scale));

    /// <summary>
    /// <paramref name="v"/>, a clamped value in units of 2⁻¹⁶ (0 ≤ v &lt; 2²³), rounded to the nearest integer, ties to
    /// even: v + 2²³ lies in [2²³, 2²⁴), where floats are the integers, so the addition rounds it, and the integer is the
    /// sum's significand bits.
    /// </summary>
    private static int RoundedValue(float v) => BitConverter.SingleToInt32Bits(v + IntegerShift) - IntegerShiftBits;

    /// <summary><c>clamp(value·scale, 0, 127.99)</c> in units of 2⁻¹⁶, before rounding.</summary>
    private static float Clamped(float value, float scale) => MathF.Min(MathF.Max(value * (scale * SumScale), 0f), MaxValue * SumScale);

    /// <summary>
    /// Copies of each bin that <see cref="Histogram"/> counts into, lane <c>k</c> into copy <c>k % 2</c>: two lanes in a
    /// row that fall into the same bin then add to different memory, so the increments do not wait on each other (as
    /// they would for a point mass, such as the annual loss before its onset), and the two copies of a bin are one 64-bit
    /// lane, summed by a shift and an add.
    /// </summary>
    private const int BinCopies = 1 << BinCopyShift;

    private const int BinCopyShift = 1;

    /// <summary>Bits in one copy's count: the other copy's count sits above them in the pair's 64-bit lane.</summary>
    private const int CopyBits = 32;

    // Eight 8-byte bins: one 64-byte cache line.
    private const int PrefetchMarginBins = 8;

    /// <summary>The length of the counting buffer that <see cref="Histogram"/> needs for <paramref name="binCount"/> bins.</summary>
    public static int HistogramCountingLength(int binCount) => (WholeLongVectors(binCount) + 1) * BinCopies;

    /// <summary>
    /// Adds living people to fixed-width bins: bin <c>floor((v·scale − lo) / width)</c>, clamped to the first and last
    /// bin. <paramref name="counting"/> (<see cref="HistogramCountingLength"/> long) must be all zeros, and is left so.
    /// </summary>
    /// <remarks>
    /// The bins are computed a vector at a time and counted one person at a time (x86 has no scatter-add), into two
    /// interleaved copies of 32-bit bins in <paramref name="counting"/>, plus one spare pair that the dead count into, so
    /// each person costs an extract of its index from the register (<see cref="ISimd{TSelf, TF, TI, TU}.IncrementAt"/>) and
    /// one increment in memory, without a branch or a test of who is alive.
    /// Only the range of bins the people fell into is then added into <paramref name="bins"/> and cleared, a vector at a
    /// time: a block's people (one sex and ancestry at one age) fill a few dozen of the 256 bins. Integer counts: the
    /// result is exactly that of <see cref="HistogramPortable"/>.
    /// <para>
    /// <paramref name="nextBins"/> (empty if none) are the bins the caller counts into next, such as the same people's at
    /// their next age: their cache lines over the range of bins this call used are prefetched, because the tables of bins
    /// are megabytes and adding a range into bins out of cache waits on memory. A hint: it changes no count.
    /// </para>
    /// </remarks>
    public static void Histogram<TSimd, TF, TI, TU>(
        ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, Span<long> bins, float lo, float inverseWidth, Span<int> counting, ReadOnlySpan<long> nextBins)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        Debug.Assert(alive.Length >= values.Length);
        Debug.Assert(counting.Length >= HistogramCountingLength(bins.Length));
        int width = TSimd.Lanes;
        if (!TSimd.IsHardwareAccelerated || values.Length < width)
        {
            HistogramPortable(values, alive, scale, bins, lo, inverseWidth);
            return;
        }

        ref int copy = ref MemoryMarshal.GetReference(counting);
        int dead = WholeLongVectors(bins.Length) * BinCopies;
        TF s = TSimd.Broadcast(scale * inverseWidth);
        TF offset = TSimd.Broadcast(lo * inverseWidth);
        TF top = TSimd.Broadcast((float)(bins.Length - 1));
        TI laneCopy = TSimd.And(TSimd.Indices, TSimd.Broadcast(BinCopies - 1));
        TI deadSlot = TSimd.Add(TSimd.Broadcast(dead), laneCopy);
        TI lowest = TSimd.Broadcast(int.MaxValue);
        TI highest = TSimd.Broadcast(0);
        int i = 0;
        for (; i <= values.Length - width; i += width)
        {
            TF x = TSimd.Subtract(TSimd.Multiply(TSimd.Load(values, i), s), offset);
            TI bin = TSimd.ConvertToInt32Native(TSimd.MinNative(TSimd.MaxNative(x, TSimd.Broadcast(0f)), top));
            TI living = TSimd.Load(alive, i);
            TI slot = TSimd.ConditionalSelect(living, TSimd.Add(TSimd.ShiftLeft(bin, BinCopyShift), laneCopy), deadSlot);

            // The range of the living's bins only: the dead and the padding keep stale values, often far from the rest.
            lowest = TSimd.Min(lowest, TSimd.Or(bin, TSimd.AndNot(TSimd.Broadcast(int.MaxValue), living)));
            highest = TSimd.Max(highest, TSimd.And(bin, living));

            TSimd.IncrementAt(ref copy, slot);
        }

        (int first, int last) = (TSimd.MinAcross(lowest), TSimd.MaxAcross(highest));
        MoveBinCopies<TSimd, TF, TI, TU>(counting, bins, first, last);
        counting[dead] = counting[dead + 1] = 0;
        if (first <= last && last < nextBins.Length)
        {
            // A line more on either side: a year later the same people's values have moved, by a bin or two at the edges.
            int from = Math.Max(0, first - PrefetchMarginBins);
            CachePrefetch.ToSecondLevel(nextBins[from..Math.Min(nextBins.Length, last + 1 + PrefetchMarginBins)]);
        }

        HistogramPortable(values[i..], alive[i..], scale, bins, lo, inverseWidth);
    }

    /// <summary>Bins rounded up to whole vectors of 64-bit lanes at the widest width, so that every pair of copies is read a vector at a time.</summary>
    private static int WholeLongVectors(int binCount)
    {
        int longLanes = VectorWidth.MostLanes / 2;
        return (binCount + longLanes - 1) / longLanes * longLanes;
    }

    /// <summary>
    /// Adds each pair of <see cref="BinCopies"/> (one 64-bit lane: two counts below 2³¹) of bins <paramref name="first"/>
    /// .. <paramref name="last"/> to its bin and clears it.
    /// </summary>
    private static void MoveBinCopies<TSimd, TF, TI, TU>(Span<int> counting, Span<long> bins, int first, int last)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        Span<uint> pairs = MemoryMarshal.Cast<int, uint>(counting);
        Span<uint> sums = MemoryMarshal.Cast<long, uint>(bins);

        // A pair's 64-bit lane is two uint lanes: each copy's count, masked to its own lane, is a 64-bit value.
        int longLanes = TSimd.Lanes / 2;
        TU low = TSimd.InterleaveEven(TSimd.Broadcast(uint.MaxValue), TSimd.Broadcast(0u));
        int b = first / longLanes * longLanes;
        for (; b <= last && b <= bins.Length - longLanes; b += longLanes)
        {
            TU pair = TSimd.Load(pairs, 2 * b);
            TU both = TSimd.AddInt64(TSimd.And(pair, low), TSimd.And(TSimd.HighToLow(pair), low));
            TSimd.Store(TSimd.AddInt64(TSimd.Load(sums, 2 * b), both), sums, 2 * b);
            TSimd.Store(TSimd.Broadcast(0u), pairs, 2 * b);
        }

        for (; b <= last; b++)
        {
            bins[b] += (uint)counting[2 * b] + (long)(uint)counting[(2 * b) + 1];
            counting[2 * b] = counting[(2 * b) + 1] = 0;
        }
    }

    /// <summary>The lane-by-lane definition of <see cref="Histogram"/> (and its tail); tests compare the two.</summary>
    internal static void HistogramPortable(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, Span<long> bins, float lo, float inverseWidth)
    {
        int last = bins.Length - 1;
        for (int i = 0; i < values.Length; i++)
        {
            float x = values[i] * (scale * inverseWidth) - lo * inverseWidth;
            bins[(int)MathF.Min(MathF.Max(x, 0f), last)] += alive[i] & 1;
        }
    }
}
