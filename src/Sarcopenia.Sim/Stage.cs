namespace Sarcopenia.Sim;

/// <summary>
/// A sarcopenia stage. Each definition uses a subset of these stages and assigns every person exactly one
/// (the most advanced that applies), so stage counts always sum to the people alive.
/// </summary>
public enum Stage
{
    /// <summary>No stage of the definition applies.</summary>
    None = 0,

    /// <summary>Low muscle mass only (EWGSOP 2010 "presarcopenia").</summary>
    Presarcopenia = 1,

    /// <summary>Low strength (or, for AWGS 2019, low strength or performance) without confirmed low mass:
    /// EWGSOP2 "probable", AWGS 2019 "possible", FNIH "weakness".</summary>
    Probable = 2,

    /// <summary>Sarcopenia: low mass with low strength (or performance) as the definition requires.</summary>
    Sarcopenia = 3,

    /// <summary>Severe sarcopenia: low mass, low strength and low physical performance.</summary>
    Severe = 4,
}
