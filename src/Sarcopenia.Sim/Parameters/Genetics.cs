using System.Globalization;
using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>A personal trait drawn once per person whose variance is split into additive genetic, shared and unique parts.</summary>
public enum GeneticTrait
{
    /// <summary>Height at the peak.</summary>
    Height = 0,

    /// <summary>The ASM index at the peak (lean mass).</summary>
    Asmi = 1,

    /// <summary>Grip at the peak.</summary>
    Grip = 2,

    /// <summary>Gait speed at the peak.</summary>
    Gait = 3,

    /// <summary>The personal rate of muscle-mass loss.</summary>
    LossRate = 4,

    /// <summary>The personal multiplier of the muscle-quality (strength-beyond-mass) decline.</summary>
    QualityDecline = 5,
}

/// <summary>How a genotype's copies of the coded allele turn into an effect.</summary>
public enum InheritanceMode
{
    /// <summary>Each copy adds the effect (0, 1 or 2 times).</summary>
    Additive = 0,

    /// <summary>Carriers of one or two copies have the effect.</summary>
    Dominant = 1,

    /// <summary>Only people with two copies have the effect.</summary>
    Recessive = 2,
}

/// <summary>The shares of a trait's variance: additive genetic (a²), shared environment (c²), and the rest unique (e² = 1 − a² − c²).</summary>
/// <param name="Additive">a², 0 to 1.</param>
/// <param name="Shared">c², 0 to 1 − a².</param>
public sealed record VarianceShares(double Additive, double Shared)
{
    /// <summary>e² = 1 − a² − c².</summary>
    public double Unique => 1 - Additive - Shared;

    internal void Validate(ParameterValidator v, string path)
    {
        v.Range($"{path}.additive", Additive, 0, 1);
        v.Range($"{path}.shared", Shared, 0, 1);
        if (Additive + Shared > 1)
        {
            v.Fail(path, $"additive + shared = {ParameterValidator.Format(Additive + Shared)}", "shares adding up to at most 1");
        }
    }
}

/// <summary>A gene variant's coded-allele frequency in one ancestry group.</summary>
/// <param name="Ancestry">The group.</param>
/// <param name="Frequency">The coded allele's frequency, 0 to 1.</param>
public sealed record AlleleFrequency(Ancestry Ancestry, double Frequency);

/// <summary>A published association of a variant with a trait, in the subgroup where it was found.</summary>
/// <param name="Trait">The trait.</param>
/// <param name="Size">The effect in standard deviations of the trait's normal score: per copy (additive), or of having the genotype (dominant, recessive). 0 is neutral.</param>
/// <param name="Mode">How copies turn into the effect.</param>
public sealed record GeneEffect(GeneticTrait Trait, double Size, InheritanceMode Mode)
{
    /// <summary>Only people of this sex have the effect; <see langword="null"/>: both.</summary>
    public Sex? Sex { get; init; }

    /// <summary>Only people of this ancestry have the effect; <see langword="null"/>: all.</summary>
    public Ancestry? Ancestry { get; init; }

    /// <summary>The source and how the size was derived.</summary>
    public string Source { get; init; } = "";

    /// <summary>Whether a person of <paramref name="sex"/> and <paramref name="ancestry"/> has the effect.</summary>
    public bool AppliesTo(Sex sex, Ancestry ancestry) => (Sex is null || Sex == sex) && (Ancestry is null || Ancestry == ancestry);
}

/// <summary>
/// A candidate-gene variant: its coded allele's frequency by ancestry (Hardy–Weinberg proportions in founders, Mendelian
/// transmission in families) and its effects. Its genotype (0, 1 or 2 copies of the coded allele) is a column of the
/// simulated twin data, named <see cref="Snp"/>.
/// </summary>
/// <param name="Gene">The gene, one of <see cref="Genetics.KnownGenes"/>.</param>
/// <param name="Snp">The genotype column's name: a dbSNP id (<c>rs</c> and digits) or a name starting with <c>snp_</c>.</param>
/// <param name="Allele">The coded (counted) allele, e.g. <c>577X</c>.</param>
/// <param name="Frequencies">The coded allele's frequency in every ancestry group.</param>
/// <param name="Effects">The effects; empty for a neutral variant.</param>
public sealed record GeneVariant(string Gene, string Snp, string Allele, EquatableArray<AlleleFrequency> Frequencies, EquatableArray<GeneEffect> Effects)
{
    /// <summary>The variant's common name and the sources of its frequencies.</summary>
    public string Description { get; init; } = "";

