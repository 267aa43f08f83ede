using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sarcopenia.Sim.Numerics;

/// <summary>
/// Vector loads and stores at an index of a span, without the slice and length checks of
/// <c>new Vector&lt;T&gt;(span[i..])</c> and <c>CopyTo(span[i..])</c>.
/// </summary>
/// <remarks>
/// The year kernel reads a dozen columns and writes five per vector; the checked forms cost about five instructions
/// each, which was a large share of the loop. Callers are internal kernels whose loop bounds guarantee
/// <c>index + Vector&lt;T&gt;.Count ≤ span.Length</c>; debug builds assert it.
/// </remarks>
internal static class VectorSpan
{
    /// <summary>Loads <see cref="Vector{T}.Count"/> elements starting at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load<T>(ReadOnlySpan<T> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Vector<T>.Count);
        return Vector.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }

    /// <summary>Loads <see cref="Vector{T}.Count"/> elements starting at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load<T>(Span<T> span, int index) => Load((ReadOnlySpan<T>)span, index);

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector<T> value, Span<T> span, int index)
    {
        Debug.Assert(index >= 0 && index <= span.Length - Vector<T>.Count);
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)index);
    }
}
