namespace Sarcopenia.Sim.Results;

/// <summary>One axis of the result tables.</summary>
/// <param name="Name">The axis's name, as in the results file and the CSV columns.</param>
/// <param name="Unit">The unit of its values, or empty for a category.</param>
/// <param name="Length">Entries along the axis.</param>
/// <param name="Description">What an entry is.</param>
public sealed record ResultAxis(string Name, string Unit, int Length, string Description);

/// <summary>
/// The shape of a run's result tables, written down in one place: which axes index a cell, how values are stored
/// (64-bit fixed-point integers, so that tables from chunks, threads and shards add exactly) and which format version
/// a results file of this layout has. The engine writes tables of this shape; the queries and file formats read it.
/// </summary>
/// <remarks>
/// A cell is (age row, group); group = ancestry · 2 + sex. Counts are kept per cell and deficit combination, deaths,
/// sums and sums of squares per cell, histograms per cell and bin. New axes (calendar year, intervention arm,
/// replicate) are added here.
/// </remarks>
public sealed class ResultLayout
{
    /// <summary>Deficit combinations: bit 1 low mass, bit 2 low strength, bit 4 low physical performance.</summary>
    public const int Combinations = 8;

    /// <summary>Sex × ancestry groups.</summary>
    public static readonly int GroupCount = 2 * Enum.GetValues<Ancestry>().Length;

    /// <summary>
    /// Version of the tables' meaning in results files: 3 since Box–Muller and the year factor were rewritten in base 2
    /// (every normal draw changed), so tables of older engines cannot be merged with newer ones; 4 since shards are
    /// ranges of people rather than of chunks (a version 3 shard covers other people than a version 4 shard of the same
    /// index) and files carry the run hash, their person ranges and a checksum of their tables, which merging requires.
    /// </summary>
    public const int FormatVersion = 4;

    /// <summary>Trait sums are kept in units of 2⁻¹⁶ of the trait's unit: Σ round(v · 2¹⁶).</summary>
    public const int SumShift = 16;

    /// <summary>
    /// Sums of squares are kept in units of 2⁻¹² of the trait's unit squared: each value adds its single-precision
    /// square in those units rounded to the nearest integer, <c>round(fl(v²·2¹²))</c>, at most 2²⁶ (v &lt; 2⁷).
    /// </summary>
    /// <remarks>
    /// The unit is fine enough for the SD of a trait with small values and a small spread (gait speed, about 1 m/s with
    /// an SD near 0.1): at 2⁻⁸ one rounding was up to 2 % of such a variance, here it is at most 0.2 %. A square
    /// above 2²⁴ units (a value above 64) is a float with some low bits zero, so its unit there is coarser (up to 4
    /// units at 128), still under 10⁻⁷ of it.
    /// </remarks>
    public const int SquareShift = 12;

    /// <summary>Units of a trait sum per unit of the trait: 2^<see cref="SumShift"/>.</summary>
    public const long SumScale = 1L << SumShift;

    /// <summary>Units of a sum of squares per unit of the trait squared: 2^<see cref="SquareShift"/>.</summary>
    public const long SquareScale = 1L << SquareShift;

    /// <summary>Creates the layout of a run over ages <paramref name="firstAge"/> .. <paramref name="firstAge"/> + <paramref name="rows"/> − 1.</summary>
    /// <param name="firstAge">The age of row 0 (the cohort's start age).</param>
    /// <param name="rows">Age rows: the start age and every age reached after it.</param>
    public ResultLayout(int firstAge, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstAge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        FirstAge = firstAge;
        Rows = rows;
        Axes =
        [
            new("age", "years", rows, $"age reached, {firstAge} to {firstAge + rows - 1}"),
            new("group", "", GroupCount, "sex × ancestry: ancestry · 2 + sex (Female 0, Male 1)"),
            new("combination", "", Combinations, "deficits among the living: bit 1 low mass, 2 low strength, 4 low performance"),
            new("bin", "", TraitInfo.HistogramBins, "histogram bin of a trait's fixed range"),
        ];
    }

    /// <summary>The age of row 0.</summary>
    public int FirstAge { get; }

    /// <summary>Age rows.</summary>
    public int Rows { get; }

    /// <summary>Cells (age row × group).</summary>
    public int Cells => Rows * GroupCount;

    /// <summary>The axes, outermost first: age, group, then combination (counts) or bin (histograms).</summary>
    public IReadOnlyList<ResultAxis> Axes { get; }

    /// <summary>The cell of age row <paramref name="row"/> and <paramref name="group"/>.</summary>
    public int Cell(int row, int group) => row * GroupCount + group;

    /// <summary>The sex of a group.</summary>
    public static Sex SexOf(int group) => (Sex)(group & 1);

    /// <summary>The ancestry of a group.</summary>
    public static Ancestry AncestryOf(int group) => (Ancestry)(group >> 1);

    /// <summary>The group of a sex and ancestry.</summary>
    public static int GroupOf(Sex sex, Ancestry ancestry) => ((int)ancestry << 1) | (int)sex;

    /// <summary>The first bin's lower edge and the bin width of <paramref name="trait"/>'s histogram, in the trait's unit.</summary>
    public static (double Low, double Width) BinsOf(Trait trait) => (TraitInfo.Of(trait).HistogramLow, TraitInfo.Of(trait).HistogramBinWidth);

    /// <summary>The cells of ages <paramref name="fromAge"/>..<paramref name="toAge"/> whose group matches the filters (null: all).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ages are outside the layout's.</exception>
    public IEnumerable<int> CellsOf(int fromAge, int toAge, Sex? sex, Ancestry? ancestry)
    {
        int lastAge = FirstAge + Rows - 1;
        if (fromAge < FirstAge || toAge > lastAge || fromAge > toAge)
        {
            throw new ArgumentOutOfRangeException(nameof(fromAge), $"Ages {fromAge}..{toAge} are outside the run's ages {FirstAge}..{lastAge}.");
        }

        return Cells();

        IEnumerable<int> Cells()
        {
            for (int age = fromAge; age <= toAge; age++)
            {
                for (int g = 0; g < GroupCount; g++)
                {
                    if ((sex is null || SexOf(g) == sex) && (ancestry is null || AncestryOf(g) == ancestry))
                    {
                        yield return Cell(age - FirstAge, g);
                    }
                }
            }
        }
    }
}
