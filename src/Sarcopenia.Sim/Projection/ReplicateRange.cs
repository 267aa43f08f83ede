using System.Globalization;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Projection;

/// <summary>
/// A contiguous range of a projection's replicates, <see cref="First"/> .. <see cref="First"/> + <see cref="Count"/> − 1:
/// the work unit of a projection split over processes or cluster tasks. Replicates are independent (each has its own
/// cohort seeds and parameter draws), so the units of a projection add up to the single process's replicates bit for bit.
/// </summary>
/// <param name="First">The first replicate.</param>
/// <param name="Count">The number of replicates.</param>
public readonly record struct ReplicateRange(int First, int Count)
{
    /// <summary>The replicate after the last.</summary>
    public int End => First + Count;

    /// <summary>
    /// The replicates of unit <paramref name="index"/> of <paramref name="units"/>: ⌊index·R/units⌋ up to
    /// ⌊(index + 1)·R/units⌋, the same split as the shards of a run's people (<see cref="PersonRange.OfShard(long, int, int)"/>).
    /// </summary>
    /// <param name="replicates">R, the projection's replicates.</param>
    /// <param name="index">The unit, 0-based.</param>
    /// <param name="units">The number of units.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or <paramref name="index"/> is not in [0, <paramref name="units"/>).</exception>
    public static ReplicateRange OfUnit(int replicates, int index, int units)
    {
        PersonRange range = PersonRange.OfShard(replicates, index, units);
        return new ReplicateRange((int)range.First, (int)range.Count);
    }

    /// <summary>The range as people read it, e.g. <c>replicates 5–9</c>, <c>replicate 3</c> (or <c>no replicates</c>).</summary>
    public override string ToString() => Count switch
    {
        0 => "no replicates",
        1 => string.Create(CultureInfo.InvariantCulture, $"replicate {First}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"replicates {First}–{End - 1}"),
    };
}
