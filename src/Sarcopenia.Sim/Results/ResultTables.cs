namespace Sarcopenia.Sim.Results;

/// <summary>
/// The additive tables of a run in the shape of its <see cref="ResultLayout"/>. Every entry is a 64-bit integer, so
/// tables add exactly and merge in any order.
/// </summary>
internal sealed class ResultTables
{
    private const int Combinations = ResultLayout.Combinations;

    public ResultTables(ResultLayout layout, TraitSet statistics, bool standardDeviations, TraitSet histograms)
    {
        Layout = layout;
        int rows = layout.Rows;
        int groups = ResultLayout.GroupCount;
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
                HistogramCounts[(int)trait] = new long[rows * groups * TraitInfo.HistogramBins];
            }
        }
    }

    /// <summary>The tables' shape.</summary>
    public ResultLayout Layout { get; }

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

    /// <summary>[trait][row, group]: Σ round(fl(v²·2¹²)) over the living (see <see cref="ResultLayout.SquareShift"/>); null without <see cref="StandardDeviations"/>.</summary>
    public long[]?[] SumsOfSquares { get; }

    /// <summary>[trait][row, group, bin]: living people per bin.</summary>
    public long[]?[] HistogramCounts { get; }

    /// <summary>Adds <paramref name="other"/> into this table.</summary>
    public void Add(ResultTables other)
    {
        if (other.Layout.Rows != Layout.Rows || other.Layout.FirstAge != Layout.FirstAge || other.Statistics != Statistics
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
        Layout.Rows == other.Layout.Rows && Layout.FirstAge == other.Layout.FirstAge && Statistics == other.Statistics
        && StandardDeviations == other.StandardDeviations && Histograms == other.Histograms
        && CombinationCounts.AsSpan().SequenceEqual(other.CombinationCounts)
        && Deaths.AsSpan().SequenceEqual(other.Deaths)
        && Enumerable.Range(0, Sums.Length).All(t =>
            Same(Sums[t], other.Sums[t]) && Same(SumsOfSquares[t], other.SumsOfSquares[t]) && Same(HistogramCounts[t], other.HistogramCounts[t]));

    /// <summary>People in <paramref name="cells"/> whose deficit combination c has bit c of <paramref name="mask"/> set.</summary>
    public long CountCombinations(IEnumerable<int> cells, int mask)
    {
        long total = 0;
        foreach (int cell in cells)
        {
            for (int c = 0; c < Combinations; c++)
            {
                if (((mask >> c) & 1) != 0)
                {
                    total += CombinationCounts[cell * Combinations + c];
                }
            }
        }

        return total;
    }

    /// <summary>Deaths in <paramref name="cells"/>.</summary>
    public long DeathsIn(IEnumerable<int> cells)
    {
        long total = 0;
        foreach (int cell in cells)
        {
            total += Deaths[cell];
        }

        return total;
    }

    /// <summary>Count, mean and SD of <paramref name="trait"/> among the living of <paramref name="cells"/> (SD NaN without sums of squares).</summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate statistics for the trait.</exception>
    public TraitSummary Summary(Trait trait, IEnumerable<int> cells)
    {
        long[] sums = Sums[(int)trait] ?? throw NotAccumulated(trait, nameof(RunOptions.Statistics));
        long[]? squares = SumsOfSquares[(int)trait];
        long n = 0;
        double sum = 0;
        double sumOfSquares = 0;
        foreach (int cell in cells)
        {
            n += Alive(cell);
            sum += sums[cell];
            sumOfSquares += squares?[cell] ?? 0;
        }

        if (n == 0)
        {
            return new TraitSummary(0, double.NaN, double.NaN);
        }

        double mean = sum / ResultLayout.SumScale / n;
        if (squares is null)
        {
            return new TraitSummary(n, mean, double.NaN);
        }

        double variance = Math.Max(0, sumOfSquares / ResultLayout.SquareScale / n - mean * mean);
        return new TraitSummary(n, mean, Math.Sqrt(variance));
    }

    /// <summary>The histogram of <paramref name="trait"/> pooled over <paramref name="cells"/>.</summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate a histogram for the trait.</exception>
    public long[] Histogram(Trait trait, IEnumerable<int> cells)
    {
        long[] histogram = HistogramCounts[(int)trait] ?? throw NotAccumulated(trait, nameof(RunOptions.Histograms));
        var bins = new long[TraitInfo.HistogramBins];
        foreach (int cell in cells)
        {
            ReadOnlySpan<long> source = histogram.AsSpan(cell * TraitInfo.HistogramBins, TraitInfo.HistogramBins);
            for (int b = 0; b < bins.Length; b++)
            {
                bins[b] += source[b];
            }
        }

        return bins;
    }

    private long Alive(int cell)
    {
        long n = 0;
        for (int c = 0; c < Combinations; c++)
        {
            n += CombinationCounts[cell * Combinations + c];
        }

        return n;
    }

    private static InvalidOperationException NotAccumulated(Trait trait, string option) =>
        new($"The run did not accumulate {trait}; include it in {nameof(RunOptions)}.{option}.");

    private static bool Same(long[]? a, long[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
