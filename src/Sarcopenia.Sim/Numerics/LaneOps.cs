using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Sarcopenia.Sim.Numerics;

/// <summary>
/// The instruction sequences behind <see cref="ISimd{TSelf, TF, TI, TU}"/>'s operations that take more than one
/// instruction on some machine (16-entry table lookups on AVX2 and at 128 bits), and the portable definitions that the
/// width structs' one-instruction forms (AVX-512's <c>vreduceps</c>, <c>vscalefps</c> and so on) must equal bit for bit.
/// </summary>
internal static class LaneOps
{
    /// <summary>Entries of a <see cref="ISimd{TSelf, TF, TI, TU}.Lookup16"/> table.</summary>
    private const int TableLength = 16;

    /// <summary>Entries in each half of a 16-entry table.</summary>
    internal const int HalfTable = TableLength / 2;

    // vreduceps control: keep 0 fraction bits (M = 0 in bits 7..4), round to nearest even (bits 1..0 = 00, bit 2 = 0:
    // from the immediate, not MXCSR), and bit 3 set to suppress the precision exception.
    internal const byte ReduceToNearestEven = 0b0000_1000;

    // Shifts that move an index's bit 3 (which half of a 16-entry table) or bit 2 (which quarter) into the sign bit,
    // which blendvps reads, and the arithmetic shift that spreads a sign bit over its lane.
    private const int UpperHalfBitToSign = 28;
    private const int QuarterBitToSign = 29;
    private const int SignShift = 31;

    // A float's byte offset is its index times 4; EveryByte copies a byte into all four of a lane's bytes, and
    // ByteOffsets then numbers them 0, 1, 2, 3 (little-endian).
    private const int BytesPerFloatShift = 2;
    private const int EveryByte = 0x0101_0101;
    private const int ByteOffsets = 0x0302_0100;

    /// <summary>
    /// <see cref="ISimd{TSelf, TF, TI, TU}.Lookup16"/> on AVX2: each half of the table permuted by the index's
    /// low three bits, and the half chosen by its bit 3 moved into the sign bit, which <c>vblendvps</c> reads directly
    /// (where comparing bit 3 to a mask costs an and and a compare more).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Lookup16Avx2(ReadOnlySpan<float> table, Vector256<int> index)
    {
        Vector256<float> low = Avx2.PermuteVar8x32(Vector256.Create(table), index);
        Vector256<float> high = Avx2.PermuteVar8x32(Vector256.Create(table[HalfTable..]), index);
        return Avx.BlendVariable(low, high, (index << UpperHalfBitToSign).AsSingle());
    }

    /// <summary>
    /// <see cref="ISimd{TSelf, TF, TI, TU}.Lookup16"/> at 128 bits, without a lane-by-lane loop: ARM64's
    /// four-register byte table lookup (<c>tbl</c>), AVX's in-register permute of each quarter of the table blended by
    /// the index's bits 2 and 3, or the same with portable shuffles and selects.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Lookup16At128(ReadOnlySpan<float> table, Vector128<int> index)
    {
        if (AdvSimd.Arm64.IsSupported)
        {
            // Byte k of lane i reads byte 4·(i & 15) + k of the table's 64 bytes.
            Vector128<int> first = (index & Vector128.Create(TableLength - 1)) << BytesPerFloatShift;
            Vector128<byte> bytes = (first * Vector128.Create(EveryByte) + Vector128.Create(ByteOffsets)).AsByte();
            (Vector128<byte>, Vector128<byte>, Vector128<byte>, Vector128<byte>) quarters = (
                Vector128.Create(table).AsByte(), Vector128.Create(table[4..]).AsByte(), Vector128.Create(table[8..]).AsByte(), Vector128.Create(table[12..]).AsByte());
            return AdvSimd.Arm64.VectorTableLookup(quarters, bytes).AsSingle();
        }

        if (Avx.IsSupported)
        {
            // vpermilps reads each index's low two bits; bits 2 and 3, shifted into the sign bit, pick the quarter.
            Vector128<float> q0 = Avx.PermuteVar(Vector128.Create(table), index);
            Vector128<float> q1 = Avx.PermuteVar(Vector128.Create(table[4..]), index);
            Vector128<float> q2 = Avx.PermuteVar(Vector128.Create(table[8..]), index);
            Vector128<float> q3 = Avx.PermuteVar(Vector128.Create(table[12..]), index);
            Vector128<float> bit2 = (index << QuarterBitToSign).AsSingle();
            return Sse41.BlendVariable(Sse41.BlendVariable(q0, q1, bit2), Sse41.BlendVariable(q2, q3, bit2), (index << UpperHalfBitToSign).AsSingle());
        }

        return Lookup16BySelect(table, index);
    }

