using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Sarcopenia.Sim.Heritability;

/// <summary>Which twins enter a SNP association test.</summary>
public enum AssociationSample
{
    /// <summary>
    /// Twin 1 of each pair only: independent individuals, so the ordinary least squares standard error holds; half
    /// the data are left unused.
    /// </summary>
    FirstTwin = 0,

    /// <summary>
    /// Both twins, with a cluster-robust (sandwich) standard error that treats each pair as a cluster, so the twins'
    /// correlation (of genotypes and of the trait) does not make the test anti-conservative.
    /// </summary>
    BothTwins = 1,
}

/// <summary>The additive association of a trait with a SNP's allele count in one subgroup.</summary>
/// <param name="Subgroup">The subgroup's label (<c>all</c> for every pair).</param>
/// <param name="Snp">The SNP.</param>
/// <param name="Trait">The trait.</param>
/// <param name="Individuals">The number of twins in the regression.</param>
/// <param name="Pairs">The number of pairs they come from.</param>
/// <param name="AlleleFrequency">The coded allele's frequency among those twins.</param>
/// <param name="Effect">The change in the trait's mean per copy of the coded allele, in the trait's units.</param>
/// <param name="StandardError">Its standard error (ordinary, or cluster-robust over pairs).</param>
/// <param name="P">The two-sided p-value of no effect, from Student's t (n − 2 degrees of freedom, or pairs − 1 for the cluster-robust error).</param>
/// <param name="StandardizedEffect">The effect per allele in standard deviations of the trait.</param>
public sealed record SnpAssociationResult(string Subgroup, string Snp, string Trait, int Individuals, int Pairs, double AlleleFrequency, double Effect,
    double StandardError, double P, double StandardizedEffect);

/// <summary>
/// Per-SNP association of a trait with genotype under the additive model (trait regressed on the number of copies of
/// the coded allele), by subgroup, and the power of such a test, so that a user can see what sample size rediscovers an
/// effect.
/// </summary>
public static class SnpAssociation
{
    /// <summary>The fewest individuals (and, for the cluster-robust error, pairs) a test accepts.</summary>
    public const int MinimumIndividuals = 10;

    /// <summary>Tests the association of <paramref name="trait"/> with <paramref name="snp"/> over all the pairs.</summary>
    /// <param name="data">The pairs, with the SNP's genotypes.</param>
    /// <param name="snp">The SNP's name.</param>
    /// <param name="trait">The trait, or <see langword="null"/> for the only trait.</param>
    /// <param name="sample">Which twins enter the regression.</param>
    /// <exception cref="InvalidDataException">Fewer than <see cref="MinimumIndividuals"/> individuals, or every genotype the same.</exception>
    public static SnpAssociationResult Test(TwinPairs data, string snp, string? trait = null, AssociationSample sample = AssociationSample.BothTwins) =>
        Test(data, snp, trait, sample, "all");

    /// <summary>
    /// Tests the association in each subgroup of <paramref name="grouping"/> (sex, ancestry, age band), skipping
    /// subgroups with fewer than <see cref="MinimumIndividuals"/> individuals or a single genotype.
    /// </summary>
    public static IReadOnlyList<SnpAssociationResult> BySubgroup(TwinPairs data, string snp, TwinGrouping grouping, string? trait = null,
        AssociationSample sample = AssociationSample.BothTwins)
    {
        ArgumentNullException.ThrowIfNull(data);
        var results = new List<SnpAssociationResult>();
        foreach (TwinSubset subset in TwinSubsets.Split(data, grouping))
        {
            (double[] g, double[] _, int[] _) = Sample(subset.Pairs, subset.Pairs.Genotype(snp), subset.Pairs.Trait(trait), sample);
            if (g.Length >= MinimumIndividuals && g.Distinct().Count() > 1)
            {
                results.Add(Test(subset.Pairs, snp, trait, sample, subset.Label));
            }
        }

        return results;
    }

