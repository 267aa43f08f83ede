using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.IO;

/// <summary>Finds the valid name nearest to a misspelt one, for "did you mean" hints.</summary>
public static class NameSuggester
{
    /// <summary>The candidate nearest to <paramref name="name"/> by edit distance (ignoring case), or <see langword="null"/> if none is close.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates) => NameMatch.Nearest(name, candidates);

    /// <summary>"; did you mean 'x'?" when a candidate is close, otherwise "." (either ends a sentence).</summary>
    public static string Hint(string name, IEnumerable<string> candidates) => NameMatch.Hint(name, candidates);

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b) => NameMatch.Distance(a, b);
}
