using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Strength follows mass and muscle quality: <c>grip = grip₀ · (ASM / ASM₀) · q(a) · s_i(a)</c>, where
/// <c>q(a) = exp(−Σ λ(age))</c> sums the annual quality decline over the years since the start age and
/// <c>s_i(a)</c> is the product of active mechanism strength ratios. Because <c>q</c> falls, strength falls faster
/// than mass.
/// </summary>
/// <param name="QualityDeclinePerYear">λ(age): the annual log-decline of strength per unit mass, by sex, for the reference ancestry.</param>
public sealed record Strength(BySex<AgeCurve> QualityDeclinePerYear)
{
    internal void Validate(ParameterValidator v, string path)
    {
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
