namespace Sarcopenia.Sim.Tests.Support;

/// <summary>
/// Standard errors for statistical assertions. Every statistical test uses a fixed seed, so it is deterministic; the
/// tolerance is <see cref="Sigmas"/> standard errors, which a correct model would exceed with a fresh seed with
/// probability about 6e-7 per check.
/// </summary>
internal static class MonteCarlo
{
    /// <summary>Statistical checks accept an estimate within this many standard errors.</summary>
    public const double Sigmas = 5.0;

    /// <summary>sqrt(pi / 2): the standard error of a sample median is this times sd / sqrt(n) for a normal sample.</summary>
    public static readonly double MedianFactor = Math.Sqrt(Math.PI / 2);

    /// <summary>SE of a sample mean: sd / sqrt(n).</summary>
    public static double MeanError(double sd, long n) => sd / Math.Sqrt(n);

    /// <summary>SE of a sample standard deviation of a normal sample: sd / sqrt(2n).</summary>
    public static double SdError(double sd, long n) => sd / Math.Sqrt(2.0 * n);

    /// <summary>SE of a sample median of a normal sample: sqrt(pi/2) · sd / sqrt(n).</summary>
    public static double MedianError(double sd, long n) => MedianFactor * sd / Math.Sqrt(n);

    /// <summary>SE of the difference of two independent proportions estimated from n1 and n2 draws, at the pooled p.</summary>
    public static double ProportionDifferenceError(double p, long n1, long n2) =>
        Math.Sqrt(Math.Max(p * (1 - p), 0) * (1.0 / n1 + 1.0 / n2));

    /// <summary>Mean and population SD of a sample.</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyCollection<double> values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>The sample median.</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>A standard normal from <paramref name="random"/> (Box–Muller). Tests only: the library never uses System.Random.</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
