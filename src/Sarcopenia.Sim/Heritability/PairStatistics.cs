namespace Sarcopenia.Sim.Heritability;

/// <summary>What the mean of a twin's trait depends on in a variance-component fit.</summary>
public enum MeanModel
{
    /// <summary>One mean for everyone.</summary>
    Common = 0,

    /// <summary>A mean per sex (when the pairs hold both sexes).</summary>
    Sex = 1,

    /// <summary>A mean per sex plus a linear effect of age (when ages differ).</summary>
    SexAndAge = 2,
}

/// <summary>The trait's covariance matrix within one group of pairs: both twins' variances and their covariance.</summary>
internal readonly record struct PairCovariance(double Variance1, double Variance2, double Covariance);

/// <summary>
/// Sufficient statistics of twin pairs for a bivariate normal model whose mean is linear in a few covariates: per group
/// of pairs (zygosity × twin 1's sex × twin 2's sex) the count and the sums of cross-products of trait and covariates of
/// twin j with those of twin k. Built once in O(pairs), they make each likelihood evaluation cost O(groups), so fitting
/// 10⁶ pairs costs no more per iteration than fitting 100.
/// </summary>
/// <remarks>
/// With residuals <c>r = y − Xβ</c>, <c>Σᵢ rᵢⱼ rᵢₖ = Syy[jk] − β·Sxy[jk] − β·Sxy[kj] + βᵀ Sxx[jk] β</c>, where
/// <c>Sxy[jk] = Σᵢ xᵢⱼ yᵢₖ</c> and <c>Sxx[jk] = Σᵢ xᵢⱼ xᵢₖᵀ</c>; so −2 log L and the generalized least squares mean
/// follow from these sums exactly.
/// </remarks>
internal sealed class PairStatistics
{
    // −2 log L of one bivariate normal observation carries 2·ln(2π), as OpenMx's does.
    private static readonly double s_twoLogTwoPi = 2 * Math.Log(2 * Math.PI);

    // Returned for a covariance matrix that is not positive definite (a zero-likelihood point): finite, because
    // MathNet's minimizers refuse non-finite values, and far above any real −2 log L.
    internal const double Singular = 1e300;

    private readonly Group[] _groups;
    private readonly double _traitCenter;
    private readonly double _ageCenter;

    private PairStatistics(Group[] groups, string[] terms, double traitCenter, double ageCenter, int pairs)
    {
        _groups = groups;
        Terms = terms;
        _traitCenter = traitCenter;
        _ageCenter = ageCenter;
        Pairs = pairs;
    }

    /// <summary>The mean model's terms: <c>intercept</c>, then <c>male</c> and <c>age</c> when they are in the model.</summary>
    public string[] Terms { get; }

    /// <summary>The number of pairs.</summary>
    public int Pairs { get; }

    /// <summary>The groups, each with its own covariance matrix.</summary>
    public IReadOnlyList<Group> Groups => _groups;

    /// <summary>The trait's variance over all twins, about their mean: a starting value for the optimizer.</summary>
    public double TotalVariance { get; private init; }