    /// <summary>The coded allele's frequency in <paramref name="ancestry"/> (0 when not listed, which validation refuses).</summary>
    public double FrequencyIn(Ancestry ancestry)
    {
        foreach (AlleleFrequency f in Frequencies)
        {
            if (f?.Ancestry == ancestry)
            {
                return f.Frequency;
            }
        }

        return 0;
    }

    /// <summary>The mean of the effect's genotype score (copies, carrier or homozygote) under Hardy–Weinberg proportions with allele frequency <paramref name="p"/>.</summary>
    internal static double Mean(InheritanceMode mode, double p) => mode switch
    {
        InheritanceMode.Additive => 2 * p,
        InheritanceMode.Dominant => 1 - ((1 - p) * (1 - p)),
        _ => p * p,
    };

    /// <summary>The variance of the effect's genotype score under Hardy–Weinberg proportions.</summary>
    internal static double Variance(InheritanceMode mode, double p)
    {
        double mean = Mean(mode, p);
        return mode == InheritanceMode.Additive ? 2 * p * (1 - p) : mean * (1 - mean);
    }

    /// <summary>The effect's genotype score of a person with <paramref name="copies"/> copies of the coded allele.</summary>
    internal static float Score(InheritanceMode mode, int copies) => mode switch
    {
        InheritanceMode.Additive => copies,
        InheritanceMode.Dominant => copies > 0 ? 1 : 0,
        _ => copies == 2 ? 1 : 0,
    };
}