    /// <summary>
    /// The power of a two-sided test at level <paramref name="alpha"/> of an additive effect of
    /// <paramref name="standardizedEffect"/> trait standard deviations per allele, in <paramref name="individuals"/>
    /// independent individuals, for an allele of frequency <paramref name="alleleFrequency"/> in Hardy–Weinberg
    /// proportions.
    /// </summary>
    /// <remarks>
    /// The test statistic is normal with mean √λ, where the noncentrality <c>λ = n·β²·2q(1 − q)</c> (the allele
    /// count's variance is <c>2q(1 − q)</c>; the SNP is taken to explain a small part of the variance); power is
    /// <c>Φ(√λ − z) + Φ(−√λ − z)</c> with <c>z = Φ⁻¹(1 − α/2)</c>, the same as a 1-degree-of-freedom noncentral χ².
    /// For both twins of a pair use <see cref="EffectiveIndividuals"/>.
    /// </remarks>
    public static double Power(double standardizedEffect, double alleleFrequency, double individuals, double alpha = 0.05)
    {
        double z = CheckedCritical(standardizedEffect, alleleFrequency, alpha);
        if (!(individuals >= 0) || !double.IsFinite(individuals))
        {
            throw new ArgumentOutOfRangeException(nameof(individuals), individuals, "Expected a finite number of individuals, at least 0.");
        }

        double shift = Math.Sqrt(individuals * standardizedEffect * standardizedEffect * 2 * alleleFrequency * (1 - alleleFrequency));
        return Normal.CDF(0, 1, shift - z) + Normal.CDF(0, 1, -shift - z);
    }

    /// <summary>
    /// The number of independent individuals for which the test of <see cref="Power"/> reaches <paramref name="power"/>:
    /// <c>(z₁₋α/₂ + z_power)² / (β²·2q(1 − q))</c>, rounded up (the opposite tail's tiny share of power is ignored).
    /// </summary>
    public static double RequiredIndividuals(double standardizedEffect, double alleleFrequency, double power = 0.8, double alpha = 0.05)
    {
        double z = CheckedCritical(standardizedEffect, alleleFrequency, alpha);
        if (!(power > 0 && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "Expected a power in (0, 1), e.g. 0.8.");
        }

        if (standardizedEffect == 0)
        {
            return double.PositiveInfinity;
        }

        double sum = z + Normal.InvCDF(0, 1, power);
        return Math.Ceiling(sum * sum / (standardizedEffect * standardizedEffect * 2 * alleleFrequency * (1 - alleleFrequency)));
    }

    /// <summary>
    /// How many independent individuals <paramref name="pairs"/> pairs of twins are worth in an association test on
    /// both twins: <c>2n / (1 + ρg·ρe)</c>, where <paramref name="genotypeCorrelation"/> is the twins' genotype
    /// correlation (1 for monozygotic, 1/2 for dizygotic pairs) and <paramref name="residualCorrelation"/> their trait
    /// correlation once the SNP is accounted for (the design effect of clusters of two on a regression slope).
    /// </summary>
    public static double EffectiveIndividuals(double pairs, double genotypeCorrelation, double residualCorrelation)
    {
        if (!(genotypeCorrelation is >= 0 and <= 1) || !(residualCorrelation is >= -1 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(genotypeCorrelation), string.Create(CultureInfo.InvariantCulture,
                $"Genotype correlation {genotypeCorrelation} and residual correlation {residualCorrelation}: expected [0, 1] and [-1, 1]."));
        }

        return 2 * pairs / (1 + genotypeCorrelation * residualCorrelation);
    }

