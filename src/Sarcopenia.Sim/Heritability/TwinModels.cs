using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.RootFinding;

namespace Sarcopenia.Sim.Heritability;

/// <summary>
/// Maximum-likelihood variance-component models of twin pairs (ACE, ADE, AE, CE, E) on the bivariate normal pair
/// covariance, as OpenMx and umx fit them: for monozygotic pairs <c>[[A+C+D+E, A+C+D], [A+C+D, A+C+D+E]]</c>, for
/// dizygotic pairs the covariance <c>½A + C + ¼D</c>, with a mean per sex (by default) profiled out by generalized least
/// squares. Components stay non-negative because the optimizer works on the log of the total variance and angles whose
/// squared cosines split it (path coefficients on a sphere), which reach a share of exactly zero at finite values, so
/// boundary solutions (C = 0, say) are found rather than approached. The likelihood is computed from per-group sums of
/// cross-products (<see cref="PairStatistics"/>), so each evaluation costs the same for 100 or 10⁶ pairs.
/// </summary>
public static class TwinModels
{
    /// <summary>
    /// The fewest monozygotic and the fewest dizygotic pairs a fit accepts: fewer leave the 2×2 covariance of a group
    /// barely estimated and the normal-theory standard errors meaningless.
    /// </summary>
    public const int MinimumPairsPerZygosity = 10;

    // A share below this is a boundary solution: the optimizer's angle is then within ~1e-3 of 0 or π/2, where the
    // likelihood is flat to first order, so no finite-sample standard error of the share is meaningful.
    private const double BoundaryShare = 1e-6;

    // Relative gradient at which BFGS stops (MathNet scales the gradient by the parameters and by |−2 log L|): central
    // differences are good to about 1e-10 of |−2 log L|, so this is as tight as the gradient can be trusted.
    private const double GradientTolerance = 1e-9;

    // Central-difference step of the gradient in ln V and angles (both of order 1): balances truncation (h²) and
    // rounding (1e-16/h) errors.
    private const double GradientStep = 1e-5;

    // Step of the numeric Hessian, as a fraction of the total standard deviation (path coefficients are of that order).
    private const double HessianStep = 1e-4;

    // Accuracy of the interval ends on the share scale: far below any reported digit.
    private const double IntervalAccuracy = 1e-6;

    private const int MaxIterations = 1000;

    /// <summary>Fits one model to one trait of the pairs.</summary>
    /// <param name="data">The pairs: at least <see cref="MinimumPairsPerZygosity"/> monozygotic and as many dizygotic.</param>
    /// <param name="model">The model.</param>
    /// <param name="options">The trait, mean model and intervals; <see cref="TwinFitOptions.Default"/> when left out.</param>
    /// <exception cref="InvalidDataException">Too few pairs of a zygosity; the message gives the counts.</exception>
    /// <exception cref="ArgumentException">The trait is not in the pairs, or the options are out of range.</exception>
    public static TwinFit Fit(TwinPairs data, TwinModel model, TwinFitOptions? options = null)
    {
        (PairStatistics statistics, TwinColumn<double> trait, TwinFitOptions resolved) = Prepare(data, options);
        return Fit(statistics, trait.Name, data, model, resolved);
    }

    /// <summary>Fits several models to the same trait and tests each against every fitted model it is nested in.</summary>
    /// <param name="data">The pairs.</param>
    /// <param name="models">The models, e.g. ACE, ADE, AE, CE and E.</param>
    /// <param name="options">The trait, mean model and intervals; <see cref="TwinFitOptions.Default"/> when left out.</param>
    /// <exception cref="InvalidDataException">Too few pairs of a zygosity.</exception>
    /// <exception cref="ArgumentException">No model, a model twice, the trait is not in the pairs, or the options are out of range.</exception>
    public static TwinModelTable FitAll(TwinPairs data, IReadOnlyList<TwinModel> models, TwinFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0 || models.Distinct().Count() != models.Count)
        {
            throw new ArgumentException($"Models {string.Join(",", models.Select(m => m.Name()))} are not allowed; expected at least one model, each once.", nameof(models));
        }

