using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// How one ancestry group differs from the reference group (European): every field multiplies the corresponding
/// reference parameter, so all-ones is the reference itself. Trait ratios scale a distribution's mean and SD alike,
/// keeping its coefficient of variation.
/// </summary>
/// <param name="Ancestry">The group.</param>
/// <param name="Height">Multiplies mean height.</param>
/// <param name="Asmi">Multiplies mean peak ASM index.</param>
/// <param name="Grip">Multiplies mean peak grip.</param>
/// <param name="Gait">Multiplies mean peak gait speed.</param>
/// <param name="Bmi">Multiplies mean BMI.</param>
/// <param name="MassLoss">Multiplies the median personal mass-loss rate.</param>
/// <param name="QualityDecline">Multiplies the annual muscle-quality decline λ (and so the strength decline beyond mass).</param>
public sealed record AncestryEffects(
    Ancestry Ancestry,
    BySex<double> Height,
    BySex<double> Asmi,
    BySex<double> Grip,
    BySex<double> Gait,
    BySex<double> Bmi,
    BySex<double> MassLoss,
    BySex<double> QualityDecline)
{
    /// <summary>No difference from the reference group.</summary>
    public static AncestryEffects Neutral(Ancestry ancestry)
    {
        BySex<double> one = BySex<double>.Both(1.0);
        return new(ancestry, one, one, one, one, one, one, one);
    }

    internal void Validate(ParameterValidator v, string path)
    {
        Check(v, $"{path}.height", Height);
        Check(v, $"{path}.asmi", Asmi);
        Check(v, $"{path}.grip", Grip);
        Check(v, $"{path}.gait", Gait);
        Check(v, $"{path}.bmi", Bmi);
        Check(v, $"{path}.massLoss", MassLoss);
        Check(v, $"{path}.qualityDecline", QualityDecline);

        static void Check(ParameterValidator v, string path, BySex<double> ratio)
        {
            v.Positive($"{path}.female", ratio.Female, 5);
            v.Positive($"{path}.male", ratio.Male, 5);
        }
    }
}
