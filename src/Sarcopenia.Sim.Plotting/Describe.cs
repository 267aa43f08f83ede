using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Plotting;

/// <summary>The words charts use for traits, sexes, stages and cut-offs, kept in one place so every chart says the same.</summary>
internal static class Describe
{
    public static string Name(Trait trait) => TraitInfo.Of(trait).DisplayName;

    public static string AxisLabel(Trait trait) => $"{TraitInfo.Of(trait).ShortName} ({trait.Unit()})";

    public static string Plural(Sex sex) => sex == Sex.Female ? "women" : "men";

    public static string Capitalized(Sex sex) => sex == Sex.Female ? "Women" : "Men";

    public static string Name(Ancestry ancestry) => ancestry switch
    {
        Ancestry.European => "European",
        Ancestry.EastAsian => "East Asian",
        Ancestry.African => "African",
        Ancestry.SouthAsian => "South Asian",
        Ancestry.HispanicLatino => "Hispanic/Latino",
        _ => ancestry.ToString(),
    };

    /// <summary>" (East Asian ancestry)" when filtered, else empty: appended to titles.</summary>
    public static string Suffix(Ancestry? ancestry) => ancestry is { } a ? $" ({Name(a)} ancestry)" : "";

    /// <summary>The definition's cut-off on <paramref name="trait"/>'s scale, or <see langword="null"/> when it uses another measure.</summary>
    public static Cutoff? CutoffFor(SarcopeniaDefinition definition, Trait trait) => trait switch
    {
        Trait.Asmi when definition.MassMeasure == MassMeasure.Asmi => definition.LowMass,
        Trait.Asm when definition.MassMeasure == MassMeasure.AsmKg => definition.LowMass,
        Trait.Grip => definition.LowGrip,
        Trait.Gait => definition.LowGait,
        _ => null,
    };

    /// <summary>For example "EWGSOP2 cut-off, women: &lt; 16 kg"; "women and men" when <paramref name="sex"/> is <see langword="null"/>.</summary>
    public static string CutoffLabel(SarcopeniaDefinition definition, Cutoff cutoff, Trait trait, Sex? sex) =>
        FormattableString.Invariant(
            $"{definition.Name} cut-off, {(sex is { } s ? Plural(s) : "women and men")}: {(cutoff.Inclusive ? "≤" : "<")} {cutoff.Threshold[sex ?? Sex.Female]:0.###} {trait.Unit()}");

    public static string People(long people) => people.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
