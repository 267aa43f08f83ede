using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Sarcopenia.Sim.Numerics;

/// <summary>
/// The vector operations of one width (<see cref="Simd128"/>, <see cref="Simd256"/>, <see cref="Simd512"/>) for kernels
/// written once and generic over it, on the hardware vector types themselves: <typeparamref name="TF"/>,
/// <typeparamref name="TI"/> and <typeparamref name="TU"/> are that width's float, int and uint vectors.
/// </summary>
/// <remarks>
/// <para>
/// <c>Vector&lt;T&gt;</c>'s width is fixed when the runtime starts (256 bits on AVX-512 machines unless
/// <c>DOTNET_MaxVectorTBitWidth=512</c>), so a library cannot choose it; kernels generic over this interface run at
/// the width the caller picks at run time, as System.Numerics.Tensors does.
/// </para>
/// <para>
/// Every operation is a static member of one line, operators included: the hardware vector types implement the
/// operator interfaces only at run time (the reference assemblies do not declare them, so they cannot be used as
/// constraints), and a wrapper struct around the vectors costs the JIT its inlining in large kernels (every wrapper
/// operation's temporaries count against its limit of 512 locals; see docs/performance.md). The JIT specialises each
/// kernel per width struct, inlines these members and keeps one branch of each instruction-set test.
/// </para>
/// </remarks>
/// <typeparam name="TSelf">The width struct.</typeparam>
/// <typeparam name="TF">The width's vector of <see cref="float"/>.</typeparam>
/// <typeparam name="TI">The width's vector of <see cref="int"/>.</typeparam>
/// <typeparam name="TU">The width's vector of <see cref="uint"/>.</typeparam>
internal interface ISimd<TSelf, TF, TI, TU>
    where TSelf : struct, ISimd<TSelf, TF, TI, TU>
{
    /// <summary>Float (or 32-bit integer) lanes per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>Whether this width's operations are instructions on this machine (otherwise the runtime emulates them).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TF Broadcast(float value);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TI Broadcast(int value);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TU Broadcast(uint value);

    /// <summary>The lanes at <paramref name="index"/>, without the checks of span slicing (callers' loop bounds guarantee <c>index + Lanes ≤ Length</c>; debug builds assert it).</summary>
    static abstract TU Load(ReadOnlySpan<uint> span, int index);

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/>, unchecked as <see cref="Load(ReadOnlySpan{uint}, int)"/>.</summary>
    static abstract void Store(TU value, Span<uint> span, int index);

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/>, unchecked as <see cref="Load(ReadOnlySpan{uint}, int)"/>.</summary>
    static abstract void Store(TF value, Span<float> span, int index);

    /// <summary>The bits as floats.</summary>
    static abstract TF AsSingle(TU x);

    /// <summary>The bits as floats.</summary>
    static abstract TF AsSingle(TI x);

    /// <summary>The bits as unsigned integers.</summary>
    static abstract TU AsUInt32(TF x);

    /// <summary>The bits as signed integers.</summary>
    static abstract TI AsInt32(TF x);

    /// <summary>The bits as signed integers.</summary>
    static abstract TI AsInt32(TU x);

    /// <summary><c>a + b</c>.</summary>
    static abstract TF Add(TF a, TF b);

    /// <summary><c>a − b</c>.</summary>
    static abstract TF Subtract(TF a, TF b);

    /// <summary><c>a · b</c>.</summary>
    static abstract TF Multiply(TF a, TF b);

    /// <summary><c>a·b + c</c> rounded once, lane by lane (see <see cref="FloatMath.Fma(float, float, float)"/>).</summary>
    static abstract TF FusedMultiplyAdd(TF a, TF b, TF c);

    /// <summary>The correctly rounded square root.</summary>
    static abstract TF SquareRoot(TF x);

    /// <summary><c>a ^ b</c>.</summary>
    static abstract TU Xor(TU a, TU b);

    /// <summary><c>a &amp; b</c>.</summary>
    static abstract TU And(TU a, TU b);

    /// <summary><c>a | b</c>.</summary>
    static abstract TU Or(TU a, TU b);

    /// <summary><c>a &gt;&gt; count</c>, filling with zeros.</summary>
    static abstract TU ShiftRightLogical(TU a, int count);

    /// <summary><c>a &lt;&lt; count</c>.</summary>
    static abstract TU ShiftLeft(TU a, int count);

    /// <summary><c>a &amp; b</c>.</summary>
    static abstract TI And(TI a, TI b);

    /// <summary><c>a | b</c>.</summary>
    static abstract TI Or(TI a, TI b);

    /// <summary><c>a &gt;&gt;&gt; count</c>.</summary>
    static abstract TI ShiftRightLogical(TI a, int count);

    /// <summary>Lanes of <paramref name="ifZero"/> where <paramref name="test"/> is 0, of <paramref name="otherwise"/> elsewhere.</summary>
    static abstract TF SelectWhereZero(TI test, TF ifZero, TF otherwise);

    /// <summary>The full 64-bit products of the even 32-bit lanes of <paramref name="x"/> and <paramref name="multiplier"/>, as 32-bit lanes (low half first).</summary>
    static abstract TU MultiplyEvenLanes(TU x, TU multiplier);

    /// <summary>Moves the high 32 bits of each 64-bit lane into its low 32 bits (the high 32 bits are left unspecified).</summary>
    static abstract TU HighToLow(TU x);

    /// <summary>Even lanes from the even lanes of <paramref name="even"/>, odd lanes from the even lanes of <paramref name="odd"/>.</summary>
    static abstract TU InterleaveEven(TU even, TU odd);

    /// <summary>
    /// floor(log₂ x) as a float, for positive normal floats: AVX-512's <c>vgetexpps</c>, elsewhere a shift, a subtraction and
    /// a conversion. The two forms differ outside that domain (zero, subnormals, infinities), which callers must not pass.
    /// </summary>
    static abstract TF Exponent(TF x);

    /// <summary>
    /// <c>table[index &amp; 15]</c> for each lane, from a 16-entry table: one permute on AVX-512 (and AVX-512VL at 256 bits),
    /// two permutes and a blend on AVX2 (<see cref="LaneOps.Lookup16Avx2"/>), no lane-by-lane loop at 128 bits
    /// (<see cref="LaneOps.Lookup16At128"/>); <see cref="LaneOps.Lookup16Portable"/> is the definition. Only the low four
    /// bits of each index are read.
    /// </summary>
    static abstract TF Lookup16(ReadOnlySpan<float> table, TI index);

    /// <summary>The lanes at <paramref name="index"/>, unchecked as <see cref="Load(ReadOnlySpan{uint}, int)"/>.</summary>
    static abstract TF Load(ReadOnlySpan<float> span, int index);

    /// <summary>The lanes at <paramref name="index"/>, unchecked as <see cref="Load(ReadOnlySpan{uint}, int)"/>.</summary>
    static abstract TI Load(ReadOnlySpan<int> span, int index);

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/>, unchecked as <see cref="Load(ReadOnlySpan{uint}, int)"/>.</summary>
    static abstract void Store(TI value, Span<int> span, int index);

    /// <summary><c>a / b</c>, correctly rounded.</summary>
    static abstract TF Divide(TF a, TF b);

    /// <summary><c>−x</c> (the sign bit flipped, so −0 for 0).</summary>
    static abstract TF Negate(TF x);

    /// <summary>IEEE 754 minimum: NaN if either lane is NaN, −0 below +0.</summary>
    static abstract TF Min(TF a, TF b);

    /// <summary>IEEE 754 maximum: NaN if either lane is NaN, +0 above −0.</summary>
    static abstract TF Max(TF a, TF b);

    /// <summary>The platform's minimum (one instruction); equal to <see cref="Min(TF, TF)"/> for lanes that are neither NaN nor zeros of both signs.</summary>
    static abstract TF MinNative(TF a, TF b);

    /// <summary>The platform's maximum (one instruction); equal to <see cref="Max(TF, TF)"/> for lanes that are neither NaN nor zeros of both signs.</summary>
    static abstract TF MaxNative(TF a, TF b);

    /// <summary>Rounds to the nearest integer, ties to even.</summary>
    static abstract TF Round(TF x);

    /// <summary>−1 in lanes where <c>a &lt; b</c>, 0 elsewhere.</summary>
    static abstract TI LessThan(TF a, TF b);

    /// <summary>−1 in lanes where <c>a ≥ b</c>, 0 elsewhere.</summary>
    static abstract TI GreaterThanOrEqual(TF a, TF b);

    /// <summary>−1 in lanes where <c>a &lt; b</c>, 0 elsewhere.</summary>
    static abstract TI LessThan(TI a, TI b);

    /// <summary>−1 in lanes where <c>a = b</c>, 0 elsewhere.</summary>
    static abstract TI EqualTo(TI a, TI b);

    /// <summary>Bits of <paramref name="ifTrue"/> where <paramref name="mask"/> is set, of <paramref name="ifFalse"/> elsewhere.</summary>
    static abstract TF ConditionalSelect(TI mask, TF ifTrue, TF ifFalse);

    /// <summary>Bits of <paramref name="ifTrue"/> where <paramref name="mask"/> is set, of <paramref name="ifFalse"/> elsewhere.</summary>
    static abstract TI ConditionalSelect(TI mask, TI ifTrue, TI ifFalse);

    /// <summary><c>a + b</c>, wrapping.</summary>
    static abstract TI Add(TI a, TI b);

    /// <summary><c>a − b</c>, wrapping.</summary>
    static abstract TI Subtract(TI a, TI b);

    /// <summary><c>a &amp; ~b</c>.</summary>
    static abstract TI AndNot(TI a, TI b);

    /// <summary><c>a &lt;&lt; count</c>.</summary>
    static abstract TI ShiftLeft(TI a, int count);

    /// <summary><c>a + b</c>, wrapping.</summary>
    static abstract TU Add(TU a, TU b);

    /// <summary>Converts to integers, truncating; lanes outside the int range give the platform's value.</summary>
    static abstract TI ConvertToInt32Native(TF x);

    /// <summary>The sum of the lanes, wrapping.</summary>
    static abstract int Sum(TI x);

    /// <summary>The sum of the lanes, wrapping.</summary>
    static abstract uint Sum(TU x);

    /// <summary>The sum of the lanes in 64 bits (no lane sum can overflow).</summary>
    static abstract long SumWidened(TI x);

    /// <summary>
    /// <c>x − round(x)</c>, round to nearest with ties to even; the difference is exact (AVX-512's <c>vreduceps</c> in one
    /// instruction, where the portable form <see cref="LaneOps.FractionFromNearestPortable{TSimd, TF, TI, TU}(TF)"/> needs a rounding and a subtraction).
    /// </summary>
    static abstract TF FractionFromNearest(TF x);

    /// <summary>
    /// Rounds to the nearest integer, ties to even, for values within the int range: one conversion on x86 and ARM64
    /// (which round as the default rounding mode does); <see cref="LaneOps.RoundToInt32Portable{TSimd, TF, TI, TU}(TF)"/> is the definition.
    /// </summary>
    static abstract TI RoundToInt32(TF x);

    /// <summary>
    /// <c>y · 2^n</c> for integral <paramref name="n"/> with 2^n a normal float, exactly as the multiplication by 2^n
    /// would round it (AVX-512's <c>vscalefps</c>; <see cref="LaneOps.ScaleByPowerOfTwoPortable{TSimd, TF, TI, TU}(TF, TF)"/> is the definition).
    /// </summary>
    static abstract TF ScaleByPowerOfTwo(TF y, TF n);

    /// <summary>Whether <see cref="ShiftLeftVariable"/> and <see cref="NibbleOf"/> are instructions (x86 with AVX2 or AVX-512 at this width).</summary>
    static abstract bool CanShiftVariably { get; }

    /// <summary>Shifts each lane left by its own count; counts of 32 or more give 0. Only when <see cref="CanShiftVariably"/>.</summary>
    static abstract TU ShiftLeftVariable(TU value, TU count);

    /// <summary>
    /// <c>1 &lt;&lt; (4·c)</c> for each lane's <c>c</c> in 0..8 (0 for 8, whose shift by 32 x86 defines as 0). Only when
    /// <see cref="CanShiftVariably"/>.
    /// </summary>
    static abstract TU NibbleOf(TI c);

    /// <summary>Lane i holds i.</summary>
    static abstract TI Indices { get; }

    /// <summary>The lane-wise minimum.</summary>
    static abstract TI Min(TI a, TI b);

    /// <summary>The lane-wise maximum.</summary>
    static abstract TI Max(TI a, TI b);

    /// <summary>The least lane (for a result after a loop, not inside one).</summary>
    static abstract int MinAcross(TI x);

    /// <summary>The greatest lane (for a result after a loop, not inside one).</summary>
    static abstract int MaxAcross(TI x);

    /// <summary>The 64-bit lanes of <paramref name="a"/> and <paramref name="b"/> (pairs of 32-bit lanes, low half first) added, wrapping.</summary>
    static abstract TU AddInt64(TU a, TU b);

    /// <summary>
    /// Adds one to <c>Unsafe.Add(ref counts, index[k])</c> for every lane <c>k</c>: a scatter of increments, for
    /// histograms. The indices are taken out of the register two at a time (64-bit extracts), not stored and read back:
    /// scalar loads from a vector store just made wait for it (store-to-load forwarding).
    /// </summary>
    /// <remarks>The caller guarantees every index is within the counts; nothing is checked.</remarks>
    static abstract void IncrementAt(ref int counts, TI index);

    /// <summary>The low lanes of <paramref name="widest"/> (all of it at 512 bits): a broadcast stored once at the widest width serves every width.</summary>
    static abstract TF FromWidest(ref readonly Vector512<float> widest);
}

