namespace Sarcopenia.Sim.Engine;

/// <summary>
/// Names one per-person column of a chunk. A module declares the columns it owns as static keys; other modules read
/// them through the same keys, so who writes and who reads a column can be found by its key's references.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="name">What the column holds, with its unit (for diagnostics and the docs).</param>
internal sealed class ColumnKey<T>(string name)
    where T : unmanaged
{
    /// <summary>What the column holds, with its unit.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// A chunk's people as columns (structure of arrays), in segment order, allocated once per worker at the chunk's
/// capacity when a module first asks for them and reused for every chunk the worker runs.
/// </summary>
/// <remarks>
/// Columns are plain arrays so that kernels take them as spans and the JIT sees no indirection in the hot loops; the
/// registry exists so that a new module adds its own columns without touching any other file, as Starsim's
/// <c>People</c> gathers the states each module defines.
/// </remarks>
internal sealed class PersonColumns(int capacity)
{
    private readonly Dictionary<object, Array> _columns = [];

    /// <summary>
    /// Four scratch columns shared by the layout, the modules and the accumulator: valid only within one call of one of
    /// them (random draws are filled into them and turned into traits, or a product is formed and summed), never
    /// carried from one call to the next.
    /// </summary>
    public static readonly ColumnKey<float>[] Scratch = [new("scratch 0"), new("scratch 1"), new("scratch 2"), new("scratch 3")];

    /// <summary>Elements per column: the largest chunk plus each segment's padding to whole vectors.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>The column for <paramref name="key"/>, allocated (zeroed) on first use.</summary>
    public T[] Get<T>(ColumnKey<T> key)
        where T : unmanaged
    {
        if (!_columns.TryGetValue(key, out Array? column))
        {
            column = new T[Capacity];
            _columns.Add(key, column);
        }

        return (T[])column;
    }
}
