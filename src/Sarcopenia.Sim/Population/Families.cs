using System.Globalization;
using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Population;

/// <summary>The kind of a family: a twin pair of one zygosity, or a sibship of single births.</summary>
public enum FamilyKind
{
    /// <summary>Monozygotic (identical) twins: one genotype, one sex.</summary>
    MonozygoticTwins = 0,

    /// <summary>Dizygotic twins of the same sex: siblings born together.</summary>
    DizygoticSameSexTwins = 1,

    /// <summary>Dizygotic twins of opposite sexes: the first twin's sex is drawn, the second has the other.</summary>
    DizygoticOppositeSexTwins = 2,

    /// <summary>Full siblings (single births), each with their own sex; <see cref="FamilyShare.Size"/> of them.</summary>
    Siblings = 3,
}

/// <summary>One kind of family and its share of a cohort's families.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Share">Its share of <see cref="FamilySpec.Count"/>, 0 to 1; the shares add up to 1.</param>
public sealed record FamilyShare(FamilyKind Kind, double Share)
{
    /// <summary>The largest sibship: larger ones would leave chunks of very uneven size.</summary>
    public const int MaxSize = 12;

    /// <summary>People per family: 2 for twins (the only size allowed), 2 to <see cref="MaxSize"/> for siblings. Default 2.</summary>
    public int Size { get; init; } = 2;
}

/// <summary>
/// Related people in a cohort: <see cref="Count"/> families whose members take the first person ids, each family's ids
/// contiguous, kinds in the order listed (all families of the first kind, then the second, ...); the rest of the cohort
/// are unrelated people. Family members share their start age (a cohort is one birth year) and ancestry; twins other
/// than opposite-sex pairs share their sex.
/// </summary>
/// <param name="Count">The number of families.</param>
/// <param name="Kinds">The kinds and their shares; the families of kind k are the ⌊cumulative share·Count⌋ differences.</param>
public sealed record FamilySpec(long Count, EquatableArray<FamilyShare> Kinds)
{
    /// <summary>Twin pairs of all three zygosities in the proportions of a twin registry: 1/3 monozygotic, 1/3 same-sex and 1/3 opposite-sex dizygotic.</summary>
    /// <remarks>Assumption: about a third of twin births are monozygotic in populations of European ancestry (Weinberg's rule), and dizygotic pairs are same-sex and opposite-sex equally often.</remarks>
    /// <param name="pairs">The number of pairs.</param>
    public static FamilySpec TwinPairs(long pairs) => new(pairs,
    [
        new FamilyShare(FamilyKind.MonozygoticTwins, 1.0 / 3),
        new FamilyShare(FamilyKind.DizygoticSameSexTwins, 1.0 / 3),
        new FamilyShare(FamilyKind.DizygoticOppositeSexTwins, 1.0 / 3),
    ]);

    /// <summary>The number of people the families hold.</summary>
    public long Members => FamilyLayout.Of(this).Members;

    // Shares are checked to add up to one within this, so that 1/3 + 1/3 + 1/3 typed as decimals passes.
    private const double ShareSumTolerance = 1e-6;

    internal void Validate(ParameterValidator v, string path)
    {
        v.Range($"{path}.count", Count, 1, CohortSpec.MaxPeople / FamilyShare.MaxSize);
        if (Kinds.Length == 0)
        {
            v.Fail($"{path}.kinds", "[]", "at least one kind of family");
            return;
        }

        double sum = 0;
        for (int k = 0; k < Kinds.Length; k++)
        {
            FamilyShare kind = Kinds[k];
            string at = $"{path}.kinds[{k}]";
            if (kind is null)
            {
                v.Fail(at, "null", "a kind of family");
                continue;
            }

            if (!Enum.IsDefined(kind.Kind))
            {
                v.Fail($"{at}.kind", kind.Kind.ToString(), $"one of {string.Join(", ", Enum.GetNames<FamilyKind>())}");
            }

            v.Range($"{at}.share", kind.Share, 0, 1);
            sum += double.IsFinite(kind.Share) ? kind.Share : 0;
            if (kind.Kind == FamilyKind.Siblings)
            {
                v.Range($"{at}.size", kind.Size, 2, FamilyShare.MaxSize);
            }
            else if (kind.Size != 2)
            {
                v.Fail($"{at}.size", kind.Size.ToString(CultureInfo.InvariantCulture), "2 for twins");
            }
        }

        if (Math.Abs(sum - 1) > ShareSumTolerance)
        {
            v.Fail($"{path}.kinds", $"shares adding up to {ParameterValidator.Format(sum)}", "shares adding up to 1");
        }
    }
}