    /// <summary>The portable 128-bit form of <see cref="Lookup16At128"/>: four shuffles and three selects.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Lookup16BySelect(ReadOnlySpan<float> table, Vector128<int> index)
    {
        Vector128<int> within = index & Vector128.Create(3);
        Vector128<float> q0 = Vector128.Shuffle(Vector128.Create(table), within);
        Vector128<float> q1 = Vector128.Shuffle(Vector128.Create(table[4..]), within);
        Vector128<float> q2 = Vector128.Shuffle(Vector128.Create(table[8..]), within);
        Vector128<float> q3 = Vector128.Shuffle(Vector128.Create(table[12..]), within);
        Vector128<float> bit2 = Vector128.ShiftRightArithmetic(index << QuarterBitToSign, SignShift).AsSingle();
        Vector128<float> bit3 = Vector128.ShiftRightArithmetic(index << UpperHalfBitToSign, SignShift).AsSingle();
        return Vector128.ConditionalSelect(bit3, Vector128.ConditionalSelect(bit2, q3, q2), Vector128.ConditionalSelect(bit2, q1, q0));
    }

    /// <summary>
    /// The definition of <see cref="ISimd{TSelf, TF, TI, TU}.Lookup16"/>, lane by lane, for any width's float and int
    /// vectors <typeparamref name="TF"/> and <typeparamref name="TI"/>; tests compare every width's instructions with it.
    /// </summary>
    internal static TF Lookup16Portable<TF, TI>(ReadOnlySpan<float> table, TI index)
        where TF : unmanaged
        where TI : unmanaged
    {
        Debug.Assert(table.Length == TableLength, "The table must have 16 entries.");
        ReadOnlySpan<int> indices = MemoryMarshal.Cast<TI, int>(new ReadOnlySpan<TI>(in index));
        Span<float> result = stackalloc float[indices.Length];
        for (int lane = 0; lane < result.Length; lane++)
        {
            result[lane] = table[indices[lane] & (TableLength - 1)];
        }

        return MemoryMarshal.Read<TF>(MemoryMarshal.AsBytes(result));
    }

    /// <summary>The definition of <see cref="ISimd{TSelf, TF, TI, TU}.FractionFromNearest"/>: a rounding and an exact subtraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TF FractionFromNearestPortable<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        TSimd.Subtract(x, TSimd.Round(x));

    /// <summary>The definition of <see cref="ISimd{TSelf, TF, TI, TU}.RoundToInt32"/>: a rounding, then an exact conversion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TI RoundToInt32Portable<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        TSimd.ConvertToInt32Native(TSimd.Round(x));

    /// <summary>The definition of <see cref="ISimd{TSelf, TF, TI, TU}.ScaleByPowerOfTwo"/>: 2^n built from its exponent bits, then one multiplication.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TF ScaleByPowerOfTwoPortable<TSimd, TF, TI, TU>(TF y, TF n)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TI exponent = TSimd.ShiftLeft(TSimd.Add(TSimd.ConvertToInt32Native(n), TSimd.Broadcast(FloatMath.ExponentBias)), FloatMath.SignificandBits);
        return TSimd.Multiply(y, TSimd.AsSingle(exponent));
    }
}
