using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Sarcopenia.Sim.Common;

/// <summary>
/// An immutable array that compares by its elements: two arrays are equal when they have the same length and equal
/// elements in the same order (by <see cref="EqualityComparer{T}.Default"/>), and equal arrays have equal hash codes.
/// </summary>
/// <remarks>
/// <para>Records compare an <see cref="ImmutableArray{T}"/> by reference, so a record holding one is unequal to a copy
/// read from a file or built in another process. Holding this type instead lets the compiler-generated record equality
/// cover every property, with no hand-written <c>Equals</c> to fall out of date when a property is added.</para>
/// <para><see langword="default"/> is the empty array: it has no elements, equals <c>[]</c> and hashes like it. A record
/// property, a deserialized field or a <see langword="new"/> array left uninitialized is therefore a valid empty list,
/// never a null reference waiting to be dereferenced.</para>
/// <para>It reads and writes as a JSON array of its elements, exactly as an <see cref="ImmutableArray{T}"/> does.</para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
[JsonConverter(typeof(EquatableArrayJsonConverter))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    // Default for the default value; every member reads it through AsSpan or AsImmutableArray, which treat it as empty.
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps <paramref name="items"/>; a default array becomes the empty array.</summary>
    public EquatableArray(ImmutableArray<T> items)
    {
        _items = items;
    }

    /// <summary>The number of elements.</summary>
    public int Length => _items.IsDefault ? 0 : _items.Length;

    /// <inheritdoc />
    int IReadOnlyCollection<T>.Count => Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is negative or at least <see cref="Length"/>.</exception>
    public T this[int index] => AsSpan()[index];

    /// <summary>Converts an immutable array; a default one becomes the empty array.</summary>
    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    /// <summary>Copies <paramref name="items"/>; <see langword="null"/> becomes the empty array.</summary>
    public static implicit operator EquatableArray<T>(T[]? items) => new(items is null ? default : ImmutableArray.Create(items));

    /// <summary>The elements as an immutable array (never a default one).</summary>
    public static implicit operator ImmutableArray<T>(EquatableArray<T> array) => array.AsImmutableArray();

    /// <summary>Whether both arrays hold equal elements in the same order.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Whether the arrays differ in length or in some element.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>The elements as a span (empty for the default value).</summary>
    public ReadOnlySpan<T> AsSpan() => _items.AsSpan();

    /// <summary>The elements as an immutable array (never a default one).</summary>
    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? [] : _items;

    /// <summary>Whether both arrays hold equal elements in the same order.</summary>
    public bool Equals(EquatableArray<T> other) => AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <summary>A hash of the elements, consistent with <see cref="Equals(EquatableArray{T})"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (T item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The elements, for messages and the debugger: <c>[a, b, c]</c>.</summary>
    public override string ToString() => $"[{string.Join(", ", AsImmutableArray())}]";

    /// <summary>Returns an enumerator over the elements that does not allocate.</summary>
    public Enumerator GetEnumerator() => new(AsImmutableArray());

    /// <inheritdoc />
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    /// <summary>Enumerates the elements of an <see cref="EquatableArray{T}"/>.</summary>
    public struct Enumerator
    {
        private readonly ImmutableArray<T> _items;
        private int _index;

        internal Enumerator(ImmutableArray<T> items)
        {
            _items = items;
            _index = -1;
        }

        /// <summary>The current element.</summary>
        public readonly T Current => _items[_index];

        /// <summary>Advances to the next element; returns whether there was one.</summary>
        public bool MoveNext() => ++_index < _items.Length;
    }
}

/// <summary>Creates <see cref="EquatableArray{T}"/> values; collection expressions such as <c>[1.0, 2.0]</c> call <see cref="Create{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Creates an array holding a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));
}
