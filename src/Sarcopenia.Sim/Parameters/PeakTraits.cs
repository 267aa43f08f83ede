using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Distributions of the traits at the cohort's start age (the peak, usually age 30), for the reference ancestry.
/// Other ancestries scale these through <see cref="AncestryEffects"/>.
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
    internal void Validate(ParameterValidator v, string path)
    {
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
    }
}
