using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Strength follows mass and muscle quality: <c>grip = grip₀ · (ASM / ASM₀) · q_i(a) · s_i(a)</c>, where
/// <c>q_i(a) = exp(−k_i · Σ λ(age))</c> sums the annual quality decline over the years since the peak,
/// <c>k_i = exp(σ_q · z_i)</c> is the person's own multiplier of that decline (median one) and <c>s_i(a)</c> the
/// product of active mechanism strength ratios. Because <c>q</c> falls, strength falls faster than mass; because
/// <c>k_i</c> is the person's own, weak grip and low mass are different people as often as cohorts show.
/// </summary>
/// <param name="QualityDeclinePerYear">λ(age): the annual log-decline of strength per unit mass, by sex, for the reference ancestry.</param>
public sealed record Strength(BySex<AgeCurve> QualityDeclinePerYear)
{
    /// <summary>σ_q: log-scale SD of the personal multiplier of the quality decline; 0 gives everyone the group's decline.</summary>
    public double PersonalSigma { get; init; }

    /// <summary>
    /// Correlation between the normal scores of a person's quality multiplier and of their mass-loss rate: those who lose
    /// mass faster may also lose quality faster.
    /// </summary>
    public double MassRateCorrelation { get; init; }

    // A log-SD of 3 spans a factor of e^6 between ±1 SD: far beyond any published spread of decline.
    private const double MaxPersonalSigma = 3;

    internal void Validate(ParameterValidator v, string path)
    {
        v.Range($"{path}.personalSigma", PersonalSigma, 0, MaxPersonalSigma);
        v.Range($"{path}.massRateCorrelation", MassRateCorrelation, -1, 1);
        QualityDeclinePerYear.Female.Validate(v, $"{path}.qualityDeclinePerYear.female", -0.2, 0.5);
        QualityDeclinePerYear.Male.Validate(v, $"{path}.qualityDeclinePerYear.male", -0.2, 0.5);
    }
}

/// <summary>
/// Gait speed follows relative strength: <c>gait = gait₀ · (grip / grip₀)^γ · exp(−δ · max(0, a − AgeDeclineFrom))</c>.
/// </summary>
/// <param name="StrengthExponent">γ: elasticity of gait speed with respect to relative strength.</param>
/// <param name="AgeDeclinePerYear">δ: extra annual log-decline of gait speed beyond what strength explains.</param>
/// <param name="AgeDeclineFrom">Age from which δ applies.</param>
public sealed record Gait(BySex<double> StrengthExponent, BySex<double> AgeDeclinePerYear, int AgeDeclineFrom)
{
    internal void Validate(ParameterValidator v, string path)
    {
        v.Range($"{path}.strengthExponent.female", StrengthExponent.Female, 0, 3);
        v.Range($"{path}.strengthExponent.male", StrengthExponent.Male, 0, 3);
        v.Range($"{path}.ageDeclinePerYear.female", AgeDeclinePerYear.Female, 0, 0.5);
        v.Range($"{path}.ageDeclinePerYear.male", AgeDeclinePerYear.Male, 0, 0.5);
        v.Range($"{path}.ageDeclineFrom", AgeDeclineFrom, 0, 150);
    }
}