    /// <summary>Accumulates the statistics of <paramref name="trait"/> over <paramref name="data"/>.</summary>
    public static PairStatistics Build(TwinPairs data, TwinColumn<double> trait, MeanModel means)
    {
        double[] y1 = trait.Twin1Array, y2 = trait.Twin2Array, age = data.AgeArray;
        Sex[] sex1 = data.Sex1Array, sex2 = data.Sex2Array;
        Zygosity[] zygosity = data.ZygosityArray;
        int n = data.Count;

        // Centering the trait and age keeps the sums of squares small for 10⁶ pairs, so no precision is lost to
        // cancellation; the intercept absorbs the shift and is shifted back when reported.
        double traitCenter = n == 0 ? 0 : (y1.Sum() + y2.Sum()) / (2.0 * n);
        double ageCenter = n == 0 ? 0 : age.Average();
        bool bothSexes = sex1.Concat(sex2).Distinct().Count() > 1;
        bool ageVaries = n > 0 && age.Max() > age.Min();
        List<string> terms = ["intercept"];
        bool useSex = means != MeanModel.Common && bothSexes;
        bool useAge = means == MeanModel.SexAndAge && ageVaries;
        if (useSex)
        {
            terms.Add("male");
        }

        if (useAge)
        {
            terms.Add("age");
        }

        int p = terms.Count;
        var groups = new Dictionary<(bool Monozygotic, Sex, Sex), Group>();
        Span<double> x1 = stackalloc double[p], x2 = stackalloc double[p];
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            var key = (zygosity[i] == Zygosity.Monozygotic, sex1[i], sex2[i]);
            if (!groups.TryGetValue(key, out Group? group))
            {
                group = new Group(key.Item1, sex1[i], sex2[i], p);
                groups.Add(key, group);
            }

            Fill(x1, sex1[i], age[i] - ageCenter, useSex, useAge);
            Fill(x2, sex2[i], age[i] - ageCenter, useSex, useAge);
            double a = y1[i] - traitCenter, b = y2[i] - traitCenter;
            sumSquares += a * a + b * b;
            group.Add(x1, x2, a, b);
        }