/// <summary>128-bit vectors: SSE and AVX without AVX2, ARM64's AdvSimd, and the runtime's emulation where nothing is accelerated.</summary>
internal readonly struct Simd128 : ISimd<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>
{
#pragma warning disable CS1591 // Documented on ISimd.
    public static int Lanes => Vector128<float>.Count;

    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    public static Vector128<int> Broadcast(int value) => Vector128.Create(value);

    public static Vector128<uint> Broadcast(uint value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Load(ReadOnlySpan<uint> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<uint> value, Span<uint> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, Span<float> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    public static Vector128<float> AsSingle(Vector128<uint> x) => x.AsSingle();

    public static Vector128<float> AsSingle(Vector128<int> x) => x.AsSingle();

    public static Vector128<uint> AsUInt32(Vector128<float> x) => x.AsUInt32();

    public static Vector128<int> AsInt32(Vector128<float> x) => x.AsInt32();

    public static Vector128<int> AsInt32(Vector128<uint> x) => x.AsInt32();

    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;

    public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;

    // x86 without FMA (before 2013, or with AVX2 switched off) would call the C library's fmaf for every lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        !Fma.IsSupported && Sse41.IsSupported ? FloatMath.FmaByRoundToOdd(a, b, c) : Vector128.FusedMultiplyAdd(a, b, c);

    public static Vector128<float> SquareRoot(Vector128<float> x) => Vector128.Sqrt(x);

    public static Vector128<uint> Xor(Vector128<uint> a, Vector128<uint> b) => a ^ b;

    public static Vector128<uint> And(Vector128<uint> a, Vector128<uint> b) => a & b;

    public static Vector128<uint> Or(Vector128<uint> a, Vector128<uint> b) => a | b;

    public static Vector128<uint> ShiftRightLogical(Vector128<uint> a, int count) => a >>> count;

    public static Vector128<uint> ShiftLeft(Vector128<uint> a, int count) => a << count;

    public static Vector128<int> And(Vector128<int> a, Vector128<int> b) => a & b;

    public static Vector128<int> Or(Vector128<int> a, Vector128<int> b) => a | b;

    public static Vector128<int> ShiftRightLogical(Vector128<int> a, int count) => a >>> count;

    public static Vector128<float> SelectWhereZero(Vector128<int> test, Vector128<float> ifZero, Vector128<float> otherwise) =>
        Vector128.ConditionalSelect(Vector128.Equals(test, Vector128<int>.Zero).AsSingle(), ifZero, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> MultiplyEvenLanes(Vector128<uint> x, Vector128<uint> multiplier)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.Multiply(x, multiplier).AsUInt32();
        }

        if (AdvSimd.IsSupported)
        {
            // ARM64 has no 64-bit lane multiply: the even lanes narrowed into one half (xtn), then one widening
            // 32x32->64 multiply (umull).
            Vector64<uint> evenX = AdvSimd.ExtractNarrowingLower(x.AsUInt64());
            Vector64<uint> evenMultiplier = AdvSimd.ExtractNarrowingLower(multiplier.AsUInt64());
            return AdvSimd.MultiplyWideningLower(evenX, evenMultiplier).AsUInt32();
        }

        Vector128<ulong> lowHalf = Vector128.Create(0x0000_0000_FFFF_FFFFUL);
        return ((x.AsUInt64() & lowHalf) * (multiplier.AsUInt64() & lowHalf)).AsUInt32();
    }

    public static Vector128<uint> HighToLow(Vector128<uint> x) => (x.AsUInt64() >>> 32).AsUInt32();

    public static Vector128<uint> InterleaveEven(Vector128<uint> even, Vector128<uint> odd) =>
        Vector128.ConditionalSelect(Vector128.Create(0xFFFF_FFFF_0000_0000UL).AsUInt32(), (odd.AsUInt64() << 32).AsUInt32(), even);

    public static Vector128<float> Exponent(Vector128<float> x) =>
        Vector128.ConvertToSingle((x.AsInt32() >>> FloatMath.SignificandBits) - Vector128.Create(FloatMath.ExponentBias));

    public static Vector128<float> Lookup16(ReadOnlySpan<float> table, Vector128<int> index) =>
        Vector128.IsHardwareAccelerated ? LaneOps.Lookup16At128(table, index) : LaneOps.Lookup16Portable<Vector128<float>, Vector128<int>>(table, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ReadOnlySpan<float> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Load(ReadOnlySpan<int> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<int> value, Span<int> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;

    public static Vector128<float> Negate(Vector128<float> x) => -x;

    public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);

    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);

    public static Vector128<float> MinNative(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);

    public static Vector128<float> MaxNative(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);

    public static Vector128<float> Round(Vector128<float> x) => Vector128.Round(x);

    public static Vector128<int> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b).AsInt32();

    public static Vector128<int> GreaterThanOrEqual(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThanOrEqual(a, b).AsInt32();

    public static Vector128<int> LessThan(Vector128<int> a, Vector128<int> b) => Vector128.LessThan(a, b);

    public static Vector128<int> EqualTo(Vector128<int> a, Vector128<int> b) => Vector128.Equals(a, b);

    public static Vector128<float> ConditionalSelect(Vector128<int> mask, Vector128<float> ifTrue, Vector128<float> ifFalse) =>
        Vector128.ConditionalSelect(mask.AsSingle(), ifTrue, ifFalse);

    public static Vector128<int> ConditionalSelect(Vector128<int> mask, Vector128<int> ifTrue, Vector128<int> ifFalse) =>
        Vector128.ConditionalSelect(mask, ifTrue, ifFalse);

    public static Vector128<int> Add(Vector128<int> a, Vector128<int> b) => a + b;

    public static Vector128<int> Subtract(Vector128<int> a, Vector128<int> b) => a - b;

    public static Vector128<int> AndNot(Vector128<int> a, Vector128<int> b) => Vector128.AndNot(a, b);

    public static Vector128<int> ShiftLeft(Vector128<int> a, int count) => a << count;

    public static Vector128<uint> Add(Vector128<uint> a, Vector128<uint> b) => a + b;

    public static Vector128<int> ConvertToInt32Native(Vector128<float> x) => Vector128.ConvertToInt32Native(x);

    public static int Sum(Vector128<int> x) => Vector128.Sum(x);

    public static uint Sum(Vector128<uint> x) => Vector128.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumWidened(Vector128<int> x)
    {
        (Vector128<long> low, Vector128<long> high) = Vector128.Widen(x);
        return Vector128.Sum(low + high);
    }

    public static Vector128<float> FractionFromNearest(Vector128<float> x) =>
        Avx512DQ.VL.IsSupported ? Avx512DQ.VL.Reduce(x, LaneOps.ReduceToNearestEven) : LaneOps.FractionFromNearestPortable<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> RoundToInt32(Vector128<float> x)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.ConvertToVector128Int32(x);
        }

        // fcvtns: to nearest, ties to even, in one instruction.
        return AdvSimd.IsSupported ? AdvSimd.ConvertToInt32RoundToEven(x) : LaneOps.RoundToInt32Portable<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>(x);
    }

    public static Vector128<float> ScaleByPowerOfTwo(Vector128<float> y, Vector128<float> n) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Scale(y, n) : LaneOps.ScaleByPowerOfTwoPortable<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>(y, n);

    public static bool CanShiftVariably => Avx2.IsSupported;

    public static Vector128<uint> ShiftLeftVariable(Vector128<uint> value, Vector128<uint> count) => Avx2.ShiftLeftLogicalVariable(value, count);

    public static Vector128<uint> NibbleOf(Vector128<int> c) => ShiftLeftVariable(Vector128<uint>.One, c.AsUInt32() << 2);

    public static Vector128<int> Indices => Vector128<int>.Indices;

    public static Vector128<int> Min(Vector128<int> a, Vector128<int> b) => Vector128.Min(a, b);

    public static Vector128<int> Max(Vector128<int> a, Vector128<int> b) => Vector128.Max(a, b);

    // Halves folded by a min (max) at a time would need shuffles; four constant-index extracts are cheaper here.
    public static int MinAcross(Vector128<int> x) => Math.Min(Math.Min(x.GetElement(0), x.GetElement(1)), Math.Min(x.GetElement(2), x.GetElement(3)));

    public static int MaxAcross(Vector128<int> x) => Math.Max(Math.Max(x.GetElement(0), x.GetElement(1)), Math.Max(x.GetElement(2), x.GetElement(3)));

    public static Vector128<uint> AddInt64(Vector128<uint> a, Vector128<uint> b) => (a.AsUInt64() + b.AsUInt64()).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void IncrementAt(ref int counts, Vector128<int> index)
    {
        Vector128<long> pairs = index.AsInt64();
        IncrementPair(ref counts, pairs.ToScalar());
        IncrementPair(ref counts, pairs.GetElement(1));
    }

    /// <summary>Adds one at the index in each 32-bit half of <paramref name="pair"/> (low half first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void IncrementPair(ref int counts, long pair)
    {
        Unsafe.Add(ref counts, (int)pair)++;
        Unsafe.Add(ref counts, (int)(pair >> 32))++;
    }

    public static Vector128<float> FromWidest(ref readonly Vector512<float> widest) => Unsafe.As<Vector512<float>, Vector128<float>>(ref Unsafe.AsRef(in widest));
