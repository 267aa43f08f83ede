using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Sarcopenia.Sim.Numerics;

/// <summary>
/// Software prefetches: hints that bring memory into the cache ahead of a use the hardware prefetchers cannot foresee
/// (an irregular address known early). A hint changes no result; where .NET exposes no prefetch instruction (ARM64) it
/// does nothing.
/// </summary>
internal static class CachePrefetch
{
    // The cache line of every x86-64 processor .NET runs on.
    private const int LineBytes = 64;

    /// <summary>Brings the cache lines of <paramref name="data"/> into the second-level cache (and further out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void ToSecondLevel<T>(ReadOnlySpan<T> data)
        where T : unmanaged
    {
        if (!Sse.IsSupported || data.IsEmpty)
        {
            return;
        }

        // A prefetch does not fault and the span is pinned only while the hints are issued; nothing is read through it.
        fixed (T* start = data)
        {
            nuint first = (nuint)start & ~(nuint)(LineBytes - 1);
            nuint end = (nuint)start + ((nuint)data.Length * (nuint)sizeof(T));
            for (nuint line = first; line < end; line += LineBytes)
            {
                Sse.Prefetch1((void*)line);
            }
        }
    }
}
