using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Distributions of the traits at the peak, <see cref="Age"/>, for the reference ancestry. Other ancestries scale these
/// through <see cref="AncestryEffects"/>. Every person is simulated from this age, whatever the cohort's start age: a
/// cohort that starts at 65 meets people with 35 years of history behind them.
/// </summary>
/// <param name="HeightM">Height, m.</param>
/// <param name="AsmiKgPerM2">Appendicular skeletal muscle mass index (ASM / height²), kg/m². Peak ASM is this times height².</param>
/// <param name="GripKg">Grip strength, kg.</param>
/// <param name="GaitMps">Usual gait speed, m/s.</param>
/// <param name="Bmi">Body-mass index, kg/m² (used by the FNIH definition, ALM/BMI).</param>
/// <param name="MassGripCorrelation">Correlation between a person's peak muscle-mass index and peak grip deviations.</param>
public sealed record PeakTraits(
    BySex<NormalSpec> HeightM,
    BySex<NormalSpec> AsmiKgPerM2,
    BySex<NormalSpec> GripKg,
    BySex<NormalSpec> GaitMps,
    BySex<NormalSpec> Bmi,
    double MassGripCorrelation)
{
    /// <summary>
    /// Correlation between the normal scores of a person's peak BMI and peak ASM index: heavier people carry more lean
    /// mass, which keeps ALM/BMI from flagging the lean as low in muscle. 0 draws BMI independently.
    /// </summary>
    public double BmiAsmiCorrelation { get; init; }

    /// <summary>The age the peak distributions describe, default <see cref="DefaultAge"/>.</summary>
    public int Age { get; init; } = DefaultAge;

    /// <summary>
    /// Age 30: muscle mass and grip peak between the late twenties and the late thirties (Dodds 2014: grip medians peak
    /// at 29–39 in men and 26–42 in women; Janssen 2000 and Kirk 2021: mass flat to about 50), and the review counts the
    /// decline "after 30".
    /// </summary>
    public const int DefaultAge = 30;

    // Peak distributions describe young adults: from the earliest adult age a cohort may start at to the end of the plateau.
    private const int MinimumAge = 18;
    private const int MaximumAge = 50;

    internal void Validate(ParameterValidator v, string path)
    {
        v.Range($"{path}.age", Age, MinimumAge, MaximumAge);
        foreach (Sex sex in (ReadOnlySpan<Sex>)[Sex.Female, Sex.Male])
        {
            string s = sex == Sex.Female ? "female" : "male";
            v.PositiveNormal($"{path}.heightM.{s}", HeightM[sex], 3.0);
            v.PositiveNormal($"{path}.asmiKgPerM2.{s}", AsmiKgPerM2[sex], 20.0);
            v.PositiveNormal($"{path}.gripKg.{s}", GripKg[sex], 100.0);
            v.PositiveNormal($"{path}.gaitMps.{s}", GaitMps[sex], 3.0);
            v.PositiveNormal($"{path}.bmi.{s}", Bmi[sex], 80.0);
        }

        v.Range($"{path}.massGripCorrelation", MassGripCorrelation, -1, 1);
        v.Range($"{path}.bmiAsmiCorrelation", BmiAsmiCorrelation, -1, 1);
    }
}
