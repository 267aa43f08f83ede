namespace Sarcopenia.Sim;

/// <summary>
/// Broad continental ancestry groups, as used by the normative and cohort studies the presets cite
/// (NHANES, Health ABC, the international grip norms, Asian cohorts).
/// </summary>
public enum Ancestry
{
    /// <summary>European ancestry (the reference group of most cited studies).</summary>
    European = 0,

    /// <summary>East Asian ancestry (Chinese, Japanese, Korean cohorts).</summary>
    EastAsian = 1,

    /// <summary>African ancestry (African American participants of Health ABC and NHANES).</summary>
    African = 2,

    /// <summary>South Asian ancestry.</summary>
    SouthAsian = 3,

    /// <summary>Hispanic or Latino ancestry.</summary>
    HispanicLatino = 4,
}
