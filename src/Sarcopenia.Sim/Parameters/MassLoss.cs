using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Annual loss of appendicular muscle mass. For person <c>i</c> at age <c>a</c> (after the onset age):
/// <c>loss = clamp(r_i · m_i(a) · acc_i(a) · exp(σ_y·e − σ_y²/2), MinAnnualLoss, MaxAnnualLoss)</c> and
/// <c>ASM ← ASM · (1 − loss)</c>, where <c>r_i = clamp(exp(ln(median) + σ_p·z_i), MinRate, MaxRate)</c> is the personal
/// base rate, <c>m_i(a)</c> the product of active mechanism rate ratios, <c>acc_i(a) = 1 + menopause extra·[female, past
/// menopause] + OldAgeExtra·[a ≥ OldAgeFrom]</c>, and <c>e</c> a fresh standard normal each year.
/// </summary>
/// <param name="OnsetAge">Loss applies in years ending at ages above this.</param>
/// <param name="MedianRate">Median personal base rate (fraction per year) for the reference ancestry.</param>
/// <param name="PersonalSigma">Log-scale SD of the personal base rate between people.</param>
/// <param name="MinRate">Lower clamp of the personal base rate.</param>
/// <param name="MaxRate">Upper clamp of the personal base rate.</param>
/// <param name="OldAgeExtra">Added to the acceleration from <paramref name="OldAgeFrom"/> on.</param>
/// <param name="OldAgeFrom">Age from which <paramref name="OldAgeExtra"/> applies.</param>
/// <param name="YearNoiseSigma">Log-scale SD of the year-to-year noise; the noise has mean one.</param>
/// <param name="MinAnnualLoss">Lower clamp of one year's loss (fraction).</param>
/// <param name="MaxAnnualLoss">Upper clamp of one year's loss (fraction).</param>
public sealed record MassLoss(
    int OnsetAge,
    BySex<double> MedianRate,
    double PersonalSigma,
    double MinRate,
    double MaxRate,
    double OldAgeExtra,
    int OldAgeFrom,
    double YearNoiseSigma,
    double MinAnnualLoss,
    double MaxAnnualLoss)
{
    internal void Validate(ParameterValidator v, string path)
    {
        v.Range($"{path}.onsetAge", OnsetAge, 0, 120);
        v.RangeExclusiveMax($"{path}.medianRate.female", MedianRate.Female, 0, 1);
        v.RangeExclusiveMax($"{path}.medianRate.male", MedianRate.Male, 0, 1);
        v.Range($"{path}.personalSigma", PersonalSigma, 0, 3);
        v.RangeExclusiveMax($"{path}.minRate", MinRate, 0, 1);
        v.RangeExclusiveMax($"{path}.maxRate", MaxRate, 0, 1);
        if (MaxRate < MinRate)
        {
            v.Fail($"{path}.maxRate", ParameterValidator.Format(MaxRate), $"a rate at least minRate ({ParameterValidator.Format(MinRate)})");
        }

        v.Range($"{path}.oldAgeExtra", OldAgeExtra, 0, 10);
        v.Range($"{path}.oldAgeFrom", OldAgeFrom, 0, 150);
        v.Range($"{path}.yearNoiseSigma", YearNoiseSigma, 0, 3);
        v.RangeExclusiveMax($"{path}.minAnnualLoss", MinAnnualLoss, 0, 1);
        v.RangeExclusiveMax($"{path}.maxAnnualLoss", MaxAnnualLoss, 0, 1);
        if (MaxAnnualLoss < MinAnnualLoss)
        {
            v.Fail($"{path}.maxAnnualLoss", ParameterValidator.Format(MaxAnnualLoss), $"a fraction at least minAnnualLoss ({ParameterValidator.Format(MinAnnualLoss)})");
        }
    }
}

/// <summary>Menopause: its age, and its effect on mass loss and strength.</summary>
/// <param name="AgeYears">Age at natural menopause, drawn once per woman.</param>
/// <param name="MassLossExtra">Added to the mass-loss acceleration once a woman is past menopause.</param>
/// <param name="StrengthRatio">Multiplies strength (muscle quality) once a woman is past menopause.</param>
public sealed record Menopause(NormalSpec AgeYears, double MassLossExtra, double StrengthRatio)
{
    internal void Validate(ParameterValidator v, string path)
    {
        v.PositiveNormal($"{path}.ageYears", AgeYears, 120);
        v.Range($"{path}.massLossExtra", MassLossExtra, 0, 10);
        v.Positive($"{path}.strengthRatio", StrengthRatio, 2);
    }
}
