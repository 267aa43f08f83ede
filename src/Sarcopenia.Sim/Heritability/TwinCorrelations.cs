using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Sarcopenia.Sim.Heritability;

/// <summary>A twin (intraclass) correlation of one zygosity group, with its confidence interval.</summary>
/// <param name="Zygosity">The group.</param>
/// <param name="Pairs">The number of pairs.</param>
/// <param name="Correlation">The double-entry intraclass correlation.</param>
/// <param name="Lower">The lower end of the Fisher-z confidence interval.</param>
/// <param name="Upper">The upper end.</param>
public sealed record TwinCorrelation(Zygosity Zygosity, int Pairs, double Correlation, double Lower, double Upper);

/// <summary>Falconer's estimates from the monozygotic and dizygotic twin correlations.</summary>
/// <param name="A">h² = 2(rMZ − rDZ), the additive genetic share.</param>
/// <param name="C">c² = 2rDZ − rMZ, the shared-environment share.</param>
/// <param name="E">e² = 1 − rMZ, the unique-environment share.</param>
/// <remarks>
/// The three sum to 1 but are not constrained to [0, 1]: rMZ &gt; 2rDZ gives a negative c² (a sign of dominance or of
/// sampling error), rMZ &lt; rDZ a negative h². The maximum-likelihood models (<see cref="TwinModels"/>) keep every
/// share in [0, 1].
/// </remarks>
public sealed record FalconerEstimate(double A, double C, double E);

/// <summary>Twin correlations by zygosity and Falconer's formula.</summary>
public static class TwinCorrelations
{
    // Fisher's z-transform of an intraclass correlation from n pairs has standard error 1/√(n − 3/2) (Fisher,
    // Statistical Methods for Research Workers, §40), so at least two pairs are needed.
    private const double FisherPairsOffset = 1.5;

    /// <summary>The fewest pairs for which a correlation and its interval are computed.</summary>
    public const int MinimumPairs = 3;

    /// <summary>
    /// The double-entry intraclass correlation of the trait in each zygosity group (monozygotic, same-sex dizygotic,
    /// opposite-sex dizygotic) that has at least <see cref="MinimumPairs"/> pairs.
    /// </summary>
    /// <param name="data">The pairs.</param>
    /// <param name="trait">The trait, or <see langword="null"/> for the only trait.</param>
    /// <param name="confidenceLevel">The interval's confidence level, in (0, 1).</param>
    /// <remarks>
    /// Each pair is entered twice, in both orders, so the correlation does not depend on which twin is twin 1:
    /// <c>r = 2·Σ(y₁ − m)(y₂ − m) / Σ[(y₁ − m)² + (y₂ − m)²]</c>, with <c>m</c> the mean of all the group's twins.
    /// Opposite-sex pairs' correlation includes any difference between the sexes' means, which lowers it; compare
    /// same-sex groups, or use <see cref="TwinModels"/>, whose mean is per sex.
    /// </remarks>
    public static IReadOnlyList<TwinCorrelation> ByZygosity(TwinPairs data, string? trait = null, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "Expected a confidence level in (0, 1), e.g. 0.95.");
        }

        TwinColumn<double> column = data.Trait(trait);
        double z = Normal.InvCDF(0, 1, 1 - (1 - confidenceLevel) / 2);
        var correlations = new List<TwinCorrelation>();
        foreach (Zygosity zygosity in Enum.GetValues<Zygosity>())
        {
            int[] rows = [.. Enumerable.Range(0, data.Count).Where(r => data.ZygosityArray[r] == zygosity)];
            if (rows.Length < MinimumPairs)
            {
                continue;
            }

            double mean = rows.Sum(r => column.Twin1Array[r] + column.Twin2Array[r]) / (2.0 * rows.Length);
            double cross = 0, squares = 0;
            foreach (int r in rows)
            {
                double a = column.Twin1Array[r] - mean, b = column.Twin2Array[r] - mean;
                cross += a * b;
                squares += a * a + b * b;
            }

            double correlation = squares > 0 ? 2 * cross / squares : double.NaN;
            double center = Math.Atanh(correlation), halfWidth = z / Math.Sqrt(rows.Length - FisherPairsOffset);
            correlations.Add(new TwinCorrelation(zygosity, rows.Length, correlation, Math.Tanh(center - halfWidth), Math.Tanh(center + halfWidth)));
        }

        return correlations;
    }

    /// <summary>Falconer's estimates from a monozygotic and a dizygotic correlation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A correlation is not in [−1, 1].</exception>
    public static FalconerEstimate Falconer(double monozygotic, double dizygotic)
    {
        foreach ((string name, double r) in new[] { (nameof(monozygotic), monozygotic), (nameof(dizygotic), dizygotic) })
        {
            if (!(r >= -1 && r <= 1))
            {
                throw new ArgumentOutOfRangeException(name, r, string.Create(CultureInfo.InvariantCulture, $"{name} correlation {r} is not allowed; expected a number in [-1, 1]."));
            }
        }

        return new FalconerEstimate(2 * (monozygotic - dizygotic), 2 * dizygotic - monozygotic, 1 - monozygotic);
    }

    /// <summary>
    /// Falconer's estimates from the monozygotic and same-sex dizygotic correlations of <paramref name="correlations"/>,
    /// or <see langword="null"/> when either is missing.
    /// </summary>
    public static FalconerEstimate? Falconer(IReadOnlyList<TwinCorrelation> correlations)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        TwinCorrelation? mz = correlations.FirstOrDefault(c => c.Zygosity == Zygosity.Monozygotic);
        TwinCorrelation? dz = correlations.FirstOrDefault(c => c.Zygosity == Zygosity.DizygoticSameSex);
        return mz is null || dz is null || !double.IsFinite(mz.Correlation) || !double.IsFinite(dz.Correlation) ? null : Falconer(mz.Correlation, dz.Correlation);
    }
}
