namespace Sarcopenia.Sim.Heritability;

/// <summary>One variance component's estimate in a fitted twin model.</summary>
/// <param name="Component">The component.</param>
/// <param name="Variance">The component's variance, in the trait's units squared.</param>
/// <param name="Proportion">The standardized estimate: the component's share of the total variance (a², c², d² or e²).</param>
/// <param name="StandardError">The standard error of <paramref name="Proportion"/>, from the observed information (a numeric
/// Hessian of −2 log L in the path coefficients) by the delta method; <see cref="double.NaN"/> at a boundary (a share of
/// zero), where the normal approximation does not hold: use the profile interval there.</param>
/// <param name="Lower">The lower end of the profile-likelihood confidence interval of <paramref name="Proportion"/>, or
/// <see cref="double.NaN"/> when intervals were not asked for.</param>
/// <param name="Upper">The upper end of that interval.</param>
public sealed record VarianceEstimate(VarianceComponent Component, double Variance, double Proportion, double StandardError, double Lower, double Upper);

/// <summary>One term of a fitted model's mean.</summary>
/// <param name="Term"><c>intercept</c> (a woman's mean, or everyone's, at the mean age), <c>male</c> (men's difference from
/// women) or <c>age</c> (change per year of age).</param>
/// <param name="Value">The estimate, in the trait's units.</param>
public sealed record MeanEstimate(string Term, double Value);

/// <summary>A likelihood-ratio test of a model against a model it is nested in.</summary>
/// <param name="Statistic">The difference in −2 log L (constrained minus full), at least 0.</param>
/// <param name="DegreesOfFreedom">The number of parameters the constrained model fixes.</param>
/// <param name="P">The p-value from χ² with <paramref name="DegreesOfFreedom"/> degrees of freedom.</param>
/// <param name="BoundaryP">The p-value from the mixture of χ² distributions that holds when the fixed variances sit on
/// the boundary of the parameter space (Self and Liang 1987; Dominicus et al. 2006, Behav Genet 36:331): for <c>k</c>
/// fixed components, <c>Σⱼ C(k, j) 2⁻ᵏ P(χ²ⱼ ≥ statistic)</c>, so ½χ²₀ + ½χ²₁ when one component is dropped. The plain
/// <paramref name="P"/> is conservative.</param>
public sealed record LikelihoodRatioTest(double Statistic, int DegreesOfFreedom, double P, double BoundaryP);

/// <summary>A maximum-likelihood fit of one twin model to one trait.</summary>
/// <param name="Model">The model.</param>
/// <param name="Trait">The trait's name.</param>
/// <param name="MonozygoticPairs">The number of monozygotic pairs.</param>
/// <param name="DizygoticPairs">The number of dizygotic pairs, same- and opposite-sex.</param>
/// <param name="Estimates">One estimate per component of the model, in the order A, C, D, E.</param>
/// <param name="Means">The mean model's estimates.</param>
/// <param name="MinusTwoLogLikelihood">−2 log L at the estimates, with the 2·ln(2π) per pair that OpenMx includes.</param>
/// <param name="Parameters">The number of free parameters: the variance components plus the mean's terms.</param>
public sealed record TwinFit(TwinModel Model, string Trait, int MonozygoticPairs, int DizygoticPairs, IReadOnlyList<VarianceEstimate> Estimates,
    IReadOnlyList<MeanEstimate> Means, double MinusTwoLogLikelihood, int Parameters)
{
    /// <summary>Akaike's information criterion, −2 log L + 2 × <see cref="Parameters"/> (lower is better).</summary>
    public double Aic => MinusTwoLogLikelihood + 2 * Parameters;

    /// <summary>The trait's total variance under the model.</summary>
    public double TotalVariance => Estimates.Sum(e => e.Variance);

    /// <summary>The component's estimate, or <see langword="null"/> when the model leaves it out (fixes it at zero).</summary>
    public VarianceEstimate? this[VarianceComponent component] => Estimates.FirstOrDefault(e => e.Component == component);

    /// <summary>The component's standardized share of the variance: 0 when the model leaves it out.</summary>
    public double Proportion(VarianceComponent component) => this[component]?.Proportion ?? 0;
}