        Group[] ordered = [.. groups.Values.OrderBy(g => !g.Monozygotic).ThenBy(g => g.Sex1).ThenBy(g => g.Sex2)];
        return new PairStatistics(ordered, [.. terms], traitCenter, ageCenter, n) { TotalVariance = n == 0 ? 0 : sumSquares / (2.0 * n) };
    }

    /// <summary>
    /// −2 log L of the pairs under the groups' covariance matrices, with the mean at its generalized least squares
    /// estimate given them (the mean profiled out), and that estimate in <paramref name="estimate"/> (centered units)
    /// when it has room for it.
    /// </summary>
    public double MinusTwoLogLikelihood(ReadOnlySpan<PairCovariance> covariances, Span<double> estimate)
    {
        int p = Terms.Length;
        Span<double> beta = estimate.Length >= p ? estimate : stackalloc double[p];
        Span<double> normal = stackalloc double[p * p];
        Span<double> weights = stackalloc double[_groups.Length * 4];
        normal.Clear();
        beta.Clear();
        double logDeterminants = 0;
        for (int g = 0; g < _groups.Length; g++)
        {
            PairCovariance s = covariances[g];
            double determinant = s.Variance1 * s.Variance2 - s.Covariance * s.Covariance;
            if (!(determinant > 0 && s.Variance1 > 0))
            {
                return Singular;
            }

            // The inverse of [[v1, c], [c, v2]] is [[v2, −c], [−c, v1]] / det, stored row-major as w[jk].
            Span<double> w = weights.Slice(g * 4, 4);
            w[0] = s.Variance2 / determinant;
            w[1] = w[2] = -s.Covariance / determinant;
            w[3] = s.Variance1 / determinant;
            Group group = _groups[g];
            logDeterminants += group.Count * (s_twoLogTwoPi + Math.Log(determinant));
            for (int jk = 0; jk < 4; jk++)
            {
                for (int a = 0; a < p; a++)
                {
                    beta[a] += w[jk] * group.Sxy[jk * p + a];
                    for (int b = 0; b < p; b++)
                    {
                        normal[a * p + b] += w[jk] * group.Sxx[(jk * p + a) * p + b];
                    }
                }
            }
        }

        if (!SolveInPlace(normal, beta, p))
        {
            return Singular;
        }

        double quadratic = 0;
        for (int g = 0; g < _groups.Length; g++)
        {
            Group group = _groups[g];
            for (int jk = 0; jk < 4; jk++)
            {
                int kj = (jk % 2) * 2 + jk / 2;
                double residual = group.Syy[jk];
                for (int a = 0; a < p; a++)
                {
                    residual -= beta[a] * (group.Sxy[jk * p + a] + group.Sxy[kj * p + a]);
                    for (int b = 0; b < p; b++)
                    {
                        residual += beta[a] * group.Sxx[(jk * p + a) * p + b] * beta[b];
                    }
                }

                quadratic += weights[g * 4 + jk] * residual;
            }
        }

        return logDeterminants + quadratic;
    }

    /// <summary>The mean model's estimates in the trait's units: the intercept is the mean of a woman (or everyone) at the mean age.</summary>
    public MeanEstimate[] Means(ReadOnlySpan<double> beta)
    {
        var means = new MeanEstimate[Terms.Length];
        for (int a = 0; a < Terms.Length; a++)
        {
            means[a] = new MeanEstimate(Terms[a], a == 0 ? beta[a] + _traitCenter : beta[a]);
        }

        return means;
    }

    /// <summary>The mean age the age effect is centered on.</summary>
    public double AgeCenter => _ageCenter;

    private static void Fill(Span<double> x, Sex sex, double age, bool useSex, bool useAge)
    {
        int column = 0;
        x[column++] = 1;
        if (useSex)
        {
            x[column++] = sex == Sex.Male ? 1 : 0;
        }

        if (useAge)
        {
            x[column] = age;
        }
    }

    /// <summary>Solves the symmetric positive definite system by Cholesky factorization; false when it is not positive definite.</summary>
    private static bool SolveInPlace(Span<double> matrix, Span<double> rhs, int p)
    {
        for (int j = 0; j < p; j++)
        {
            double diagonal = matrix[j * p + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= matrix[j * p + k] * matrix[j * p + k];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            matrix[j * p + j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < p; i++)
            {
                double value = matrix[i * p + j];
                for (int k = 0; k < j; k++)
                {
                    value -= matrix[i * p + k] * matrix[j * p + k];
                }

                matrix[i * p + j] = value / matrix[j * p + j];
            }
        }

        for (int i = 0; i < p; i++)
        {
            double value = rhs[i];
            for (int k = 0; k < i; k++)
            {
                value -= matrix[i * p + k] * rhs[k];
            }

            rhs[i] = value / matrix[i * p + i];
        }

        for (int i = p - 1; i >= 0; i--)
        {
            double value = rhs[i];
            for (int k = i + 1; k < p; k++)
            {
                value -= matrix[k * p + i] * rhs[k];
            }

            rhs[i] = value / matrix[i * p + i];
        }

        return true;
    }

    /// <summary>The sums of one group of pairs (one zygosity and one ordered pair of sexes).</summary>
    internal sealed class Group(bool monozygotic, Sex sex1, Sex sex2, int terms)
    {
        public bool Monozygotic { get; } = monozygotic;

        public Sex Sex1 { get; } = sex1;

        public Sex Sex2 { get; } = sex2;

        public long Count { get; private set; }

        /// <summary><c>Σ yⱼ yₖ</c>, indexed <c>j·2 + k</c>.</summary>
        public double[] Syy { get; } = new double[4];

        /// <summary><c>Σ xⱼ yₖ</c>, indexed <c>(j·2 + k)·p + a</c>.</summary>
        public double[] Sxy { get; } = new double[4 * terms];

        /// <summary><c>Σ xⱼ xₖᵀ</c>, indexed <c>((j·2 + k)·p + a)·p + b</c>.</summary>
        public double[] Sxx { get; } = new double[4 * terms * terms];

        public void Add(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, double y1, double y2)
        {
            int p = x1.Length;
            Count++;
            for (int jk = 0; jk < 4; jk++)
            {
                ReadOnlySpan<double> xj = jk < 2 ? x1 : x2;
                ReadOnlySpan<double> xk = jk % 2 == 0 ? x1 : x2;
                double yj = jk < 2 ? y1 : y2, yk = jk % 2 == 0 ? y1 : y2;
                Syy[jk] += yj * yk;
                for (int a = 0; a < p; a++)
                {
                    Sxy[jk * p + a] += xj[a] * yk;
                    for (int b = 0; b < p; b++)
                    {
                        Sxx[(jk * p + a) * p + b] += xj[a] * xk[b];
                    }
                }
            }
        }
    }
}
