using System.Runtime.Intrinsics;

namespace Sarcopenia.Sim.Numerics;

/// <summary>
/// The vector widths the kernels run at, chosen at run time as System.Numerics.Tensors chooses them: the widest of
/// 512, 256 and 128 bits whose operations this machine runs as instructions (<see cref="Vector512.IsHardwareAccelerated"/>
/// and so on), unless the caller caps it. No environment variable is involved, so library, notebook and tool users all
/// get the machine's best width; results do not depend on the width.
/// </summary>
internal static class VectorWidth
{
    /// <summary>Bits in a float lane.</summary>
    private const int LaneBits = 32;

    /// <summary>The widths offered, in bits, widest first.</summary>
    public static ReadOnlySpan<int> Offered => [512, 256, 128];

    /// <summary>The most float lanes of any offered width (512 bits): memory padded to a multiple of it suits every width.</summary>
    public const int MostLanes = 512 / LaneBits;

    /// <summary>
    /// The widest width the machine accelerates: 512 bits with AVX-512, 256 with AVX2 (or AVX), 128 with SSE or ARM64's
    /// AdvSimd, and 128 bits emulated by the runtime where nothing is accelerated (the kernels then take their scalar
    /// paths where they have one).
    /// </summary>
    public static int Widest =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>Every offered width up to <see cref="Widest"/>, widest first.</summary>
    public static int[] Available => [.. Offered.ToArray().Where(bits => bits <= Widest)];

    /// <summary>Whether <paramref name="bits"/> is one of the <see cref="Offered"/> widths.</summary>
    public static bool IsOffered(int bits) => bits is 128 or 256 or 512;

    /// <summary>The width a run uses: <see cref="Widest"/>, or <paramref name="cap"/> if that is narrower.</summary>
    /// <param name="cap">The widest width the caller allows (one of <see cref="Offered"/>), or <see langword="null"/> for no cap.</param>
    public static int Choose(int? cap) => Math.Min(Widest, cap ?? Widest);

    /// <summary>Float (or 32-bit integer) lanes in a vector of <paramref name="bits"/> bits.</summary>
    public static int Lanes(int bits) => bits / LaneBits;

    /// <summary>
    /// Calls <paramref name="kernel"/>'s generic <see cref="IWidthGeneric{TResult}.Invoke"/> with the width struct of
    /// <paramref name="bits"/>: the one branch from a run-time width to the JIT-specialised code of that width.
    /// </summary>
    /// <typeparam name="TKernel">The kernel (a struct, so that its generic method is specialised per width).</typeparam>
    /// <typeparam name="TResult">What it returns.</typeparam>
    /// <param name="bits">128, 256 or 512.</param>
    /// <param name="kernel">The kernel and its arguments.</param>
    public static TResult Dispatch<TKernel, TResult>(int bits, in TKernel kernel)
        where TKernel : struct, IWidthGeneric<TResult>, allows ref struct =>
        bits switch
        {
            512 => kernel.Invoke<Simd512, Vector512<float>, Vector512<int>, Vector512<uint>>(),
            256 => kernel.Invoke<Simd256, Vector256<float>, Vector256<int>, Vector256<uint>>(),
            128 => kernel.Invoke<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>(),
            _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "Vector widths are 128, 256 or 512 bits."),
        };
}

/// <summary>Something computed by code generic over the vector width (see <see cref="VectorWidth.Dispatch"/>).</summary>
/// <typeparam name="TResult">What it returns.</typeparam>
internal interface IWidthGeneric<out TResult>
{
    /// <summary>Computes the result at the width of <typeparamref name="TSimd"/>.</summary>
    /// <typeparam name="TSimd">The width struct (<see cref="Simd128"/>, <see cref="Simd256"/> or <see cref="Simd512"/>).</typeparam>
    /// <typeparam name="TF">The width's float vector.</typeparam>
    /// <typeparam name="TI">The width's int vector.</typeparam>
    /// <typeparam name="TU">The width's uint vector.</typeparam>
    TResult Invoke<TSimd, TF, TI, TU>()
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>;
}
