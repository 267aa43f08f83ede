using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>A check written once for every vector width (see <see cref="SimdWidths.ForEach"/>).</summary>
internal interface ISimdCheck
{
    /// <summary>Runs the check at the width of <typeparamref name="TSimd"/>.</summary>
    void Run<TSimd, TF, TI, TU>()
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
        where TF : unmanaged
        where TI : unmanaged
        where TU : unmanaged;
}

/// <summary>Runs kernel checks at every vector width the machine offers, and moves lanes in and out of vectors.</summary>
internal static class SimdWidths
{
    /// <summary>
    /// Runs <paramref name="check"/> at 128 bits (accelerated or emulated), and at 256 and 512 bits where the machine
    /// runs them as instructions: every width the engine could choose here.
    /// </summary>
    public static void ForEach<TCheck>(TCheck check)
        where TCheck : ISimdCheck
    {
        check.Run<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>();
        if (Vector256.IsHardwareAccelerated)
        {
            check.Run<Simd256, Vector256<float>, Vector256<int>, Vector256<uint>>();
        }

        if (Vector512.IsHardwareAccelerated)
        {
            check.Run<Simd512, Vector512<float>, Vector512<int>, Vector512<uint>>();
        }
    }

    /// <summary>A vector of type <typeparamref name="TVector"/> holding <paramref name="lanes"/> (exactly its lanes).</summary>
    public static TVector Vector<TVector, T>(ReadOnlySpan<T> lanes)
        where TVector : unmanaged
        where T : unmanaged =>
        MemoryMarshal.Read<TVector>(MemoryMarshal.AsBytes(lanes));

    /// <summary>The lanes of <paramref name="vector"/>.</summary>
    public static T[] Lanes<TVector, T>(TVector vector)
        where TVector : unmanaged
        where T : unmanaged =>
        MemoryMarshal.Cast<TVector, T>(new ReadOnlySpan<TVector>(in vector)).ToArray();
}