/// <summary>
/// The genetics of related people (<c>cohort.families</c>): each personal trait's normal score becomes
/// √a²·z_A + √c²·z_C + √e²·z_E, where z_A is shared by monozygotic twins and correlated 1/2 between other siblings,
/// z_C is shared within the family and z_E is the person's own. Candidate genes take their part of a² (each centred
/// on its group's mean, so the score keeps mean 0 and variance 1); a polygenic background makes up the rest.
/// Unrelated people keep their independent draws, so a cohort without families is unchanged.
/// </summary>
/// <remarks>
/// Shares are of the trait's own score at the peak. Grip's score is ρ·(the ASM index's) + √(1 − ρ²)·(its own part), and
/// the quality multiplier's likewise with the loss rate's; the shares given for grip and quality are of the whole score,
/// so their own parts take (share − ρ²·share of the other)/(1 − ρ²), which must lie in [0, 1]. Genetic correlations
/// between traits therefore follow the phenotypic ones the model already has (mass–grip, rate–quality); between peak
/// levels and rates of decline there is none, as no study gives one (life-course sheet §8: level and slope uncorrelated).
/// </remarks>
/// <param name="Height">Shares of peak height, by sex.</param>
/// <param name="Asmi">Shares of the peak ASM index, by sex.</param>
/// <param name="Grip">Shares of peak grip, by sex.</param>
/// <param name="Gait">Shares of peak gait speed, by sex.</param>
/// <param name="LossRate">Shares of the personal mass-loss rate, by sex.</param>
/// <param name="QualityDecline">Shares of the personal quality-decline multiplier, by sex.</param>
/// <param name="Genes">Candidate-gene variants.</param>
public sealed record Genetics(
    BySex<VarianceShares> Height,
    BySex<VarianceShares> Asmi,
    BySex<VarianceShares> Grip,
    BySex<VarianceShares> Gait,
    BySex<VarianceShares> LossRate,
    BySex<VarianceShares> QualityDecline,
    EquatableArray<GeneVariant> Genes)
{
    /// <summary>The genes whose variants the literature associates with muscle mass or strength (physiology sheet §6).</summary>
    public static IReadOnlyList<string> KnownGenes { get; } = ["ACTN3", "MSTN", "FST", "CNTF", "CNTFR", "IL15RA"];

    /// <summary>
    /// The candidate variants with the effects the literature supports (docs/heritability.md, the genes table). Sizes are in
    /// SDs of the trait's score; where a study gives kilograms, the SD used to convert is an assumption stated with it.
    /// </summary>
    public static EquatableArray<GeneVariant> DefaultGenes { get; } =
    [
        new GeneVariant("ACTN3", "rs1815739", "577X", Frequencies(
                european: 0.433, eastAsian: 0.42, african: 0.10, southAsian: 0.40, hispanic: 0.46),
            [new GeneEffect(GeneticTrait.Asmi, -0.24, InheritanceMode.Recessive)
            {
                Sex = Sim.Sex.Female,
                Source = "Walsh 2008: XX women (aged 22-90) 1.2 kg less whole-body fat-free mass than RR+RX (38.9 vs 40.1 kg); "
                    + "÷ an assumed SD of 5 kg; no effect in men. Grip neutral: no association in 15,511 people aged 53-90+ (HALCyon, Alfred 2011).",
            }])
        {
            Description = "ACTN3 R577X (C>T, T = 577X). Frequencies: Europeans 0.433 (Spanish controls, XX 18.4 %, RX 49.8 %, Fiuza-Luces 2011); "
                + "East Asians 0.42 (Han Chinese, Gao & Zhang 2016); Africans 0.10 (XX about 1 % in Kenyans and Nigerians, Yang 2007); "
                + "Hispanic/Latino 0.46 (Costa Rica, Orozco-Díaz 2019); South Asians 0.40 (assumption: near the worldwide XX share of 16 %, Garton & North 2016).",
        },
        new GeneVariant("MSTN", "rs1805086", "153R", Frequencies(
                european: 0.035, eastAsian: 0.035, african: 0.19, southAsian: 0.035, hispanic: 0.035),
            [new GeneEffect(GeneticTrait.Grip, -0.3, InheritanceMode.Additive)
            {
                Sex = Sim.Sex.Female,
                Ancestry = Sim.Ancestry.African,
                Source = "Seibert 2001: African-American women's summed strength KK 72.5, KR 67.1, RR 63.1 kg (about 4.7 kg per R allele); "
                    + "÷ an assumed SD of 15 kg. Kostek 2009 saw the opposite direction in young African-American adults (n = 23): the direction is uncertain.",
            }])
        {
            Description = "MSTN K153R (2379 A>G, G = 153R; the review's \"2739 A>G\" is most likely this 2379 A>G, a transposed digit). "
                + "Frequencies: African Americans 0.19 (Seibert 2001); Europeans 0.035 (15 KR of 214 Spanish men, Santiago 2011); "
                + "other groups 0.035 (assumption: as Europeans, no figure found).",
        },
        new GeneVariant("FST", "snp_FST_5003", "-5003T", Frequencies(
                european: 0.27, eastAsian: 0.27, african: 0.27, southAsian: 0.27, hispanic: 0.27),
            [new GeneEffect(GeneticTrait.Asmi, 0.3, InheritanceMode.Dominant)
            {
                Ancestry = Sim.Ancestry.African,
                Source = "Kostek 2009 (FAMuSS): African-American T carriers' arm CSA 24.4 vs 19.1 cm² (n = 26, young adults), no association in other groups; "
                    + "the raw difference is about 1 SD, shrunk to 0.3 SD (assumption: a sample this small overstates effects).",
            }])
        {
            Description = "Follistatin -5003 A>T (no rs id given by the source). Frequency 0.27 from Kostek 2009's 12 carriers of 26 African Americans (derived: 1 − √(14/26)); "
                + "the same in other groups (assumption: no figure found).",
        },
        new GeneVariant("CNTF", "rs1800169", "null", Frequencies(
                european: 0.125, eastAsian: 0.125, african: 0.125, southAsian: 0.125, hispanic: 0.125),
            [new GeneEffect(GeneticTrait.QualityDecline, 1.3, InheritanceMode.Recessive)
            {
                Sex = Sim.Sex.Female,
                Ancestry = Sim.Ancestry.European,
                Source = "Arking 2006: null homozygotes' grip 3.80 kg lower (1.01-6.58) in 363 white women aged 70-79. As an effect on the quality decline, "
                    + "so that it grows with age rather than being there at the peak (assumption); 1.3 SD gives 3.7 kg lower grip at 75 "
                    + "(0.6 kg at 40) in Evidence's European women (simulated: 100,000 twin pairs).",
            }])
        {
            Description = "CNTF null allele (G>A splice). Frequency 0.125 (derived: 1-2.3 % of people are null homozygotes, Ann Neurol 2003;54:130, √0.016); "
                + "the same in other groups (assumption).",
        },
        new GeneVariant("CNTFR", "snp_CNTFR_C174T", "174T", Frequencies(
                european: 0.2, eastAsian: 0.2, african: 0.2, southAsian: 0.2, hispanic: 0.2), [])
        {
            Description = "CNTFR C174T: neutral. Roth 2003 associates it with fat-free mass in 465 BLSA subjects aged 20-90, but the size is not available, "
                + "and the review's \"one age group only\" is not in the sources seen. Frequency 0.2 is an assumption.",
        },
        new GeneVariant("IL15RA", "rs2228059", "1775C", Frequencies(
                european: 0.45, eastAsian: 0.45, african: 0.45, southAsian: 0.45, hispanic: 0.45), [])
        {
            Description = "IL15RA 1775 A>C: neutral. Pistilli 2008 associates it with baseline muscle volume in Caucasians (p = .04, sex-specific), "
                + "without a size; Riechman 2004's IL15RA effects are on the response to training, which the model does not simulate. "
                + "The review's \"IL15 +7336 C>T\" cannot be mapped to any known variant and is not modelled. Frequency 0.45 is an assumption.",
        },
    ];

    /// <summary>
    /// Cited defaults. Additive shares: height 0.81 (Silventoinen 2008), peak ASM index 0.65 (Hsu 2005, ALM 0.66;
    /// Livshits 2007, lean mass 0.652), peak grip 0.56 (Zempo 2017 meta-analysis, grip 0.56; Silventoinen 2008, 0.5–0.6),
    /// peak gait 0.39 (Carmelli 2000, additive part of lower-extremity function), loss rate and quality decline 0.1
    /// (assumption from the life-course sheet §8: the heritability of decline is small, 0–0.2, and change is mostly
    /// non-shared environment, Tiainen). Shared environment 0 (assumption: adult twin studies of lean mass and strength
    /// mostly find c² near zero; Tiainen 2004's grip c² 0.26 in older women is one small sample). Genes: <see cref="DefaultGenes"/>.
    /// </summary>
    public static Genetics Default { get; } = new(
        Height: Both(0.81, 0),
        Asmi: Both(0.65, 0),
        Grip: Both(0.56, 0),
        Gait: Both(0.39, 0),
        LossRate: Both(0.1, 0),
        QualityDecline: Both(0.1, 0),
        Genes: DefaultGenes);

    /// <summary>The most candidate variants a model may list (each is a genotype column of every chunk).</summary>
    public const int MaxGenes = 16;

    // Effects above this many SDs are far outside anything published for a single variant.
    private const double MaxEffectSize = 3;

    /// <summary>The shares of <paramref name="trait"/>.</summary>
    public BySex<VarianceShares> SharesOf(GeneticTrait trait) => trait switch
    {
        GeneticTrait.Height => Height,
        GeneticTrait.Asmi => Asmi,
        GeneticTrait.Grip => Grip,
        GeneticTrait.Gait => Gait,
        GeneticTrait.LossRate => LossRate,
        GeneticTrait.QualityDecline => QualityDecline,
        _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, "Unknown trait."),
    };

    /// <summary>The correlation of <paramref name="trait"/>'s score with the score it is built on (grip on the ASM index, quality on the loss rate), else 0.</summary>
    internal static double CorrelationWithBase(GeneticTrait trait, PeakTraits peak, Strength strength) => trait switch
    {
        GeneticTrait.Grip => peak.MassGripCorrelation,
        GeneticTrait.QualityDecline => strength.MassRateCorrelation,
        _ => 0,
    };

    /// <summary>The trait whose score <paramref name="trait"/>'s is built on, or <paramref name="trait"/> itself.</summary>
    internal static GeneticTrait BaseOf(GeneticTrait trait) => trait switch
    {
        GeneticTrait.Grip => GeneticTrait.Asmi,
        GeneticTrait.QualityDecline => GeneticTrait.LossRate,
        _ => trait,
    };

    /// <summary>
    /// The shares of the independent part of <paramref name="trait"/>'s score (its own draw), and what an effect of one SD
    /// on the whole score is in SDs of that part: 1/√(1 − ρ²).
    /// </summary>
    internal (double Additive, double Shared, double EffectScale) OwnShares(GeneticTrait trait, Sex sex, PeakTraits peak, Strength strength)
    {
        double rho = CorrelationWithBase(trait, peak, strength);
        VarianceShares whole = SharesOf(trait)[sex];
        if (rho == 0)
        {
            return (whole.Additive, whole.Shared, 1);
        }

        VarianceShares basis = SharesOf(BaseOf(trait))[sex];
        double r2 = rho * rho;
        return ((whole.Additive - (r2 * basis.Additive)) / (1 - r2), (whole.Shared - (r2 * basis.Shared)) / (1 - r2), 1 / Math.Sqrt(1 - r2));
    }

    /// <summary>The variance of <paramref name="trait"/>'s own score that the genes explain among people of <paramref name="sex"/> and <paramref name="ancestry"/>.</summary>
    internal double GeneVariance(GeneticTrait trait, Sex sex, Ancestry ancestry, double effectScale)
    {
        double variance = 0;
        foreach (GeneVariant gene in Genes)
        {
            double p = gene.FrequencyIn(ancestry);
            foreach (GeneEffect effect in gene.Effects)
            {
                if (effect.Trait == trait && effect.AppliesTo(sex, ancestry))
                {
                    double size = effect.Size * effectScale;
                    variance += size * size * GeneVariant.Variance(effect.Mode, p);
                }
            }
        }

        return variance;
    }

    internal void Validate(ParameterValidator v, string path, PeakTraits peak, Strength strength)
    {
        int before = v.Errors.Count;
        foreach (GeneticTrait trait in Enum.GetValues<GeneticTrait>())
        {
            string name = JsonName(trait);
            BySex<VarianceShares> shares = SharesOf(trait);
            foreach (Sex sex in (ReadOnlySpan<Sex>)[Sim.Sex.Female, Sim.Sex.Male])
            {
                if (shares[sex] is null)
                {
                    v.Fail($"{path}.{name}.{JsonName(sex)}", "null", "the additive and shared shares");
                    continue;
                }

                shares[sex].Validate(v, $"{path}.{name}.{JsonName(sex)}");
            }
        }

        if (Genes.Length > MaxGenes)
        {
            v.Fail($"{path}.genes", $"{Genes.Length} variants", $"at most {MaxGenes}");
        }

        for (int g = 0; g < Genes.Length; g++)
        {
            ValidateGene(v, $"{path}.genes[{g}]", Genes[g]);
        }

        if (v.Errors.Count > before || peak is null || strength is null)
        {
            return;
        }

        // Only once every share and gene is valid: the own parts' shares and the genes' variance.
        foreach (GeneticTrait trait in Enum.GetValues<GeneticTrait>())
        {
            foreach (Sex sex in (ReadOnlySpan<Sex>)[Sim.Sex.Female, Sim.Sex.Male])
            {
                (double a, double c, double scale) = OwnShares(trait, sex, peak, strength);
                string at = $"{path}.{JsonName(trait)}.{JsonName(sex)}";
                if (a < 0 || c < 0 || a + c > 1)
                {
                    v.Fail(at, $"additive {ParameterValidator.Format(SharesOf(trait)[sex].Additive)}, shared {ParameterValidator.Format(SharesOf(trait)[sex].Shared)}",
                        $"shares its own part can carry beside the {JsonName(BaseOf(trait))} score it is correlated with (ρ = {ParameterValidator.Format(CorrelationWithBase(trait, peak, strength))}): "
                        + "(share − ρ²·that trait's share)/(1 − ρ²) in [0, 1] for additive and shared, adding up to at most 1");
                    continue;
                }

                foreach (Ancestry ancestry in Enum.GetValues<Ancestry>())
                {
                    double explained = GeneVariance(trait, sex, ancestry, scale);
                    if (explained > a)
                    {
                        v.Fail($"{path}.genes", string.Create(CultureInfo.InvariantCulture, $"effects explaining {explained:0.###} of the {JsonName(trait)} score's own variance in {ancestry} {JsonName(sex)}s"),
                            string.Create(CultureInfo.InvariantCulture, $"at most its additive share, {a:0.###}"));
                    }
                }
            }
        }
    }

    private static void ValidateGene(ParameterValidator v, string path, GeneVariant? gene)
    {
        if (gene is null)
        {
            v.Fail(path, "null", "a gene variant");
            return;
        }

        if (!KnownGenes.Contains(gene.Gene, StringComparer.Ordinal))
        {
            v.Fail($"{path}.gene", $"\"{gene.Gene}\"", $"one of {string.Join(", ", KnownGenes)}{NameMatch.Hint(gene.Gene ?? "", KnownGenes)}");
        }

        if (string.IsNullOrWhiteSpace(gene.Snp) || !(IsDbSnpId(gene.Snp) || gene.Snp.StartsWith("snp_", StringComparison.Ordinal)))
        {
            v.Fail($"{path}.snp", $"\"{gene.Snp}\"", "a dbSNP id (rs and digits) or a name starting with snp_");
        }

        foreach (Ancestry ancestry in Enum.GetValues<Ancestry>())
        {
            int listed = gene.Frequencies.AsSpan().ToArray().Count(f => f?.Ancestry == ancestry);
            if (listed != 1)
            {
                v.Fail($"{path}.frequencies", listed == 0 ? $"no frequency for {ancestry}" : $"{listed} frequencies for {ancestry}", "one frequency for every ancestry");
            }
        }

        for (int i = 0; i < gene.Frequencies.Length; i++)
        {
            AlleleFrequency f = gene.Frequencies[i];
            if (f is null || !Enum.IsDefined(f.Ancestry))
            {
                v.Fail($"{path}.frequencies[{i}].ancestry", f?.Ancestry.ToString() ?? "null", $"one of {string.Join(", ", Enum.GetNames<Ancestry>())}");
                continue;
            }

            v.Range($"{path}.frequencies[{i}].frequency", f.Frequency, 0, 1);
        }

        for (int i = 0; i < gene.Effects.Length; i++)
        {
            GeneEffect e = gene.Effects[i];
            string at = $"{path}.effects[{i}]";
            if (e is null)
            {
                v.Fail(at, "null", "a gene effect");
                continue;
            }

            v.Range($"{at}.size", e.Size, -MaxEffectSize, MaxEffectSize);
            if (!Enum.IsDefined(e.Trait))
            {
                v.Fail($"{at}.trait", e.Trait.ToString(), $"one of {string.Join(", ", Enum.GetNames<GeneticTrait>())}");
            }

            if (!Enum.IsDefined(e.Mode))
            {
                v.Fail($"{at}.mode", e.Mode.ToString(), $"one of {string.Join(", ", Enum.GetNames<InheritanceMode>())}");
            }
        }
    }

    private static bool IsDbSnpId(string name) => name.Length > 2 && name.StartsWith("rs", StringComparison.Ordinal) && name.AsSpan(2).ContainsAnyExceptInRange('0', '9') is false;

    private static string JsonName(GeneticTrait trait) => JsonName(trait.ToString());

    private static string JsonName(Sex sex) => JsonName(sex.ToString());

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static BySex<VarianceShares> Both(double additive, double shared) => BySex<VarianceShares>.Both(new VarianceShares(additive, shared));

    private static EquatableArray<AlleleFrequency> Frequencies(double european, double eastAsian, double african, double southAsian, double hispanic) =>
    [
        new AlleleFrequency(Sim.Ancestry.European, european),
        new AlleleFrequency(Sim.Ancestry.EastAsian, eastAsian),
        new AlleleFrequency(Sim.Ancestry.African, african),
        new AlleleFrequency(Sim.Ancestry.SouthAsian, southAsian),
        new AlleleFrequency(Sim.Ancestry.HispanicLatino, hispanic),
    ];
}