#pragma warning restore CS1591
}

/// <summary>256-bit vectors: AVX2 (and AVX-512VL's instructions at this width where present).</summary>
internal readonly struct Simd256 : ISimd<Simd256, Vector256<float>, Vector256<int>, Vector256<uint>>
{
#pragma warning disable CS1591 // Documented on ISimd.
    public static int Lanes => Vector256<float>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    public static Vector256<int> Broadcast(int value) => Vector256.Create(value);

    public static Vector256<uint> Broadcast(uint value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Load(ReadOnlySpan<uint> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<uint> value, Span<uint> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, Span<float> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    public static Vector256<float> AsSingle(Vector256<uint> x) => x.AsSingle();

    public static Vector256<float> AsSingle(Vector256<int> x) => x.AsSingle();

    public static Vector256<uint> AsUInt32(Vector256<float> x) => x.AsUInt32();

    public static Vector256<int> AsInt32(Vector256<float> x) => x.AsInt32();

    public static Vector256<int> AsInt32(Vector256<uint> x) => x.AsInt32();

    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    public static Vector256<float> SquareRoot(Vector256<float> x) => Vector256.Sqrt(x);

    public static Vector256<uint> Xor(Vector256<uint> a, Vector256<uint> b) => a ^ b;

    public static Vector256<uint> And(Vector256<uint> a, Vector256<uint> b) => a & b;

    public static Vector256<uint> Or(Vector256<uint> a, Vector256<uint> b) => a | b;

    public static Vector256<uint> ShiftRightLogical(Vector256<uint> a, int count) => a >>> count;

    public static Vector256<uint> ShiftLeft(Vector256<uint> a, int count) => a << count;

    public static Vector256<int> And(Vector256<int> a, Vector256<int> b) => a & b;

    public static Vector256<int> Or(Vector256<int> a, Vector256<int> b) => a | b;

    public static Vector256<int> ShiftRightLogical(Vector256<int> a, int count) => a >>> count;

    public static Vector256<float> SelectWhereZero(Vector256<int> test, Vector256<float> ifZero, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.Equals(test, Vector256<int>.Zero).AsSingle(), ifZero, otherwise);

    // pmuludq: the general 64-bit lane multiply of the portable form is several times slower.
    public static Vector256<uint> MultiplyEvenLanes(Vector256<uint> x, Vector256<uint> multiplier) =>
        Avx2.IsSupported
            ? Avx2.Multiply(x, multiplier).AsUInt32()
            : ((x.AsUInt64() & Vector256.Create(0x0000_0000_FFFF_FFFFUL)) * (multiplier.AsUInt64() & Vector256.Create(0x0000_0000_FFFF_FFFFUL))).AsUInt32();

    // At 256 bits shifts have two ports and shuffles one, so the shift is the cheaper choice.
    public static Vector256<uint> HighToLow(Vector256<uint> x) => (x.AsUInt64() >>> 32).AsUInt32();

    public static Vector256<uint> InterleaveEven(Vector256<uint> even, Vector256<uint> odd) =>
        Vector256.ConditionalSelect(Vector256.Create(0xFFFF_FFFF_0000_0000UL).AsUInt32(), (odd.AsUInt64() << 32).AsUInt32(), even);

    public static Vector256<float> Exponent(Vector256<float> x) =>
        Avx512F.VL.IsSupported
            ? Avx512F.VL.GetExponent(x)
            : Vector256.ConvertToSingle((x.AsInt32() >>> FloatMath.SignificandBits) - Vector256.Create(FloatMath.ExponentBias));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Lookup16(ReadOnlySpan<float> table, Vector256<int> index)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.PermuteVar8x32x2(Vector256.Create(table), index, Vector256.Create(table[LaneOps.HalfTable..]));
        }

        return Avx2.IsSupported ? LaneOps.Lookup16Avx2(table, index) : LaneOps.Lookup16Portable<Vector256<float>, Vector256<int>>(table, index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ReadOnlySpan<float> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load(ReadOnlySpan<int> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<int> value, Span<int> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;

    public static Vector256<float> Negate(Vector256<float> x) => -x;

    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);

    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);

    public static Vector256<float> MinNative(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);

    public static Vector256<float> MaxNative(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);

    public static Vector256<float> Round(Vector256<float> x) => Vector256.Round(x);

    public static Vector256<int> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b).AsInt32();

    public static Vector256<int> GreaterThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b).AsInt32();

    public static Vector256<int> LessThan(Vector256<int> a, Vector256<int> b) => Vector256.LessThan(a, b);

    public static Vector256<int> EqualTo(Vector256<int> a, Vector256<int> b) => Vector256.Equals(a, b);

    public static Vector256<float> ConditionalSelect(Vector256<int> mask, Vector256<float> ifTrue, Vector256<float> ifFalse) =>
        Vector256.ConditionalSelect(mask.AsSingle(), ifTrue, ifFalse);

    public static Vector256<int> ConditionalSelect(Vector256<int> mask, Vector256<int> ifTrue, Vector256<int> ifFalse) =>
        Vector256.ConditionalSelect(mask, ifTrue, ifFalse);

    public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;

    public static Vector256<int> Subtract(Vector256<int> a, Vector256<int> b) => a - b;

    public static Vector256<int> AndNot(Vector256<int> a, Vector256<int> b) => Vector256.AndNot(a, b);

    public static Vector256<int> ShiftLeft(Vector256<int> a, int count) => a << count;

    public static Vector256<uint> Add(Vector256<uint> a, Vector256<uint> b) => a + b;

    public static Vector256<int> ConvertToInt32Native(Vector256<float> x) => Vector256.ConvertToInt32Native(x);

    public static int Sum(Vector256<int> x) => Vector256.Sum(x);

    public static uint Sum(Vector256<uint> x) => Vector256.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumWidened(Vector256<int> x)
    {
        (Vector256<long> low, Vector256<long> high) = Vector256.Widen(x);
        return Vector256.Sum(low + high);
    }

    public static Vector256<float> FractionFromNearest(Vector256<float> x) =>
        Avx512DQ.VL.IsSupported ? Avx512DQ.VL.Reduce(x, LaneOps.ReduceToNearestEven) : LaneOps.FractionFromNearestPortable<Simd256, Vector256<float>, Vector256<int>, Vector256<uint>>(x);

    public static Vector256<int> RoundToInt32(Vector256<float> x) =>
        Avx.IsSupported ? Avx.ConvertToVector256Int32(x) : LaneOps.RoundToInt32Portable<Simd256, Vector256<float>, Vector256<int>, Vector256<uint>>(x);

    public static Vector256<float> ScaleByPowerOfTwo(Vector256<float> y, Vector256<float> n) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.Scale(y, n) : LaneOps.ScaleByPowerOfTwoPortable<Simd256, Vector256<float>, Vector256<int>, Vector256<uint>>(y, n);

    public static bool CanShiftVariably => Avx2.IsSupported;

    public static Vector256<uint> ShiftLeftVariable(Vector256<uint> value, Vector256<uint> count) => Avx2.ShiftLeftLogicalVariable(value, count);

    public static Vector256<uint> NibbleOf(Vector256<int> c) => ShiftLeftVariable(Vector256<uint>.One, c.AsUInt32() << 2);

    public static Vector256<int> Indices => Vector256<int>.Indices;

    public static Vector256<int> Min(Vector256<int> a, Vector256<int> b) => Vector256.Min(a, b);

    public static Vector256<int> Max(Vector256<int> a, Vector256<int> b) => Vector256.Max(a, b);

    // The halves folded together, then the 128-bit form.
    public static int MinAcross(Vector256<int> x) => Simd128.MinAcross(Vector128.Min(x.GetLower(), x.GetUpper()));

    public static int MaxAcross(Vector256<int> x) => Simd128.MaxAcross(Vector128.Max(x.GetLower(), x.GetUpper()));

    public static Vector256<uint> AddInt64(Vector256<uint> a, Vector256<uint> b) => (a.AsUInt64() + b.AsUInt64()).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void IncrementAt(ref int counts, Vector256<int> index)
    {
        Simd128.IncrementAt(ref counts, index.GetLower());
        Simd128.IncrementAt(ref counts, index.GetUpper());
    }

    public static Vector256<float> FromWidest(ref readonly Vector512<float> widest) => Unsafe.As<Vector512<float>, Vector256<float>>(ref Unsafe.AsRef(in widest));
