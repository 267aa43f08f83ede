using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Fitting;

/// <summary>What a target's value summarizes.</summary>
public enum TargetStatistic
{
    /// <summary>The mean over the people of the band.</summary>
    Mean = 0,

    /// <summary>The standard deviation over the people of the band (the CSV's <c>SD</c>).</summary>
    Sd = 1,

    /// <summary>The 5th centile.</summary>
    P5 = 2,

    /// <summary>The 10th centile.</summary>
    P10 = 3,

    /// <summary>The 25th centile.</summary>
    P25 = 4,

    /// <summary>The median.</summary>
    P50 = 5,

    /// <summary>The 75th centile.</summary>
    P75 = 6,

    /// <summary>The 90th centile.</summary>
    P90 = 7,

    /// <summary>The 95th centile.</summary>
    P95 = 8,

    /// <summary>The change of the mean from the band's first age to its last.</summary>
    ChangeOver = 9,

    /// <summary>A share of the people in the band, percent (validation files).</summary>
    Prevalence = 10,
}

/// <summary>
/// The stage a prevalence target counts, as published. Stages of a definition count that stage or worse (a published
/// "sarcopenia" includes severe cases); <see cref="LowMass"/> and <see cref="Weakness"/> count a deficit whatever the stage.
/// </summary>
public enum TargetStage
{
    /// <summary>Sarcopenia, severe included: at least <see cref="Stage.Sarcopenia"/>.</summary>
    Sarcopenia = 0,

    /// <summary>Severe sarcopenia: <see cref="Stage.Severe"/>.</summary>
    Severe = 1,

    /// <summary>EWGSOP2 probable sarcopenia (low grip): at least <see cref="Stage.Probable"/>.</summary>
    Probable = 2,

    /// <summary>AWGS 2019 possible sarcopenia (low grip or performance): at least <see cref="Stage.Probable"/>.</summary>
    Possible = 3,

    /// <summary>EWGSOP 2010 presarcopenia as published (low mass): at least <see cref="Stage.Presarcopenia"/>.</summary>
    Presarcopenia = 4,

    /// <summary>Low muscle mass, whatever the stage (deficit bit 1).</summary>
    LowMass = 5,

    /// <summary>Low grip strength, whatever the stage (deficit bit 2; FNIH "weakness").</summary>
    Weakness = 6,
}

/// <summary>
/// One published number the model is compared with or fitted to: a norm (a trait's mean, SD or centile, a rate of
/// change) or a prevalence under a sarcopenia definition, for one sex, ancestry and age band.
/// </summary>
public sealed record Target
{
    /// <summary>The row's identifier, unique within its file (e.g. <c>P017</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The quantity, e.g. <c>Grip</c>, <c>AsmAnnualChangePercent</c>, or <c>Prevalence</c> for validation rows (see <see cref="TargetQuantity"/>).</summary>
    public required string Quantity { get; init; }

    /// <summary>The unit of <see cref="Value"/> as the file gives it (<c>%</c> for prevalence).</summary>
    public required string Unit { get; init; }

    /// <summary>What <see cref="Value"/> summarizes.</summary>
    public required TargetStatistic Statistic { get; init; }

    /// <summary>The sex, or <see langword="null"/> for both (the CSV's <c>Both</c>).</summary>
    public Sex? Sex { get; init; }

    /// <summary>The ancestry, or <see langword="null"/> for a mixed sample (the CSV's <c>Mixed</c>), which is simulated with the scenario's own mix.</summary>
    public Ancestry? Ancestry { get; init; }

    /// <summary>The first age of the band, or <see langword="null"/> when the source gives none (docs/cli.md, check-model, gives the rule that then chooses the ages).</summary>
    public int? AgeLow { get; init; }

    /// <summary>The last age of the band (inclusive), or <see langword="null"/> for an open band ("65 and over").</summary>
    public int? AgeHigh { get; init; }

    /// <summary>The published value, in <see cref="Unit"/>.</summary>
    public required double Value { get; init; }

    /// <summary>The published standard error, in <see cref="Unit"/>, if given.</summary>
    public double? Se { get; init; }

    /// <summary>A tolerance the file gives instead of an SE (same unit), if any.</summary>
    public double? Tolerance { get; init; }

    /// <summary>For prevalence: the definition's name as <see cref="Staging.Definitions.Get"/> knows it (e.g. <c>EWGSOP2</c>).</summary>
    public string? Definition { get; init; }

    /// <summary>For prevalence: the stage counted.</summary>
    public TargetStage? Stage { get; init; }

    /// <summary>The publication.</summary>
    public string Citation { get; init; } = "";

    /// <summary>The weight of the target in a calibration's objective (the CSV's optional <c>weight</c>; default 1).</summary>
    public double Weight { get; init; } = 1;

    /// <summary>The file and line the target was read from, for messages (e.g. <c>targets.csv:12</c>).</summary>
    public string Origin { get; init; } = "";

    /// <summary>Every other column of the row, by header name (population, device, notes, ...), kept as written.</summary>
    public EquatableArray<KeyValuePair<string, string>> Metadata { get; init; }

    /// <summary>Whether this is a prevalence target (it has a definition and a stage).</summary>
    public bool IsPrevalence => Statistic == TargetStatistic.Prevalence;

    /// <summary>The value of the metadata column <paramref name="name"/>, or an empty string.</summary>
    public string Meta(string name) => Metadata.FirstOrDefault(p => p.Key == name).Value ?? "";

    /// <summary>The age band as text, e.g. <c>65–74</c>, <c>65+</c>, or <c>ages not given</c>.</summary>
    public string AgesText => (AgeLow, AgeHigh) switch
    {
        (null, null) => "ages not given",
        (int low, null) => $"{low}+",
        (null, int high) => $"to {high}",
        (int low, int high) when low == high => $"{low}",
        (int low, int high) => $"{low}–{high}",
    };

    /// <summary>The population as text: sex and ancestry (e.g. <c>Female, EastAsian</c>; <c>Both, Mixed</c>).</summary>
    public string PopulationText => $"{Sex?.ToString() ?? "Both"}, {Ancestry?.ToString() ?? "Mixed"}";
}
