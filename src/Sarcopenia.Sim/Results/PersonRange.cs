using System.Globalization;
using Sarcopenia.Sim.Population;

namespace Sarcopenia.Sim.Results;

/// <summary>A contiguous range of person ids: <see cref="First"/> .. <see cref="First"/> + <see cref="Count"/> − 1.</summary>
/// <param name="First">The first person id.</param>
/// <param name="Count">The number of people (0 for an empty range).</param>
public readonly record struct PersonRange(long First, long Count)
{
    /// <summary>The id after the last person.</summary>
    public long End => First + Count;

    /// <summary>
    /// The people of shard <paramref name="index"/> of <paramref name="shards"/>: ids ⌊index·people/shards⌋ up to
    /// ⌊(index + 1)·people/shards⌋. Only the cohort's size decides the split, never the chunk size or thread count, so
    /// shards run with any settings tile the cohort exactly once.
    /// </summary>
    /// <param name="people">The cohort's size.</param>
    /// <param name="index">The shard, 0-based.</param>
    /// <param name="shards">The number of shards.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or <paramref name="index"/> is not in [0, <paramref name="shards"/>).</exception>
    public static PersonRange OfShard(long people, int index, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shards);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, shards);

        // 128-bit products: people · shards may exceed 2⁶³ for cohorts and shard counts the types allow.
        long first = (long)((Int128)people * index / shards);
        long end = (long)((Int128)people * (index + 1) / shards);
        return new PersonRange(first, end - first);
    }

    /// <summary>
    /// The people of shard <paramref name="index"/> of <paramref name="shards"/> of <paramref name="cohort"/>: as
    /// <see cref="OfShard(long, int, int)"/>, with each boundary moved down to the first id of the family it falls in, so
    /// that no family is split between shards (without families, the same ranges).
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="index">The shard, 0-based.</param>
    /// <param name="shards">The number of shards.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <paramref name="shards"/>).</exception>
    public static PersonRange OfShard(CohortSpec cohort, int index, int shards)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        PersonRange plain = OfShard(cohort.People, index, shards);
        var families = FamilyLayout.Of(cohort.Families);
        long first = families.StartOf(plain.First);
        long end = families.StartOf(plain.End);
        return new PersonRange(first, end - first);
    }

    /// <summary>The range as people read it, e.g. <c>people 2,500–4,999</c> (or <c>no people</c>).</summary>
    public override string ToString() =>
        Count == 0 ? "no people" : string.Create(CultureInfo.InvariantCulture, $"people {First:N0}–{End - 1:N0}");
}
