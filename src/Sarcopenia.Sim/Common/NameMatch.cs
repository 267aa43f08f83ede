namespace Sarcopenia.Sim.Common;

/// <summary>
/// Nearest-name matching for "did you mean" hints, in the bottom layer so that every layer's lookups (presets in IO,
/// countries in Demography) suggest names the same way; <see cref="IO.NameSuggester"/> is its public face.
/// </summary>
internal static class NameMatch
{
    // A hint further than a third of the name's length away is more confusing than helpful.
    private const int MaxDistanceDivisor = 3;

    /// <summary>The candidate nearest to <paramref name="name"/> by edit distance (ignoring case), or <see langword="null"/> if none is close.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(1, Math.Max(name.Length, 3) / MaxDistanceDivisor) ? best : null;
    }

    /// <summary>"; did you mean 'x'?" when a candidate is close, otherwise "." (either ends a sentence).</summary>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Nearest(name, candidates) is { } nearest ? $"; did you mean '{nearest}'?" : ".";

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
