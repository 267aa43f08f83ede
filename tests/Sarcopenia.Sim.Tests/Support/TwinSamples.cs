using Sarcopenia.Sim.Heritability;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>Variance components (in trait units squared) of a simulated trait, by sex.</summary>
internal sealed record Components(double A, double C, double E, double D = 0)
{
    public double Total => A + C + D + E;
}

/// <summary>
/// How to simulate twin pairs for the estimator tests: a normal trait whose genetic and environmental parts are shared
/// as the classical twin model says (A: 1 and 1/2, D: 1 and 1/4, C: 1, E: 0), optionally with a SNP in Hardy–Weinberg
/// proportions and Mendelian transmission whose additive effect may be limited to one sex.
/// </summary>
internal sealed record TwinSampleSpec
{
    public int MonozygoticPairs { get; init; } = 1000;

    public int DizygoticPairs { get; init; } = 1000;

    /// <summary>The share of dizygotic pairs that are of opposite sexes; the other pairs are half women, half men.</summary>
    public double OppositeSexShare { get; init; }

    public Components Female { get; init; } = new(0.5, 0.2, 0.3);

    /// <summary>Men's components, or null for the same as women's.</summary>
    public Components? Male { get; init; }

    public double FemaleMean { get; init; } = 10;

    public double MaleDifference { get; init; }

    /// <summary>Change of the mean per year of age; ages are uniform on [40, 90).</summary>
    public double AgeSlope { get; init; }

    public double AlleleFrequency { get; init; } = 0.4;

    /// <summary>The SNP's additive effect per allele, in trait units.</summary>
    public double SnpEffect { get; init; }

    /// <summary>Whether the SNP acts in women only (otherwise in everyone).</summary>
    public bool SnpInWomenOnly { get; init; }
}

/// <summary>
/// Simulates twin pairs from a fixed seed (tests only: the library never uses System.Random). The estimator, tool and
/// chart tests all draw their pairs here (the other test projects link this file), so there is one twin simulator to trust.
/// </summary>
internal static class TwinSamples
{
    public const string Trait = "grip";

    public const string Snp = "rs1815739";

    public static TwinPairs Generate(TwinSampleSpec spec, int seed)
    {
        var random = new Random(seed);
        int n = spec.MonozygoticPairs + spec.DizygoticPairs;
        var zygosity = new Zygosity[n];
        var sex1 = new Sex[n];
        var sex2 = new Sex[n];
        double[] age = new double[n], y1 = new double[n], y2 = new double[n];
        var ancestry = new Ancestry[n];
        byte[] g1 = new byte[n], g2 = new byte[n];
        for (int i = 0; i < n; i++)
        {
            bool mz = i < spec.MonozygoticPairs;
            bool opposite = !mz && random.NextDouble() < spec.OppositeSexShare;
            zygosity[i] = mz ? Zygosity.Monozygotic : opposite ? Zygosity.DizygoticOppositeSex : Zygosity.DizygoticSameSex;
            sex1[i] = random.NextDouble() < 0.5 ? Sex.Female : Sex.Male;
            sex2[i] = opposite ? (sex1[i] == Sex.Female ? Sex.Male : Sex.Female) : sex1[i];
            age[i] = 40 + 50 * random.NextDouble();
            ancestry[i] = random.NextDouble() < 0.5 ? Ancestry.European : Ancestry.African;
            (g1[i], g2[i]) = Genotypes(random, mz, spec.AlleleFrequency);

            // Standard normal parts: the shared ones (s), each twin's own (1, 2); a twin's part mixes them so that the
            // twins' correlation is that of the component.
            double aShared = Normal(random), a1 = Normal(random), a2 = Normal(random);
            double dShared = Normal(random), d1 = Normal(random), d2 = Normal(random);
            double c = Normal(random);
            double rA = mz ? 1 : 0.5, rD = mz ? 1 : 0.25;
            y1[i] = Value(spec, sex1[i], age[i], g1[i], Mix(aShared, a1, rA), c, Mix(dShared, d1, rD), Normal(random));
            y2[i] = Value(spec, sex2[i], age[i], g2[i], Mix(aShared, a2, rA), c, Mix(dShared, d2, rD), Normal(random));
        }

        return new TwinPairs(zygosity, sex1, sex2, age, ancestry,
            [new TwinColumn<double>(Trait, y1, y2)], [new TwinColumn<byte>(Snp, g1, g2)]);
    }

    private static double Normal(Random random) => MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);

    /// <summary>A standard normal with correlation <paramref name="r"/> to another mixed from the same shared part.</summary>
    private static double Mix(double shared, double own, double r) => Math.Sqrt(r) * shared + Math.Sqrt(1 - r) * own;

    private static double Value(TwinSampleSpec spec, Sex sex, double age, byte genotype, double a, double c, double d, double e)
    {
        Components v = sex == Sex.Male ? spec.Male ?? spec.Female : spec.Female;
        double snp = spec.SnpInWomenOnly && sex == Sex.Male ? 0 : spec.SnpEffect * genotype;
        return spec.FemaleMean + (sex == Sex.Male ? spec.MaleDifference : 0) + spec.AgeSlope * (age - 65) + snp
            + Math.Sqrt(v.A) * a + Math.Sqrt(v.C) * c + Math.Sqrt(v.D) * d + Math.Sqrt(v.E) * e;
    }

    /// <summary>Parents in Hardy–Weinberg proportions; each twin takes one allele of each parent (monozygotic twins the same ones).</summary>
    private static (byte, byte) Genotypes(Random random, bool monozygotic, double q)
    {
        bool[] mother = [random.NextDouble() < q, random.NextDouble() < q];
        bool[] father = [random.NextDouble() < q, random.NextDouble() < q];
        byte Child() => (byte)((mother[random.Next(2)] ? 1 : 0) + (father[random.Next(2)] ? 1 : 0));
        byte first = Child();
        return (first, monozygotic ? first : Child());
    }
}