/// <summary>Where a person sits in the cohort's families.</summary>
/// <param name="First">The first person id of the family (the person's own id for an unrelated person).</param>
/// <param name="Size">The number of people in the family (1 for an unrelated person).</param>
/// <param name="Slot">The person's place in the family, 0 .. Size − 1.</param>
/// <param name="Kind">The family's kind; <see langword="null"/> for an unrelated person.</param>
internal readonly record struct FamilyMember(long First, int Size, int Slot, FamilyKind? Kind)
{
    /// <summary>The person's genetic child index: monozygotic twins are one zygote, so both are child 0.</summary>
    public int Child => Kind == FamilyKind.MonozygoticTwins ? 0 : Slot;
}

/// <summary>
/// The cohort's families as blocks of one kind each, so that any person's family is found in constant time from their
/// id alone (chunks and shards start anywhere, and a family's draws must never depend on where they start).
/// </summary>
internal sealed class FamilyLayout
{
    private static readonly FamilyLayout s_none = new([], [], [], 0);

    private readonly FamilyKind[] _kinds;
    private readonly int[] _sizes;

    // _blockStart[k]: the first id of kind k's families; _blockStart[^1]: the first unrelated id.
    private readonly long[] _blockStart;

    private FamilyLayout(FamilyKind[] kinds, int[] sizes, long[] blockStart, int largest)
    {
        _kinds = kinds;
        _sizes = sizes;
        _blockStart = blockStart;
        LargestFamily = Math.Max(1, largest);
    }

    /// <summary>The number of people in families (they hold ids 0 .. Members − 1).</summary>
    public long Members => _blockStart.Length == 0 ? 0 : _blockStart[^1];

    /// <summary>The largest family's size, 1 without families.</summary>
    public int LargestFamily { get; }

    /// <summary>Whether the cohort has families at all.</summary>
    public bool Any => Members > 0;

    /// <summary>The layout of <paramref name="spec"/>'s families (none for <see langword="null"/>).</summary>
    public static FamilyLayout Of(FamilySpec? spec)
    {
        if (spec is null || spec.Kinds.Length == 0)
        {
            return s_none;
        }

        int n = spec.Kinds.Length;
        var kinds = new FamilyKind[n];
        var sizes = new int[n];
        var starts = new long[n + 1];
        double cumulative = 0;
        long previous = 0;
        for (int k = 0; k < n; k++)
        {
            cumulative += spec.Kinds[k].Share;

            // The last kind takes whatever rounding left, so that the counts add up to Count exactly.
            long upTo = k == n - 1 ? spec.Count : Math.Min(spec.Count, (long)Math.Floor(cumulative * spec.Count));
            long families = Math.Max(0, upTo - previous);
            previous += families;
            kinds[k] = spec.Kinds[k].Kind;
            sizes[k] = spec.Kinds[k].Size;
            starts[k + 1] = starts[k] + families * sizes[k];
        }

        return new FamilyLayout(kinds, sizes, starts, sizes.Max());
    }

    /// <summary>The family of person <paramref name="id"/>.</summary>
    public FamilyMember Of(long id)
    {
        if (id >= Members)
        {
            return new FamilyMember(id, 1, 0, null);
        }

        int k = 0;
        while (id >= _blockStart[k + 1])
        {
            k++;
        }

        long offset = id - _blockStart[k];
        int size = _sizes[k];
        int slot = (int)(offset % size);
        return new FamilyMember(id - slot, size, slot, _kinds[k]);
    }

    /// <summary>The first id of the family holding <paramref name="id"/>: boundaries of chunks and shards are moved down to it, so that no family is split.</summary>
    public long StartOf(long id) => Of(id).First;
}
