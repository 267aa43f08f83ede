using System.Globalization;

namespace Sarcopenia.Sim.Fitting;

/// <summary>
/// When a simulated value agrees with a published one: <c>|simulated − published| ≤ max(2·√(SE_pub² + SE_sim²), floor,
/// share·|published|)</c>, with the floor and share of the target's kind. Fixed, with its reasons, in
/// docs/research/targets/README.md before the model was first compared with the targets.
/// </summary>
public static class ToleranceRule
{
    /// <summary>Standard errors of the difference allowed: about a 95 % band for the difference of two independent estimates.</summary>
    public const double Coverage = 2;

    /// <summary>
    /// Prevalence: percentage points always allowed. Samples of one definition differ by more than this
    /// (EWGSOP2 sarcopenia 0.36–14 %, AWGS 2019 at ≥65 2.2–16.7 % in the validation rows); it keeps prevalences of a
    /// few percent from failing on one or two points.
    /// </summary>
    public const double PrevalenceFloorPoints = 3;

    /// <summary>
    /// Prevalence: share of the published value allowed. Petermann-Rocha et al. 2022 (J Cachexia Sarcopenia Muscle
    /// 13:86) found high between-study heterogeneity within each classification; the within-definition spreads of the
    /// validation rows reach factors of 4–40, so a factor within ±50 % is what one model of one population can claim.
    /// </summary>
    public const double PrevalenceShare = 0.5;

    /// <summary>
    /// Norms (levels: mean, SD, centiles): share of the published value allowed, the size of device differences between
    /// studies of one trait (BIA reads ASM 11–13 % above DXA; Hologic vs GE-Lunar ALM differ 4–7 %).
    /// </summary>
    public const double NormShare = 0.10;

    /// <summary>
    /// Rates and changes: share of the published value allowed. Most are per-decade figures divided by ten or
    /// cross-sectional slopes, which mix cohort effects into ageing.
    /// </summary>
    public const double RateShare = 0.25;

    /// <summary>Rates in %/yr: always allowed, the rounding of per-decade figures in abstracts (0.1–0.5 %/decade) and more.</summary>
    public const double RateFloorPercentPerYear = 0.25;

    // The scale of a residual when a target gives no other (a published 0 under a share-only rule): one unit of the
    // last digit such values are printed with.
    private const double SmallestScale = 0.01;

    // Phrases in a row's description that make it incomparable with the model, and why. The model applies the
    // definition's published cut-offs to its own population; these rows did something else.
    private static readonly (string Phrase, string Reason)[] s_notComparable =
    [
        ("lowest third", "low mass is the sample's lowest third (sample-relative), so a third of any sample is low-mass by construction"),
        ("sample-relative", "low mass is defined relative to the sample, not by the definition's cut-off"),
        ("taiwan-specific", "local (Taiwan-specific) cut-offs, not the definition's"),
        ("local cut-off", "local cut-offs, not the definition's"),
        ("absolute alm", "FNIH's alternative absolute-ALM cut-point; the model's FNIH uses ALM/BMI"),
        ("functional limitation replaces weakness", "not the standard definition: functional limitation replaces weakness"),
    ];

    // The columns searched for those phrases.
    private static readonly string[] s_describingColumns = ["population", "device", "stage_names_as_published", "notes"];

    /// <summary>Why <paramref name="target"/> cannot be compared with the model (see the phrases in docs/research/targets/README.md), or <see langword="null"/>.</summary>
    public static string? NotComparableReason(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        string text = string.Join(' ', s_describingColumns.Select(target.Meta));
        return s_notComparable.FirstOrDefault(p => text.Contains(p.Phrase, StringComparison.OrdinalIgnoreCase)).Reason;
    }

    /// <summary>The tolerance for <paramref name="target"/> given the simulated value's Monte Carlo SE, and the rule's terms as text.</summary>
    /// <param name="target">The target.</param>
    /// <param name="simulatedSe">The Monte Carlo standard error of the simulated value, in the target's unit.</param>
    public static (double Tolerance, string Rule) Of(Target target, double simulatedSe)
    {
        ArgumentNullException.ThrowIfNull(target);
        double published = target.Se ?? target.Tolerance ?? 0;
        double sampling = Coverage * Math.Sqrt((published * published) + (simulatedSe * simulatedSe));
        (double floor, double share) = FloorAndShare(target);
        double relative = share * Math.Abs(target.Value);
        double tolerance = Math.Max(sampling, Math.Max(floor, relative));
        string rule = string.Create(CultureInfo.InvariantCulture,
            $"max(2·SE {sampling:0.###}, floor {floor:0.###}, {share:P0} {relative:0.###})");
        return (tolerance, rule);
    }

    /// <summary>
    /// The scale of a target's residual in a calibration: its SE, else its tolerance column, else the rule's floor and
    /// share taken as two standard errors (the rule's half-width without sampling error).
    /// </summary>
    public static double Scale(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Se is double se && se > 0)
        {
            return se;
        }

        if (target.Tolerance is double tolerance && tolerance > 0)
        {
            return tolerance;
        }

        (double floor, double share) = FloorAndShare(target);
        double scale = Math.Max(floor, share * Math.Abs(target.Value)) / Coverage;
        return scale > 0 ? scale : SmallestScale;
    }

    private static (double Floor, double Share) FloorAndShare(Target target)
    {
        TargetQuantity? quantity = TargetQuantity.Find(target.Quantity);
        return quantity?.Kind switch
        {
            QuantityKind.Prevalence => (PrevalenceFloorPoints, PrevalenceShare),
            QuantityKind.MassChangeRate or QuantityKind.GripChangeRate or QuantityKind.NotModelled => (RateFloorPercentPerYear, RateShare),
            QuantityKind.StrengthToMassRatio => (0, RateShare),
            _ when target.Statistic == TargetStatistic.ChangeOver => (quantity?.ChangeFloor ?? 0, RateShare),
            _ => (0, NormShare),
        };
    }
}
