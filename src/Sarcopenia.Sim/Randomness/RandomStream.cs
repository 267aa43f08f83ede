namespace Sarcopenia.Sim.Randomness;

/// <summary>
/// Names one independent sequence of random draws. Each model decision draws from its own stream, so a
/// scenario change that alters one decision leaves every other stream's numbers untouched (common random numbers).
/// </summary>
/// <remarks>
/// The numeric value is the fourth word of the Philox counter; it is part of the results' identity and must never be
/// renumbered. New streams take new numbers.
/// </remarks>
public enum RandomStream : uint
{
    /// <summary>Sex and ancestry assignment (uniforms).</summary>
    Demography = 1,

    /// <summary>Peak traits at the start age: height, muscle mass index, grip, gait speed (normals).</summary>
    PeakTraits = 2,

    /// <summary>Personal, time-invariant draws: base loss rate, body-mass index, menopause age, ... (normals).</summary>
    Personal = 3,

    /// <summary>Risk-factor exposures and their onset (uniforms).</summary>
    RiskFactors = 4,

    /// <summary>Year-to-year noise on the annual loss rate (normals), four years per counter.</summary>
    YearNoise = 5,

    /// <summary>Death in each year of age (uniforms), four years per counter.</summary>
    Mortality = 6,

    /// <summary>Candidate-gene genotypes and family effects (reserved for the genetics module).</summary>
    Genetics = 7,

    /// <summary>Measurement errors of mass, grip and gait in each year of age (normals), four years per three counters.</summary>
    Measurement = 8,

    /// <summary>
    /// The projection's draws that are not a person's: the seeds of birth cohorts, interventions' effects and scenario
    /// parameters' values, each keyed by what it is for and counted by replicate. Numbered apart from the person streams,
    /// which other modules may still add.
    /// </summary>
    Projection = 16,
}