        (PairStatistics statistics, TwinColumn<double> trait, TwinFitOptions resolved) = Prepare(data, options);
        TwinFit[] fits = [.. models.Select(m => Fit(statistics, trait.Name, data, m, resolved))];
        ModelComparison[] comparisons =
        [
            .. from sub in fits
               from full in fits
               where sub.Model.IsNestedIn(full.Model)
               select new ModelComparison(sub.Model, full.Model, Compare(sub, full)),
        ];
        return new TwinModelTable(fits, comparisons);
    }

    /// <summary>
    /// Fits <paramref name="models"/> in each subgroup of <paramref name="grouping"/> (by sex, ancestry and age band),
    /// with the subgroup's twin correlations; a subgroup with fewer than <see cref="MinimumPairsPerZygosity"/> pairs of
    /// a zygosity is returned with the reason it was skipped instead of a fit.
    /// </summary>
    public static IReadOnlyList<TwinSubsetFit> FitBy(TwinPairs data, TwinGrouping grouping, IReadOnlyList<TwinModel> models, TwinFitOptions? options = null)
    {
        options ??= TwinFitOptions.Default;
        var fits = new List<TwinSubsetFit>();
        foreach (TwinSubset subset in TwinSubsets.Split(data, grouping))
        {
            IReadOnlyList<TwinCorrelation> correlations = TwinCorrelations.ByZygosity(subset.Pairs, options.Trait, options.ConfidenceLevel);
            int monozygotic = subset.Pairs.CountOf(Zygosity.Monozygotic), dizygotic = subset.Pairs.Count - monozygotic;
            fits.Add(monozygotic < MinimumPairsPerZygosity || dizygotic < MinimumPairsPerZygosity
                ? new TwinSubsetFit(subset, correlations, null, string.Create(CultureInfo.InvariantCulture,
                    $"{monozygotic} monozygotic and {dizygotic} dizygotic pairs; at least {MinimumPairsPerZygosity} of each are needed"))
                : new TwinSubsetFit(subset, correlations, FitAll(subset.Pairs, models, options), null));
        }

        return fits;
    }

    /// <summary>
    /// Tests whether the variance components differ between women and men: the model fitted with one set of components
    /// for both sexes against one set per sex (same-sex pairs of both sexes are needed; opposite-sex pairs add the
    /// cross-sex covariance).
    /// </summary>
    /// <exception cref="InvalidDataException">Too few pairs of a zygosity, or the pairs lack same-sex pairs of one sex.</exception>
    public static SexLimitationTest SexLimitation(TwinPairs data, TwinModel model, TwinFitOptions? options = null)
    {
        (PairStatistics statistics, TwinColumn<double> trait, TwinFitOptions resolved) = Prepare(data, options);
        foreach (Sex sex in Enum.GetValues<Sex>())
        {
            int sameSex = statistics.Groups.Where(g => g.Sex1 == sex && g.Sex2 == sex).Sum(g => (int)g.Count);
            if (sameSex < MinimumPairsPerZygosity)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{trait.Name}: {sameSex} same-sex {sex} pairs; a test of sex differences needs at least {MinimumPairsPerZygosity} same-sex pairs of each sex."));
            }
        }

        TwinFit homogeneous = Fit(statistics, trait.Name, data, model, resolved);
        var space = new ComponentSpace(statistics, model.Components(), bySex: true);
        (double[] paths, double m2ll) = space.Maximize();
        VarianceEstimate[] estimates = space.Estimates(paths, m2ll, resolved);
        int k = space.Components.Length;
        int parameters = space.Dimension + statistics.Terms.Length;
        int df = parameters - homogeneous.Parameters;
        double statistic = Math.Max(0, homogeneous.MinusTwoLogLikelihood - m2ll);
        double p = 1 - ChiSquared.CDF(df, statistic);
        return new SexLimitationTest(model, homogeneous, estimates[..k], estimates[k..], m2ll, parameters, new LikelihoodRatioTest(statistic, df, p, p));
    }

    /// <summary>The likelihood-ratio test of <paramref name="constrained"/> against <paramref name="full"/>, fitted to the same pairs.</summary>
    /// <exception cref="ArgumentException"><paramref name="constrained"/> is not nested in <paramref name="full"/>.</exception>
    public static LikelihoodRatioTest Compare(TwinFit constrained, TwinFit full)
    {
        ArgumentNullException.ThrowIfNull(constrained);
        ArgumentNullException.ThrowIfNull(full);
        if (!constrained.Model.IsNestedIn(full.Model))
        {
            throw new ArgumentException($"{constrained.Model.Name()} is not nested in {full.Model.Name()}; expected a model whose components are a subset of the fuller model's.", nameof(constrained));
        }

        int df = full.Parameters - constrained.Parameters;
        double statistic = Math.Max(0, constrained.MinusTwoLogLikelihood - full.MinusTwoLogLikelihood);
        if (statistic == 0)
        {
            return new LikelihoodRatioTest(0, df, 1, 1);
        }

        // The mixture's χ²₀ part is a point mass at zero, which a positive statistic never reaches.
        double boundary = 0;
        for (int j = 1; j <= df; j++)
        {
            boundary += SpecialFunctions.Binomial(df, j) / Math.Pow(2, df) * (1 - ChiSquared.CDF(j, statistic));
        }

        return new LikelihoodRatioTest(statistic, df, 1 - ChiSquared.CDF(df, statistic), boundary);
    }

    private static (PairStatistics, TwinColumn<double>, TwinFitOptions) Prepare(TwinPairs data, TwinFitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= TwinFitOptions.Default;
        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Confidence level {options.ConfidenceLevel} is not allowed; expected a number in (0, 1), e.g. 0.95."), nameof(options));
        }

        TwinColumn<double> trait = data.Trait(options.Trait);
        int monozygotic = data.CountOf(Zygosity.Monozygotic);
        int dizygotic = data.Count - monozygotic;
        if (monozygotic < MinimumPairsPerZygosity || dizygotic < MinimumPairsPerZygosity)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{trait.Name}: {monozygotic} monozygotic and {dizygotic} dizygotic pairs are too few; twin models need at least {MinimumPairsPerZygosity} pairs of each zygosity."));
        }

        return (PairStatistics.Build(data, trait, options.Means), trait, options);
    }

    private static TwinFit Fit(PairStatistics statistics, string trait, TwinPairs data, TwinModel model, TwinFitOptions options)
    {
        var space = new ComponentSpace(statistics, model.Components(), bySex: false);
        (double[] paths, double m2ll) = space.Maximize();
        Span<double> beta = stackalloc double[statistics.Terms.Length];
        space.MinusTwoLogLikelihood(paths, beta);
        int monozygotic = data.CountOf(Zygosity.Monozygotic);
        return new TwinFit(model, trait, monozygotic, data.Count - monozygotic, space.Estimates(paths, m2ll, options), statistics.Means(beta), m2ll,
            space.Dimension + statistics.Terms.Length);
    }

    /// <summary>
    /// One model's parameter space over one set of statistics: path coefficients (square roots of the components'
    /// variances) in one block, or one block per sex; and the spherical parameterization the optimizer works in.
    /// </summary>
    private sealed class ComponentSpace
    {
        private readonly PairStatistics _statistics;
        private readonly int _blocks;

        // Per group: the block of twin 1 and of twin 2, and each component's correlation between the twins.
        private readonly int[] _block1;
        private readonly int[] _block2;
        private readonly double[][] _correlations;

        public ComponentSpace(PairStatistics statistics, IReadOnlyList<VarianceComponent> components, bool bySex)
        {
            _statistics = statistics;
            Components = [.. components];
            _blocks = bySex ? 2 : 1;
            IReadOnlyList<PairStatistics.Group> groups = statistics.Groups;
            _block1 = [.. groups.Select(g => bySex ? (int)g.Sex1 : 0)];
            _block2 = [.. groups.Select(g => bySex ? (int)g.Sex2 : 0)];
            _correlations = [.. groups.Select(g => Components.Select(c => c.TwinCorrelation(g.Monozygotic ? Zygosity.Monozygotic : Zygosity.DizygoticSameSex)).ToArray())];
        }

        public VarianceComponent[] Components { get; }

        private int K => Components.Length;

        /// <summary>The number of path coefficients, which is also the number of optimizer parameters.</summary>
        public int Dimension => _blocks * K;

        public double MinusTwoLogLikelihood(ReadOnlySpan<double> paths, Span<double> beta)
        {
            Span<PairCovariance> covariances = stackalloc PairCovariance[_correlations.Length];
            for (int g = 0; g < covariances.Length; g++)
            {
                int b1 = _block1[g] * K, b2 = _block2[g] * K;
                double v1 = 0, v2 = 0, covariance = 0;
                for (int j = 0; j < K; j++)
                {
                    v1 += paths[b1 + j] * paths[b1 + j];
                    v2 += paths[b2 + j] * paths[b2 + j];
                    covariance += _correlations[g][j] * paths[b1 + j] * paths[b2 + j];
                }

                covariances[g] = new PairCovariance(v1, v2, covariance);
            }

            return _statistics.MinusTwoLogLikelihood(covariances, beta);
        }

        /// <summary>The maximum-likelihood path coefficients and −2 log L there.</summary>
        public (double[] Paths, double MinusTwoLogLikelihood) Maximize()
        {
            // Start with equal shares of the observed variance: interior, so no share starts stuck on a boundary
            // (where the angle's gradient vanishes).
            double[] start = new double[Dimension];
            double equal = Math.Sqrt(_statistics.TotalVariance / K);
            Array.Fill(start, equal);
            int[][] order = IdentityOrder();
            double[] theta = ToAngles(start, order);
            (double[] best, double value) = Minimize(t => Objective(ToPaths(t, order)), theta);
            return (ToPaths(best, order), value * _statistics.Pairs);
        }

        /// <summary>Estimates with standard errors and (if asked) profile intervals, blocks one after the other.</summary>
        public VarianceEstimate[] Estimates(double[] paths, double minimum, TwinFitOptions options)
        {
            double[] standardErrors = StandardErrors(paths);
            double critical = ChiSquared.InvCDF(1, options.ConfidenceLevel);
            var estimates = new VarianceEstimate[Dimension];
            for (int b = 0; b < _blocks; b++)
            {
                double total = 0;
                for (int j = 0; j < K; j++)
                {
                    total += paths[b * K + j] * paths[b * K + j];
                }

                for (int j = 0; j < K; j++)
                {
                    double variance = paths[b * K + j] * paths[b * K + j];
                    double share = variance / total;
                    (double lower, double upper) = !options.Intervals ? (double.NaN, double.NaN)
                        : K == 1 ? (1, 1)
                        : ProfileInterval(paths, b, j, share, minimum + critical);
                    estimates[b * K + j] = new VarianceEstimate(Components[j], variance, share,
                        share < BoundaryShare ? double.NaN : standardErrors[b * K + j], lower, upper);
                }
            }

            return estimates;
        }

        /// <summary>
        /// Standard errors of the shares: the covariance of the path coefficients is twice the inverse Hessian of
        /// −2 log L (the observed information is half of it), carried to the shares <c>pⱼ = aⱼ² / Σaₖ²</c> by the
        /// delta method, <c>∂pⱼ/∂aᵢ = 2aᵢ(δᵢⱼ − pⱼ) / Σaₖ²</c> within a block.
        /// </summary>
        private double[] StandardErrors(double[] paths)
        {
            int n = Dimension;
            double scale = Math.Sqrt(paths.Sum(a => a * a) / _blocks);
            double h = HessianStep * scale;
            double f0 = MinusTwoLogLikelihood(paths, []);
            double At(int i, double di, int j, double dj)
            {
                double[] x = (double[])paths.Clone();
                x[i] += di;
                x[j] += dj;
                return MinusTwoLogLikelihood(x, []);
            }

            Matrix<double> hessian = Matrix<double>.Build.Dense(n, n);
            for (int i = 0; i < n; i++)
            {
                hessian[i, i] = (At(i, h, i, 0) - 2 * f0 + At(i, -h, i, 0)) / (h * h);
                for (int j = 0; j < i; j++)
                {
                    hessian[i, j] = hessian[j, i] = (At(i, h, j, h) - At(i, h, j, -h) - At(i, -h, j, h) + At(i, -h, j, -h)) / (4 * h * h);
                }
            }

            double[] errors = new double[n];
            Array.Fill(errors, double.NaN);
            Matrix<double> covariance = hessian.Inverse() * 2;
            if (!covariance.Enumerate().All(double.IsFinite))
            {
                return errors;
            }

            for (int b = 0; b < _blocks; b++)
            {
                double total = 0;
                for (int j = 0; j < K; j++)
                {
                    total += paths[b * K + j] * paths[b * K + j];
                }

                for (int j = 0; j < K; j++)
                {
                    double share = paths[b * K + j] * paths[b * K + j] / total;
                    Vector<double> gradient = Vector<double>.Build.Dense(n);
                    for (int i = 0; i < K; i++)
                    {
                        gradient[b * K + i] = 2 * paths[b * K + i] * ((i == j ? 1 : 0) - share) / total;
                    }

                    double variance = gradient * covariance * gradient;
                    errors[b * K + j] = variance >= 0 ? Math.Sqrt(variance) : double.NaN;
                }
            }

            return errors;
        }

        /// <summary>
        /// The profile-likelihood interval of component <paramref name="j"/>'s share in block <paramref name="block"/>:
        /// the shares whose profile −2 log L (every other parameter re-optimized with this share held fixed) stays below
        /// <paramref name="threshold"/>. An end that reaches 0 or 1 inside the threshold is 0 or 1.
        /// </summary>
        private (double Lower, double Upper) ProfileInterval(double[] paths, int block, int j, double share, double threshold)
        {
            // Put component j first in its block's chain of angles, so that its share is the first angle alone.
            int[][] order = IdentityOrder();
            order[block] = [j, .. Enumerable.Range(0, K).Where(i => i != j)];
            double[] theta = ToAngles(paths, order);
            int fixedIndex = block * K + 1;
            double[] free = [.. theta.Where((_, i) => i != fixedIndex)];

            double Excess(double s)
            {
                double angle = Math.Acos(Math.Sqrt(Math.Clamp(s, 0, 1)));
                double[] Full(double[] x) => [.. x[..fixedIndex], angle, .. x[fixedIndex..]];
                (_, double value) = Minimize(x => Objective(ToPaths(Full(x), order)), free);
                return value * _statistics.Pairs - threshold;
            }

            double lower = Excess(0) <= 0 ? 0 : Brent.FindRoot(Excess, 0, share, IntervalAccuracy, MaxIterations);
            double upper = Excess(1) <= 0 ? 1 : Brent.FindRoot(Excess, share, 1, IntervalAccuracy, MaxIterations);
            return (lower, upper);
        }

        /// <summary>
        /// −2 log L per pair: the optimizer's objective, of order 1 whatever the number of pairs, so that its first
        /// steps (along the raw gradient) and its gradient steps are sized alike for 100 or 10⁶ pairs.
        /// </summary>
        private double Objective(double[] paths) => MinusTwoLogLikelihood(paths, []) / _statistics.Pairs;

        private int[][] IdentityOrder() => [.. Enumerable.Range(0, _blocks).Select(_ => Enumerable.Range(0, K).ToArray())];

        /// <summary>
        /// Path coefficients from the optimizer's parameters: per block <c>ln V</c> and <c>K − 1</c> angles, the shares
        /// in <paramref name="order"/> being <c>cos²φ₀</c>, <c>sin²φ₀·cos²φ₁</c>, …, and the product of the sines last.
        /// </summary>
        private double[] ToPaths(ReadOnlySpan<double> theta, int[][] order)
        {
            double[] paths = new double[Dimension];
            for (int b = 0; b < _blocks; b++)
            {
                double variance = Math.Exp(theta[b * K]), remaining = 1;
                for (int t = 0; t < K - 1; t++)
                {
                    double cosine = Math.Cos(theta[b * K + 1 + t]);
                    paths[b * K + order[b][t]] = Math.Sqrt(variance * remaining * cosine * cosine);
                    remaining *= 1 - cosine * cosine;
                }

                paths[b * K + order[b][K - 1]] = Math.Sqrt(variance * remaining);
            }

            return paths;
        }

        /// <summary>The inverse of <see cref="ToPaths"/> (path coefficients are taken as non-negative).</summary>
        private double[] ToAngles(double[] paths, int[][] order)
        {
            double[] theta = new double[Dimension];
            for (int b = 0; b < _blocks; b++)
            {
                double variance = 0;
                for (int j = 0; j < K; j++)
                {
                    variance += paths[b * K + j] * paths[b * K + j];
                }

                theta[b * K] = Math.Log(variance);
                double remaining = 1;
                for (int t = 0; t < K - 1; t++)
                {
                    double share = paths[b * K + order[b][t]] * paths[b * K + order[b][t]] / variance;
                    double cosineSquared = remaining > 0 ? Math.Clamp(share / remaining, 0, 1) : 1;
                    theta[b * K + 1 + t] = Math.Acos(Math.Sqrt(cosineSquared));
                    remaining = Math.Max(0, remaining - share);
                }
            }

            return theta;
        }
    }

    /// <summary>
    /// Minimizes <paramref name="f"/> from <paramref name="start"/> by BFGS with central-difference gradients; if the
    /// line search fails (it can on the flat ridges of a boundary), Nelder–Mead continues from the start.
    /// </summary>
    private static (double[] Point, double Value) Minimize(Func<double[], double> f, double[] start)
    {
        IObjectiveFunction objective = ObjectiveFunction.Gradient(
            x => f([.. x]),
            x =>
            {
                double[] point = [.. x];
                Vector<double> gradient = Vector<double>.Build.Dense(point.Length);
                for (int i = 0; i < point.Length; i++)
                {
                    double original = point[i];
                    point[i] = original + GradientStep;
                    double up = f(point);
                    point[i] = original - GradientStep;
                    double down = f(point);
                    point[i] = original;
                    gradient[i] = (up - down) / (2 * GradientStep);
                }

                return gradient;
            });
        Vector<double> initial = Vector<double>.Build.DenseOfArray(start);
        try
        {
            MinimizationResult result = new BfgsMinimizer(GradientTolerance, 0, 0, MaxIterations).FindMinimum(objective, initial);
            return ([.. result.MinimizingPoint], result.FunctionInfoAtMinimum.Value);
        }
        catch (OptimizationException)
        {
            MinimizationResult result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(x => f([.. x])), initial, GradientTolerance, MaxIterations * 10);
            return ([.. result.MinimizingPoint], result.FunctionInfoAtMinimum.Value);
        }
    }
}
