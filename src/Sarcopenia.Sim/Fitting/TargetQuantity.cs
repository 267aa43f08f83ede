namespace Sarcopenia.Sim.Fitting;

/// <summary>How a quantity is computed from a result.</summary>
internal enum QuantityKind
{
    /// <summary>A trait's level: mean, SD or centile of a <see cref="Trait"/> (or its change over the band).</summary>
    Level,

    /// <summary>The annual change of muscle mass, percent: minus the <see cref="Trait.LossRate"/> trait.</summary>
    MassChangeRate,

    /// <summary>The annual change of grip, percent, from the means at the band's ends (cross-sectional, of survivors).</summary>
    GripChangeRate,

    /// <summary>Grip's annual % change over ASM's, from the means at the band's ends.</summary>
    StrengthToMassRatio,

    /// <summary>A share of the people, percent (validation rows).</summary>
    Prevalence,

    /// <summary>A quantity the model does not produce.</summary>
    NotModelled,
}

/// <summary>
/// A quantity a targets file may name: its units (with the factor that turns the model's unit into each), the
/// statistics it may carry, and the trait it is computed from. Traits are found by name (<see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>),
/// so a trait the model gains later (height, BMI, ALM/BMI) is picked up without a change here.
/// </summary>
/// <param name="Name">The name in the <c>quantity</c> column.</param>
/// <param name="Kind">How it is computed.</param>
/// <param name="TraitName">The <see cref="Trait"/> it is computed from, by name.</param>
/// <param name="Units">Each unit allowed, with the number of that unit in one of the model's unit (cm per m = 100).</param>
/// <param name="Statistics">The statistics allowed.</param>
/// <param name="NotModelledReason">Why the model cannot produce it, for <see cref="QuantityKind.NotModelled"/>.</param>
internal sealed record TargetQuantity(
    string Name, QuantityKind Kind, string TraitName, IReadOnlyList<(string Unit, double PerModelUnit)> Units,
    IReadOnlyList<TargetStatistic> Statistics, string NotModelledReason = "")
{
    /// <summary>
    /// The smallest change over an age span (<see cref="TargetStatistic.ChangeOver"/>) that can be told from none, in the
    /// first unit: a change is the difference of two measurements, so it is known no better than √2 times one
    /// measurement's error. Zero where the share rule alone applies.
    /// </summary>
    public double ChangeFloor { get; init; }

    /// <summary>The quantity name of prevalence rows (validation files have no quantity column).</summary>
    public const string PrevalenceName = "Prevalence";

    private const string KneeNotModelled = "the model simulates grip strength only; knee-extensor strength is not a trait of it";

    // √2 × DXA's 2 % CV of ALM (MassDevice.Dxa) at an ALMI of about 7 kg/m²: 0.2 kg/m².
    private const double AsmiChangeFloor = 0.2;

    // Centimetres per metre: heights are published in cm, the model's height trait is in m.
    private const double CentimetresPerMetre = 100;

    private static readonly TargetStatistic[] s_levels =
        [TargetStatistic.Mean, TargetStatistic.Sd, TargetStatistic.P5, TargetStatistic.P10, TargetStatistic.P25, TargetStatistic.P50, TargetStatistic.P75, TargetStatistic.P90, TargetStatistic.P95];

    private static readonly TargetStatistic[] s_levelsAndChange = [.. s_levels, TargetStatistic.ChangeOver];

    private static readonly (string, double)[] s_percentPerYear = [("%/yr", 1)];

    /// <summary>Every quantity a targets file may name.</summary>
    public static IReadOnlyList<TargetQuantity> All { get; } =
    [
        new("Grip", QuantityKind.Level, nameof(Trait.Grip), [("kg", 1)], s_levelsAndChange),
        new("Asm", QuantityKind.Level, nameof(Trait.Asm), [("kg", 1)], s_levelsAndChange),
        new("Asmi", QuantityKind.Level, nameof(Trait.Asmi), [("kg/m2", 1), ("kg/m²", 1)], s_levels),
        new("Gait", QuantityKind.Level, nameof(Trait.Gait), [("m/s", 1)], s_levels),
        new("Height", QuantityKind.Level, "Height", [("cm", CentimetresPerMetre), ("m", 1)], s_levelsAndChange),
        new("Bmi", QuantityKind.Level, "Bmi", [("kg/m2", 1), ("kg/m²", 1)], s_levels),
        new("AlmBmi", QuantityKind.Level, "AsmPerBmi", [("m2 (kg per kg/m2)", 1), ("m2", 1), ("m²", 1)], s_levels),
        new("AsmiChange", QuantityKind.Level, nameof(Trait.Asmi), [("kg/m2", 1), ("kg/m²", 1)], [TargetStatistic.ChangeOver])
        {
            ChangeFloor = AsmiChangeFloor,
        },
        new("AsmAnnualChangePercent", QuantityKind.MassChangeRate, nameof(Trait.LossRate), s_percentPerYear, [.. s_levels.Where(s => s != TargetStatistic.Sd)]),
        new("GripAnnualChangePercent", QuantityKind.GripChangeRate, nameof(Trait.Grip), s_percentPerYear, [TargetStatistic.Mean]),
        new("StrengthToMassDeclineRatio", QuantityKind.StrengthToMassRatio, nameof(Trait.Grip), [("ratio", 1)], [TargetStatistic.Mean]),
        new("KneeStrengthAnnualChangePercent", QuantityKind.NotModelled, "", s_percentPerYear, [TargetStatistic.Mean], KneeNotModelled),
        // Knee-extensor strength falls faster than grip (Health ABC: about 3 %/yr against grip's 1.5-2), so its ratio to
        // mass loss is not the grip ratio the model produces.
        new("KneeStrengthToMassDeclineRatio", QuantityKind.NotModelled, "", [("ratio", 1)], [TargetStatistic.Mean], KneeNotModelled),
        new(PrevalenceName, QuantityKind.Prevalence, "", [("%", 1)], [TargetStatistic.Prevalence]),
    ];

    /// <summary>The quantity named <paramref name="name"/> (case ignored), or <see langword="null"/>.</summary>
    public static TargetQuantity? Find(string name) => All.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The trait this quantity is computed from, or <see langword="null"/> when the model has no trait of that name yet.</summary>
    public Trait? ModelTrait => Enum.TryParse(TraitName, ignoreCase: false, out Trait trait) && Enum.IsDefined(trait) ? trait : null;

    /// <summary>The units allowed, as text for messages.</summary>
    public string UnitList => string.Join(", ", Units.Select(u => u.Unit));

    /// <summary>How many of <paramref name="unit"/> make one of the model's unit, or <see langword="null"/> if the unit is not allowed.</summary>
    public double? PerModelUnit(string unit)
    {
        foreach ((string name, double factor) in Units)
        {
            if (string.Equals(name, unit, StringComparison.OrdinalIgnoreCase))
            {
                return factor;
            }
        }

        return null;
    }

    /// <summary>Whether values of this quantity may be negative (changes may; levels and shares may not).</summary>
    public bool AllowsNegative(TargetStatistic statistic) =>
        statistic == TargetStatistic.ChangeOver || Kind is QuantityKind.MassChangeRate or QuantityKind.GripChangeRate or QuantityKind.NotModelled;
}
