using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Staging;

/// <summary>
/// The recognized sarcopenia definitions, as data. Cut-offs and their sources are listed in docs/definitions.md;
/// the citations below name each definition's paper.
/// </summary>
public static class Definitions
{
    // Rule tables are indexed by deficits: bit 1 low mass (m), bit 2 low strength (s), bit 4 low performance (p).
    //                              none        m                     s               m+s                   p               m+p                   s+p             m+s+p
    private static readonly EquatableArray<Stage> s_ewgsop2010Rules = [Stage.None, Stage.Presarcopenia, Stage.None, Stage.Sarcopenia, Stage.None, Stage.Sarcopenia, Stage.None, Stage.Severe];
    private static readonly EquatableArray<Stage> s_ewgsop2Rules = [Stage.None, Stage.None, Stage.Probable, Stage.Sarcopenia, Stage.None, Stage.None, Stage.Probable, Stage.Severe];
    private static readonly EquatableArray<Stage> s_awgs2019Rules = [Stage.None, Stage.None, Stage.Probable, Stage.Sarcopenia, Stage.Probable, Stage.Sarcopenia, Stage.Probable, Stage.Severe];
    private static readonly EquatableArray<Stage> s_referenceRules = [Stage.None, Stage.Presarcopenia, Stage.None, Stage.Sarcopenia, Stage.None, Stage.Presarcopenia, Stage.None, Stage.Severe];

    /// <summary>
    /// EWGSOP 2010, the source review's staging: presarcopenia = low mass only; sarcopenia = low mass with low strength
    /// or low performance; severe = all three. DXA ASMI &lt; 7.26 (men) / &lt; 5.5 (women) kg/m² (the DXA alternative the
    /// consensus lists; tagged unverified in the fact sheet), grip &lt; 30 / &lt; 20 kg, gait ≤ 0.8 m/s.
    /// </summary>
    public static SarcopeniaDefinition Ewgsop2010 { get; } = new(
        "EWGSOP2010",
        "Cruz-Jentoft AJ et al. Sarcopenia: European consensus on definition and diagnosis. Age Ageing 2010;39:412-423",
        MassMeasure.Asmi,
        Cutoff.Below(5.5, 7.26),
        Cutoff.Below(20, 30),
        Cutoff.AtOrBelow(0.8, 0.8),
        s_ewgsop2010Rules);

    /// <summary>
    /// EWGSOP2 (2019): probable = low grip; confirmed = low grip and low ASMI; severe = also gait ≤ 0.8 m/s.
    /// Grip &lt; 27 / &lt; 16 kg, ASMI &lt; 7.0 / &lt; 5.5 kg/m² (men / women).
    /// </summary>
    public static SarcopeniaDefinition Ewgsop2 { get; } = new(
        "EWGSOP2",
        "Cruz-Jentoft AJ et al. Sarcopenia: revised European consensus on definition and diagnosis. Age Ageing 2019;48:16-31",
        MassMeasure.Asmi,
        Cutoff.Below(5.5, 7.0),
        Cutoff.Below(16, 27),
        Cutoff.AtOrBelow(0.8, 0.8),
        s_ewgsop2Rules);

    /// <summary>
    /// AWGS 2019: possible = low grip or slow gait; sarcopenia = low ASMI with either; severe = all three.
    /// DXA ASMI &lt; 7.0 / &lt; 5.4 kg/m² (BIA &lt; 7.0 / &lt; 5.7), grip &lt; 28 / &lt; 18 kg, 6-m gait &lt; 1.0 m/s (men / women).
    /// </summary>
    public static SarcopeniaDefinition Awgs2019 { get; } = new(
        "AWGS2019",
        "Chen LK et al. Asian Working Group for Sarcopenia: 2019 consensus update. J Am Med Dir Assoc 2020;21:300-307",
        MassMeasure.Asmi,
        Cutoff.Below(5.4, 7.0),
        Cutoff.Below(18, 28),
        Cutoff.Below(1.0, 1.0),
        s_awgs2019Rules)
    {
        LowMassBia = Cutoff.Below(5.7, 7.0),
        ProbableName = "Possible",
    };

    /// <summary>
    /// FNIH Sarcopenia Project (2014): weakness (grip &lt; 26 / &lt; 16 kg) is <see cref="Stage.Probable"/>; weakness with low
    /// lean mass (ALM/BMI &lt; 0.789 / &lt; 0.512) is <see cref="Stage.Sarcopenia"/>; adding slowness (gait ≤ 0.8 m/s) is
    /// <see cref="Stage.Severe"/> (the project's "weakness, slowness and low lean mass" variant).
    /// </summary>
    public static SarcopeniaDefinition Fnih { get; } = new(
        "FNIH",
        "Studenski SA et al. The FNIH Sarcopenia Project: rationale, study description, conference recommendations, and final estimates. J Gerontol A 2014;69:547-558",
        MassMeasure.AsmPerBmi,
        Cutoff.Below(0.512, 0.789),
        Cutoff.Below(16, 26),
        Cutoff.AtOrBelow(0.8, 0.8),
        s_ewgsop2Rules)
    {
        ProbableName = "Weakness",
    };

    /// <summary>
    /// The reference workload RW1's staging (docs/reference-workload.md): presarcopenia = low ASMI with normal grip;
    /// sarcopenia = low ASMI and low grip with normal gait; severe = all three; low grip without low mass is no stage.
    /// ASMI &lt; 7.0 / 5.5 kg/m², grip &lt; 27 / 16 kg, gait ≤ 0.8 m/s (men / women).
    /// </summary>
    public static SarcopeniaDefinition ReferenceWorkload { get; } = new(
        "RW1",
        "Sarcopenia.Sim reference workload RW1 (docs/reference-workload.md)",
        MassMeasure.Asmi,
        Cutoff.Below(5.5, 7.0),
        Cutoff.Below(16, 27),
        Cutoff.AtOrBelow(0.8, 0.8),
        s_referenceRules);

    /// <summary>Every shipped definition.</summary>
    public static IReadOnlyList<SarcopeniaDefinition> All { get; } = [Ewgsop2010, Ewgsop2, Awgs2019, Fnih, ReferenceWorkload];

    /// <summary>Finds a definition by name, ignoring case and punctuation (<c>ewgsop-2</c> finds EWGSOP2).</summary>
    /// <exception cref="ArgumentException">No definition has that name; the message lists the names allowed.</exception>
    public static SarcopeniaDefinition Get(string name) =>
        All.FirstOrDefault(d => Normalize(d.Name) == Normalize(name))
        ?? throw new ArgumentException($"Unknown definition \"{name}\"; expected one of: {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));

    private static string Normalize(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