    private static double CheckedCritical(double standardizedEffect, double alleleFrequency, double alpha)
    {
        if (!double.IsFinite(standardizedEffect))
        {
            throw new ArgumentOutOfRangeException(nameof(standardizedEffect), standardizedEffect, "Expected a finite effect in trait standard deviations per allele.");
        }

        if (!(alleleFrequency > 0 && alleleFrequency < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alleleFrequency), alleleFrequency, "Expected an allele frequency in (0, 1).");
        }

        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Expected a significance level in (0, 1), e.g. 0.05 or 5e-8.");
        }

        return Normal.InvCDF(0, 1, 1 - alpha / 2);
    }

    private static SnpAssociationResult Test(TwinPairs data, string snp, string? trait, AssociationSample sample, string subgroup)
    {
        ArgumentNullException.ThrowIfNull(data);
        TwinColumn<byte> genotype = data.Genotype(snp);
        TwinColumn<double> column = data.Trait(trait);
        (double[] g, double[] y, int[] cluster) = Sample(data, genotype, column, sample);
        int n = g.Length;
        if (n < MinimumIndividuals)
        {
            throw new InvalidDataException($"{subgroup}: {n} individuals are too few for an association test of {genotype.Name}; expected at least {MinimumIndividuals}.");
        }

        double gMean = g.Average(), yMean = y.Average();
        double sgg = 0, sgy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sgg += (g[i] - gMean) * (g[i] - gMean);
            sgy += (g[i] - gMean) * (y[i] - yMean);
            syy += (y[i] - yMean) * (y[i] - yMean);
        }

        if (sgg == 0)
        {
            throw new InvalidDataException($"{subgroup}: every individual has the same genotype of {genotype.Name}, so its effect cannot be estimated.");
        }

        double effect = sgy / sgg;
        double standardError;
        int degreesOfFreedom;
        int pairs = cluster.Distinct().Count();
        if (sample == AssociationSample.FirstTwin)
        {
            double residualVariance = (syy - effect * sgy) / (n - 2);
            standardError = Math.Sqrt(residualVariance / sgg);
            degreesOfFreedom = n - 2;
        }
        else
        {
            // Sandwich over pairs: with the genotype centered the bread is diagonal, so the slope's variance is
            // Σ_pairs (Σ (g − ḡ)·u)² / Sgg², times the usual small-sample factor G/(G − 1)·(N − 1)/(N − 2).
            var scores = new Dictionary<int, double>();
            for (int i = 0; i < n; i++)
            {
                double residual = y[i] - yMean - effect * (g[i] - gMean);
                scores[cluster[i]] = scores.GetValueOrDefault(cluster[i]) + (g[i] - gMean) * residual;
            }

            double meat = scores.Values.Sum(s => s * s);
            double correction = pairs / (pairs - 1.0) * (n - 1.0) / (n - 2.0);
            standardError = Math.Sqrt(correction * meat) / sgg;
            degreesOfFreedom = pairs - 1;
        }

        double t = effect / standardError;
        double p = 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t));
        double sd = Math.Sqrt(syy / (n - 1));
        return new SnpAssociationResult(subgroup, genotype.Name, column.Name, n, pairs, g.Sum() / (2.0 * n), effect, standardError, p, effect / sd);
    }

    /// <summary>The genotypes, trait values and pair indices of the twins that enter the test.</summary>
    private static (double[] Genotypes, double[] Trait, int[] Pair) Sample(TwinPairs data, TwinColumn<byte> genotype, TwinColumn<double> trait, AssociationSample sample)
    {
        int n = data.Count;
        int twins = sample == AssociationSample.FirstTwin ? 1 : 2;
        double[] g = new double[n * twins], y = new double[n * twins];
        int[] pair = new int[n * twins];
        for (int i = 0; i < n; i++)
        {
            g[i] = genotype.Twin1Array[i];
            y[i] = trait.Twin1Array[i];
            pair[i] = i;
            if (twins == 2)
            {
                g[n + i] = genotype.Twin2Array[i];
                y[n + i] = trait.Twin2Array[i];
                pair[n + i] = i;
            }
        }

        return (g, y, pair);
    }
}
