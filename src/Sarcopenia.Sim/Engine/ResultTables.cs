namespace Sarcopenia.Sim.Engine;

/// <summary>
/// The additive tables of a run, indexed by age row, group (sex × ancestry) and cell. Every entry is a 64-bit
/// integer, so tables add exactly and merge in any order.
/// </summary>
internal sealed class ResultTables
{
    /// <summary>Deficit combinations per cell.</summary>
    public const int Combinations = 8;

    public ResultTables(int rows, int groups, TraitSet statistics, bool standardDeviations, TraitSet histograms)
    {
        Rows = rows;
        Groups = groups;
        Statistics = statistics;
        StandardDeviations = standardDeviations;
        Histograms = histograms;
        CombinationCounts = new long[rows * groups * Combinations];
        Deaths = new long[rows * groups];
        Sums = new long[Traits.All.Length][];
        SumsOfSquares = new long[Traits.All.Length][];
        HistogramCounts = new long[Traits.All.Length][];
        foreach (Trait trait in Traits.All)
        {
            if (statistics.Contains(trait))
            {
                Sums[(int)trait] = new long[rows * groups];
                SumsOfSquares[(int)trait] = standardDeviations ? new long[rows * groups] : null;
            }

            if (histograms.Contains(trait))
            {
                HistogramCounts[(int)trait] = new long[rows * groups * TraitBins.Count];
            }
        }
    }

    public int Rows { get; }

    public int Groups { get; }

    public TraitSet Statistics { get; }

    /// <summary>Whether <see cref="SumsOfSquares"/> are kept for the <see cref="Statistics"/> traits.</summary>
    public bool StandardDeviations { get; }

    public TraitSet Histograms { get; }

    /// <summary>[row, group, combination]: living people with that deficit combination.</summary>
    public long[] CombinationCounts { get; }

    /// <summary>[row, group]: deaths in the year that ended at the row's age.</summary>
    public long[] Deaths { get; }

    /// <summary>[trait][row, group]: Σ round(v·2¹⁶) over the living.</summary>
    public long[]?[] Sums { get; }

    /// <summary>[trait][row, group]: Σ round(fl(v²·2¹²)) over the living (see <see cref="Accumulate.SquareShift"/>); null without <see cref="StandardDeviations"/>.</summary>
    public long[]?[] SumsOfSquares { get; }

    /// <summary>[trait][row, group, bin]: living people per bin.</summary>
    public long[]?[] HistogramCounts { get; }

    public int Cell(int row, int group) => row * Groups + group;

    /// <summary>Adds <paramref name="other"/> into this table.</summary>
    public void Add(ResultTables other)
    {
        if (other.Rows != Rows || other.Groups != Groups || other.Statistics != Statistics
            || other.StandardDeviations != StandardDeviations || other.Histograms != Histograms)
        {
            throw new ArgumentException("Only results of the same cohort shape and outputs can be added.", nameof(other));
        }

        AddInto(CombinationCounts, other.CombinationCounts);
        AddInto(Deaths, other.Deaths);
        for (int t = 0; t < Sums.Length; t++)
        {
            AddInto(Sums[t], other.Sums[t]);
            AddInto(SumsOfSquares[t], other.SumsOfSquares[t]);
            AddInto(HistogramCounts[t], other.HistogramCounts[t]);
        }

        static void AddInto(long[]? target, long[]? source)
        {
            if (target is null || source is null)
            {
                return;
            }

            for (int i = 0; i < target.Length; i++)
            {
                target[i] += source[i];
            }
        }
    }

    /// <summary>Whether every entry equals <paramref name="other"/>'s.</summary>
    public bool ContentEquals(ResultTables other) =>
        Rows == other.Rows && Groups == other.Groups && Statistics == other.Statistics
        && StandardDeviations == other.StandardDeviations && Histograms == other.Histograms
        && CombinationCounts.AsSpan().SequenceEqual(other.CombinationCounts)
        && Deaths.AsSpan().SequenceEqual(other.Deaths)
        && Enumerable.Range(0, Sums.Length).All(t =>
            Same(Sums[t], other.Sums[t]) && Same(SumsOfSquares[t], other.SumsOfSquares[t]) && Same(HistogramCounts[t], other.HistogramCounts[t]));

    private static bool Same(long[]? a, long[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
