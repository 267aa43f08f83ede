using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;

namespace Sarcopenia.Sim.Population;

/// <summary>The share of each ancestry in a cohort. Weights need not sum to one; they are normalized.</summary>
/// <param name="Name">Identifier, e.g. <c>UnitedStates2020</c>.</param>
/// <param name="Weights">One non-negative weight per <see cref="Ancestry"/> value, in enum order.</param>
public sealed record AncestryMix(string Name, EquatableArray<double> Weights)
{
    /// <summary>Everyone of European ancestry (the reference group; used by the reference workload).</summary>
    public static AncestryMix European { get; } = Single(Ancestry.European);

    /// <summary>
    /// United States, 2020 census shares (U.S. Census Bureau, 2020 Census redistricting data): non-Hispanic White
    /// 57.8 % (with the 5.2 % multiracial and other folded in) = 0.63, Hispanic or Latino 0.187, Black 0.121, Asian 0.062
    /// split 0.045 East Asian / 0.017 South Asian (Asian-origin split from the American Community Survey; unverified).
    /// </summary>
    public static AncestryMix UnitedStates2020 { get; } = new("UnitedStates2020", [0.63, 0.045, 0.121, 0.017, 0.187]);

    /// <summary>Everyone of East Asian ancestry (for China, Japan or Korea).</summary>
    public static AncestryMix EastAsian { get; } = Single(Ancestry.EastAsian);

    /// <summary>Every shipped mix.</summary>
    public static IReadOnlyList<AncestryMix> All { get; } = [European, UnitedStates2020, EastAsian];

    /// <summary>A cohort of one ancestry.</summary>
    public static AncestryMix Single(Ancestry ancestry)
    {
        var weights = new double[AncestryCount];
        weights[(int)ancestry] = 1;
        return new(ancestry.ToString(), [.. weights]);
    }

    /// <summary>Finds a shipped mix by name (case-insensitive), or a single ancestry by its name.</summary>
    /// <exception cref="ArgumentException">No mix or ancestry has that name.</exception>
    public static AncestryMix Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? (Enum.TryParse(name, ignoreCase: true, out Ancestry a) && Enum.IsDefined(a)
            ? Single(a)
            : throw new ArgumentException($"Unknown ancestry mix \"{name}\"; expected one of: {string.Join(", ", All.Select(m => m.Name).Concat(Enum.GetNames<Ancestry>()).Distinct())}.", nameof(name)));

    /// <summary>The number of ancestry groups.</summary>
    public static int AncestryCount => Enum.GetValues<Ancestry>().Length;

    /// <summary>Cumulative normalized weights: ancestry <c>k</c> is drawn when <c>u</c> falls below entry <c>k</c>.</summary>
    internal float[] CumulativeThresholds()
    {
        double total = Weights.Sum();
        var thresholds = new float[AncestryCount];
        double running = 0;
        for (int k = 0; k < AncestryCount; k++)
        {
            running += Weights[k];
            thresholds[k] = (float)(running / total);
        }

        // Make the last occupied group absorb rounding so every u in (0, 1) lands in some group.
        for (int k = AncestryCount - 1; k >= 0; k--)
        {
            thresholds[k] = 1f;
            if (Weights[k] > 0)
            {
                break;
            }
        }

        return thresholds;
    }

    internal void Validate(ParameterValidator v, string path)
    {
        if (Weights.Length != AncestryCount)
        {
            v.Fail($"{path}.weights", $"{Weights.Length} weights", $"{AncestryCount} weights, one per ancestry ({string.Join(", ", Enum.GetNames<Ancestry>())})");
            return;
        }

        for (int k = 0; k < Weights.Length; k++)
        {
            v.Range($"{path}.weights[{k}]", Weights[k], 0, 1e9);
        }

        if (Weights.All(w => !(w > 0)))
        {
            v.Fail($"{path}.weights", "all zero", "at least one positive weight");
        }
    }
}
