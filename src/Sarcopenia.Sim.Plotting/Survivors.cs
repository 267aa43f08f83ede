using System.Globalization;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// The oldest ages of a cohort, where few are alive and those alive are survivors: charts leave out ages with too few
/// people, shade the ages where most of the cohort has died, and give the numbers alive there. Without this, a median
/// that rises after about 92 (the weakest have died) reads as muscle coming back.
/// </summary>
public static class Survivors
{
    /// <summary>
    /// Ages with fewer people alive are not drawn: below 100, the p5 and p95 rest on fewer than five people and a
    /// prevalence of 20 % has a Monte Carlo error of about ±8 points.
    /// </summary>
    public const long MinimumAlive = 100;

    /// <summary>
    /// Ages at which fewer than this share of the people at the start age are alive are shaded as survivors' ages: once
    /// three in four have died, who is left is selected for robustness, not typical of their birth cohort.
    /// </summary>
    public const double SurvivorShare = 0.25;

    /// <summary>The ages of <paramref name="result"/> with at least <see cref="MinimumAlive"/> people of the group alive.</summary>
    /// <param name="result">Any run.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for both.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    public static int[] DrawnAges(SimulationResult result, Sex? sex = null, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Ages.Where(a => result.Alive(a, sex, ancestry) >= MinimumAlive)];
    }

    /// <summary>The first age at which fewer than <see cref="SurvivorShare"/> of the group are alive, or <see langword="null"/> if none.</summary>
    public static int? From(SimulationResult result, Sex? sex = null, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        long start = result.Alive(result.Cohort.StartAge, sex, ancestry);
        return start == 0 ? null : result.Ages.Cast<int?>().FirstOrDefault(a => result.Alive(a!.Value, sex, ancestry) < start * SurvivorShare);
    }

    /// <summary>
    /// The sentence a chart's caption gives about its oldest ages: which ages are shaded as survivors' (see
    /// <see cref="PlotLayers.SurvivorShading"/>) and why, and which are not drawn for too few alive; empty when neither applies.
    /// </summary>
    /// <param name="result">The run drawn.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for both.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    public static string Caption(SimulationResult result, Sex? sex = null, Ancestry? ancestry = null)
    {
        int[] drawn = DrawnAges(result, sex, ancestry);
        string masked = drawn.Length > 0 && drawn[^1] < result.Cohort.EndAge
            ? string.Create(CultureInfo.InvariantCulture, $" Ages after {drawn[^1]} have fewer than {MinimumAlive} people alive and are not drawn.")
            : "";
        return SpanOf(result, sex, ancestry) is { } span
            ? string.Create(CultureInfo.InvariantCulture,
                $"Shaded: from {span.From}, fewer than {SurvivorShare:P0} of the cohort is alive ({span.Alive}); these are survivors, stronger than those who died, so curves there can rise.{masked}")
            : masked.TrimStart();
    }

    /// <summary>
    /// The survivors' ages that are drawn, from <see cref="From"/> to the last drawn age, with "N alive at A, M at B";
    /// <see langword="null"/> when no drawn age is a survivors' age.
    /// </summary>
    internal static (int From, int Last, string Alive)? SpanOf(SimulationResult result, Sex? sex, Ancestry? ancestry)
    {
        int[] drawn = DrawnAges(result, sex, ancestry);
        if (From(result, sex, ancestry) is not int from || drawn.Length == 0 || from > drawn[^1])
        {
            return null;
        }

        int last = drawn[^1];
        return (from, last, string.Create(CultureInfo.InvariantCulture,
            $"{result.Alive(from, sex, ancestry):N0} alive at {from}, {result.Alive(last, sex, ancestry):N0} at {last}"));
    }
}
