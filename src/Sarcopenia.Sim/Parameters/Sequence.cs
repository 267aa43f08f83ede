using System.Collections.Immutable;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Value equality for the immutable arrays inside parameter records. Records compare an <see cref="ImmutableArray{T}"/>
/// by reference; parameters built separately (in another process, from a file) must still compare equal.
/// </summary>
internal static class Sequence
{
    /// <summary>Whether both arrays are default, or hold equal elements in the same order.</summary>
    public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        a.IsDefault ? b.IsDefault : !b.IsDefault && a.AsSpan().SequenceEqual(b.AsSpan(), EqualityComparer<T>.Default);

    /// <summary>A hash of the elements, consistent with <see cref="Equal{T}"/>.</summary>
    public static int Hash<T>(ImmutableArray<T> a)
    {
        var hash = new HashCode();
        if (!a.IsDefault)
        {
            foreach (T item in a)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }
}