#pragma warning restore CS1591
}

/// <summary>512-bit vectors: AVX-512.</summary>
internal readonly struct Simd512 : ISimd<Simd512, Vector512<float>, Vector512<int>, Vector512<uint>>
{
    // vpshufd control (1, 1, 3, 3): each 64-bit lane's high dword copied into both of its dwords.
    private const byte OddDwordsDown = 0b11_11_01_01;

#pragma warning disable CS1591 // Documented on ISimd.
    public static int Lanes => Vector512<float>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    public static Vector512<int> Broadcast(int value) => Vector512.Create(value);

    public static Vector512<uint> Broadcast(uint value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Load(ReadOnlySpan<uint> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<uint> value, Span<uint> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, Span<float> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    public static Vector512<float> AsSingle(Vector512<uint> x) => x.AsSingle();

    public static Vector512<float> AsSingle(Vector512<int> x) => x.AsSingle();

    public static Vector512<uint> AsUInt32(Vector512<float> x) => x.AsUInt32();

    public static Vector512<int> AsInt32(Vector512<float> x) => x.AsInt32();

    public static Vector512<int> AsInt32(Vector512<uint> x) => x.AsInt32();

    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    public static Vector512<float> SquareRoot(Vector512<float> x) => Vector512.Sqrt(x);

    public static Vector512<uint> Xor(Vector512<uint> a, Vector512<uint> b) => a ^ b;

    public static Vector512<uint> And(Vector512<uint> a, Vector512<uint> b) => a & b;

    public static Vector512<uint> Or(Vector512<uint> a, Vector512<uint> b) => a | b;

    public static Vector512<uint> ShiftRightLogical(Vector512<uint> a, int count) => a >>> count;

    public static Vector512<uint> ShiftLeft(Vector512<uint> a, int count) => a << count;

    public static Vector512<int> And(Vector512<int> a, Vector512<int> b) => a & b;

    public static Vector512<int> Or(Vector512<int> a, Vector512<int> b) => a | b;

    public static Vector512<int> ShiftRightLogical(Vector512<int> a, int count) => a >>> count;

    public static Vector512<float> SelectWhereZero(Vector512<int> test, Vector512<float> ifZero, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.Equals(test, Vector512<int>.Zero).AsSingle(), ifZero, otherwise);

    public static Vector512<uint> MultiplyEvenLanes(Vector512<uint> x, Vector512<uint> multiplier) =>
        Avx512F.IsSupported
            ? Avx512F.Multiply(x, multiplier).AsUInt32()
            : ((x.AsUInt64() & Vector512.Create(0x0000_0000_FFFF_FFFFUL)) * (multiplier.AsUInt64() & Vector512.Create(0x0000_0000_FFFF_FFFFUL))).AsUInt32();

    // A dword shuffle runs on a different port from the multiplies, where a 64-bit shift would compete with them.
    public static Vector512<uint> HighToLow(Vector512<uint> x) =>
        Avx512F.IsSupported ? Avx512F.Shuffle(x, OddDwordsDown) : (x.AsUInt64() >>> 32).AsUInt32();

    public static Vector512<uint> InterleaveEven(Vector512<uint> even, Vector512<uint> odd) =>
        Vector512.ConditionalSelect(Vector512.Create(0xFFFF_FFFF_0000_0000UL).AsUInt32(), (odd.AsUInt64() << 32).AsUInt32(), even);

    public static Vector512<float> Exponent(Vector512<float> x) =>
        Avx512F.IsSupported
            ? Avx512F.GetExponent(x)
            : Vector512.ConvertToSingle((x.AsInt32() >>> FloatMath.SignificandBits) - Vector512.Create(FloatMath.ExponentBias));

    public static Vector512<float> Lookup16(ReadOnlySpan<float> table, Vector512<int> index) =>
        Avx512F.IsSupported ? Avx512F.PermuteVar16x32(Vector512.Create(table), index) : LaneOps.Lookup16Portable<Vector512<float>, Vector512<int>>(table, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ReadOnlySpan<float> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Load(ReadOnlySpan<int> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        return Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<int> value, Span<int> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Lanes);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    public static Vector512<float> Negate(Vector512<float> x) => -x;

    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);

    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);

    public static Vector512<float> MinNative(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);

    public static Vector512<float> MaxNative(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);

    public static Vector512<float> Round(Vector512<float> x) => Vector512.Round(x);

    public static Vector512<int> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b).AsInt32();

    public static Vector512<int> GreaterThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThanOrEqual(a, b).AsInt32();

    public static Vector512<int> LessThan(Vector512<int> a, Vector512<int> b) => Vector512.LessThan(a, b);

    public static Vector512<int> EqualTo(Vector512<int> a, Vector512<int> b) => Vector512.Equals(a, b);

    public static Vector512<float> ConditionalSelect(Vector512<int> mask, Vector512<float> ifTrue, Vector512<float> ifFalse) =>
        Vector512.ConditionalSelect(mask.AsSingle(), ifTrue, ifFalse);

    public static Vector512<int> ConditionalSelect(Vector512<int> mask, Vector512<int> ifTrue, Vector512<int> ifFalse) =>
        Vector512.ConditionalSelect(mask, ifTrue, ifFalse);

    public static Vector512<int> Add(Vector512<int> a, Vector512<int> b) => a + b;

    public static Vector512<int> Subtract(Vector512<int> a, Vector512<int> b) => a - b;

    public static Vector512<int> AndNot(Vector512<int> a, Vector512<int> b) => Vector512.AndNot(a, b);

    public static Vector512<int> ShiftLeft(Vector512<int> a, int count) => a << count;

    public static Vector512<uint> Add(Vector512<uint> a, Vector512<uint> b) => a + b;

    public static Vector512<int> ConvertToInt32Native(Vector512<float> x) => Vector512.ConvertToInt32Native(x);

    public static int Sum(Vector512<int> x) => Vector512.Sum(x);

    public static uint Sum(Vector512<uint> x) => Vector512.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SumWidened(Vector512<int> x)
    {
        (Vector512<long> low, Vector512<long> high) = Vector512.Widen(x);
        return Vector512.Sum(low + high);
    }

    public static Vector512<float> FractionFromNearest(Vector512<float> x) =>
        Avx512DQ.IsSupported ? Avx512DQ.Reduce(x, LaneOps.ReduceToNearestEven) : LaneOps.FractionFromNearestPortable<Simd512, Vector512<float>, Vector512<int>, Vector512<uint>>(x);

    public static Vector512<int> RoundToInt32(Vector512<float> x) =>
        Avx512F.IsSupported ? Avx512F.ConvertToVector512Int32(x) : LaneOps.RoundToInt32Portable<Simd512, Vector512<float>, Vector512<int>, Vector512<uint>>(x);

    public static Vector512<float> ScaleByPowerOfTwo(Vector512<float> y, Vector512<float> n) =>
        Avx512F.IsSupported ? Avx512F.Scale(y, n) : LaneOps.ScaleByPowerOfTwoPortable<Simd512, Vector512<float>, Vector512<int>, Vector512<uint>>(y, n);

    public static bool CanShiftVariably => Avx512F.IsSupported;

    public static Vector512<uint> ShiftLeftVariable(Vector512<uint> value, Vector512<uint> count) => Avx512F.ShiftLeftLogicalVariable(value, count);

    // One table lookup (a dword permute, on the shuffle port) replaces two shifts on the port that the conversions and
    // multiplies also need; lanes hold 0..8, inside the 16-entry table.
    public static Vector512<uint> NibbleOf(Vector512<int> c) =>
        Avx512F.PermuteVar16x32(Vector512.Create(1u, 1u << 4, 1u << 8, 1u << 12, 1u << 16, 1u << 20, 1u << 24, 1u << 28, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u), c.AsUInt32());

    public static Vector512<int> Indices => Vector512<int>.Indices;

    public static Vector512<int> Min(Vector512<int> a, Vector512<int> b) => Vector512.Min(a, b);

    public static Vector512<int> Max(Vector512<int> a, Vector512<int> b) => Vector512.Max(a, b);

    // The halves folded together, then the 256-bit form.
    public static int MinAcross(Vector512<int> x) => Simd256.MinAcross(Vector256.Min(x.GetLower(), x.GetUpper()));

    public static int MaxAcross(Vector512<int> x) => Simd256.MaxAcross(Vector256.Max(x.GetLower(), x.GetUpper()));

    public static Vector512<uint> AddInt64(Vector512<uint> a, Vector512<uint> b) => (a.AsUInt64() + b.AsUInt64()).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void IncrementAt(ref int counts, Vector512<int> index)
    {
        Simd256.IncrementAt(ref counts, index.GetLower());
        Simd256.IncrementAt(ref counts, index.GetUpper());
    }

    public static Vector512<float> FromWidest(ref readonly Vector512<float> widest) => widest;
#pragma warning restore CS1591
}
