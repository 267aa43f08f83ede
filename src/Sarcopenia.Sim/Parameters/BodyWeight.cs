using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Body weight that changes with age and with lean mass: <c>weight_i(a) = weight_i(peak) · R(a) + κ · (ASM_i(a) − ASM_i(peak))</c>,
/// where <c>R(a)</c> is the change of everything but lean tissue (mostly fat) relative to the peak, by sex, and κ the kilograms
/// of body weight that go with each kilogram of ASM. BMI is weight over the current height², so it falls with lean mass
/// and rises as height shrinks, and ALM/BMI moves as measured. ASM enters at the start of each year (the year's loss is
/// applied after), a lag of one year that changes BMI by well under 0.1 kg/m².
/// </summary>
/// <param name="RelativeToPeak">R(a): weight apart from lean change, relative to the peak, by sex.</param>
/// <param name="KgPerKgAsm">κ: body weight lost per kilogram of ASM lost.</param>
public sealed record BodyWeight(BySex<AgeCurve> RelativeToPeak, double KgPerKgAsm)
{
    // Weight between half and twice the peak's covers every population mean; κ above 5 would make ASM a minor part of lean mass.
    private const double MinRelative = 0.5;
    private const double MaxRelative = 2;
    private const double MaxKgPerKgAsm = 5;

    internal void Validate(ParameterValidator v, string path)
    {
        if (RelativeToPeak.Female is null || RelativeToPeak.Male is null)
        {
            v.Fail($"{path}.relativeToPeak", "null", "a curve for each sex");
            return;
        }

        RelativeToPeak.Female.Validate(v, $"{path}.relativeToPeak.female", MinRelative, MaxRelative);
        RelativeToPeak.Male.Validate(v, $"{path}.relativeToPeak.male", MinRelative, MaxRelative);
        v.Range($"{path}.kgPerKgAsm", KgPerKgAsm, 0, MaxKgPerKgAsm);
    }
}