/// <summary>A model compared with a fuller model it is nested in.</summary>
/// <param name="Model">The constrained model.</param>
/// <param name="Against">The fuller model.</param>
/// <param name="Test">The likelihood-ratio test.</param>
public sealed record ModelComparison(TwinModel Model, TwinModel Against, LikelihoodRatioTest Test);

/// <summary>Several models fitted to the same pairs, with the likelihood-ratio tests of each against the fuller models fitted.</summary>
/// <param name="Fits">The fits, in the order asked for.</param>
/// <param name="Comparisons">Each fitted model against every fitted model it is nested in (AE against ACE and ADE, CE against
/// ACE, E against all four), in the order of <paramref name="Fits"/>.</param>
public sealed record TwinModelTable(IReadOnlyList<TwinFit> Fits, IReadOnlyList<ModelComparison> Comparisons)
{
    /// <summary>The fit with the lowest AIC.</summary>
    public TwinFit Best => Fits.MinBy(f => f.Aic)!;

    /// <summary>The fit of <paramref name="model"/>, or <see langword="null"/> if it was not fitted.</summary>
    public TwinFit? this[TwinModel model] => Fits.FirstOrDefault(f => f.Model == model);

    /// <summary>The comparison of <paramref name="model"/> with the first fitted model it is nested in, or <see langword="null"/> for none.</summary>
    public ModelComparison? FirstComparison(TwinModel model) => Comparisons.FirstOrDefault(c => c.Model == model);
}

/// <summary>The twin correlations and model fits of one subgroup of pairs.</summary>
/// <param name="Subset">The subgroup.</param>
/// <param name="Correlations">Its twin correlations by zygosity.</param>
/// <param name="Models">The fitted models, or <see langword="null"/> when the subgroup was skipped.</param>
/// <param name="Skipped">Why the subgroup was not fitted (too few pairs), or <see langword="null"/>.</param>
public sealed record TwinSubsetFit(TwinSubset Subset, IReadOnlyList<TwinCorrelation> Correlations, TwinModelTable? Models, string? Skipped);

/// <summary>
/// The test of quantitative sex differences: one set of variance components for both sexes (the homogeneous model)
/// against a set per sex (the heterogeneity model, in which opposite-sex pairs' covariance is
/// <c>½·aᶠaᵐ + cᶠcᵐ (+ ¼·dᶠdᵐ)</c> from the path coefficients of each sex).
/// </summary>
/// <param name="Model">The twin model fitted in both ways.</param>
/// <param name="Homogeneous">The fit with the same components for both sexes.</param>
/// <param name="Female">Women's estimates in the heterogeneity model.</param>
/// <param name="Male">Men's estimates in the heterogeneity model.</param>
/// <param name="MinusTwoLogLikelihood">−2 log L of the heterogeneity model.</param>
/// <param name="Parameters">The number of free parameters of the heterogeneity model.</param>
/// <param name="Test">The likelihood-ratio test of equal against sex-specific components (no boundary in the null: the
/// plain χ² applies).</param>
public sealed record SexLimitationTest(TwinModel Model, TwinFit Homogeneous, IReadOnlyList<VarianceEstimate> Female, IReadOnlyList<VarianceEstimate> Male,
    double MinusTwoLogLikelihood, int Parameters, LikelihoodRatioTest Test);

/// <summary>How a variance-component model is fitted.</summary>
public sealed record TwinFitOptions
{
    /// <summary>The default options: a mean per sex, 95 % profile intervals.</summary>
    public static TwinFitOptions Default { get; } = new();

    /// <summary>The trait to fit, or <see langword="null"/> for the only trait of the pairs.</summary>
    public string? Trait { get; init; }

    /// <summary>What the mean depends on; a mean per sex by default.</summary>
    public MeanModel Means { get; init; } = MeanModel.Sex;

    /// <summary>The confidence level of the profile-likelihood intervals, in (0, 1); 0.95 by default.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Whether to compute profile-likelihood intervals (each costs a few dozen refits of the model); on by default.</summary>
    public bool Intervals { get; init; } = true;
}
