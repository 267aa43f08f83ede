using System.Globalization;

namespace Sarcopenia.Sim.Heritability;

/// <summary>A subgroup of twin pairs: a sex, an ancestry and an age band, each or all.</summary>
/// <param name="Label">A readable label, e.g. <c>Female, age 60-70</c>, or <c>all</c>.</param>
/// <param name="Sex">The sex of both twins, or <see langword="null"/> for both sexes (opposite-sex pairs included).</param>
/// <param name="Ancestry">The ancestry, or <see langword="null"/> for all.</param>
/// <param name="AgeLow">The band's lowest age (inclusive), or <see langword="null"/> for all ages.</param>
/// <param name="AgeHigh">The band's upper end (exclusive), or <see langword="null"/> for no upper end.</param>
/// <param name="Pairs">The pairs in the subgroup.</param>
public sealed record TwinSubset(string Label, Sex? Sex, Ancestry? Ancestry, double? AgeLow, double? AgeHigh, TwinPairs Pairs);

/// <summary>How to split twin pairs into subgroups for separate fits.</summary>
public sealed record TwinGrouping
{
    /// <summary>No split: every pair in one subgroup.</summary>
    public static TwinGrouping None { get; } = new();

    /// <summary>Split by sex: same-sex pairs of each sex (opposite-sex pairs belong to neither).</summary>
    public bool BySex { get; init; }

    /// <summary>Split by ancestry.</summary>
    public bool ByAncestry { get; init; }

    /// <summary>
    /// The age bands' lower edges in ascending order, or empty for no split by age: edges 40, 60, 80 give the bands
    /// [40, 60), [60, 80) and 80 and over; pairs younger than the first edge belong to no band.
    /// </summary>
    public IReadOnlyList<double> AgeBandEdges { get; init; } = [];
}

/// <summary>Splits twin pairs into subgroups, for fits by age band, sex or ancestry.</summary>
public static class TwinSubsets
{
    /// <summary>The non-empty subgroups of <paramref name="data"/> under <paramref name="grouping"/>, by sex, then ancestry, then age band.</summary>
    /// <exception cref="ArgumentException">The age band edges are not finite or not strictly ascending.</exception>
    public static IReadOnlyList<TwinSubset> Split(TwinPairs data, TwinGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(grouping);
        IReadOnlyList<double> edges = grouping.AgeBandEdges;
        for (int i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Age band edges {string.Join(",", edges)} are not allowed; expected finite ages in strictly ascending order, e.g. 40,60,80."), nameof(grouping));
            }
        }

        Sex?[] sexes = grouping.BySex ? [Sex.Female, Sex.Male] : [null];
        Ancestry?[] ancestries = grouping.ByAncestry ? [.. data.Ancestry.Distinct().Order().Cast<Ancestry?>()] : [null];
        (double?, double?)[] bands = edges.Count == 0 ? [(null, null)] : [.. edges.Select((low, i) => ((double?)low, i + 1 < edges.Count ? (double?)edges[i + 1] : null))];
        var subsets = new List<TwinSubset>();
        foreach (Sex? sex in sexes)
        {
            foreach (Ancestry? ancestry in ancestries)
            {
                foreach ((double? low, double? high) in bands)
                {
                    TwinPairs pairs = data.Where(r =>
                        (sex is null || (data.Sex1Array[r] == sex && data.Sex2Array[r] == sex))
                        && (ancestry is null || data.Ancestry[r] == ancestry)
                        && (low is null || data.AgeArray[r] >= low) && (high is null || data.AgeArray[r] < high));
                    if (pairs.Count > 0)
                    {
                        subsets.Add(new TwinSubset(Label(sex, ancestry, low, high), sex, ancestry, low, high, pairs));
                    }
                }
            }
        }

        return subsets;
    }

    private static string Label(Sex? sex, Ancestry? ancestry, double? low, double? high)
    {
        List<string> parts = [];
        if (sex is not null)
        {
            parts.Add(sex.Value.ToString());
        }

        if (ancestry is not null)
        {
            parts.Add(ancestry.Value.ToString());
        }

        if (low is not null)
        {
            parts.Add(high is null ? string.Create(CultureInfo.InvariantCulture, $"age {low}+") : string.Create(CultureInfo.InvariantCulture, $"age {low}-{high}"));
        }

        return parts.Count == 0 ? "all" : string.Join(", ", parts);
    }
}
