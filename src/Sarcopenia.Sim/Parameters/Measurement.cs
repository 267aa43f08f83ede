using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// How a study measures people: staging uses measured values, <c>true value × device</c>, never the true ones, as a
/// cohort study does. Each year is a new measurement with fresh errors, so a person near a cut-off can test positive one
/// year and negative the next ("apparent recovery", docs/model.md), while the true state moves slowly.
/// </summary>
/// <remarks>
/// Measured mass is <c>ASM · (bias + cv · e₁)</c>; measured grip <c>grip + sem_grip · e₂</c>; measured gait
/// <c>gait + sem_gait · e₃</c>, with e₁, e₂, e₃ fresh standard normals every year (the Measurement stream). The
/// trait statistics and histograms stay the true values.
/// </remarks>
/// <param name="Mass">The device that measures appendicular lean mass.</param>
/// <param name="GripSemKg">Standard error of measurement of grip, kg, by sex.</param>
/// <param name="GaitSemMps">Standard error of measurement of usual gait speed, m/s.</param>
public sealed record Measurement(MassDevice Mass, BySex<double> GripSemKg, double GaitSemMps)
{
    /// <summary>
    /// DXA for mass (the default of EWGSOP2 and AWGS 2019 where available), a hydraulic dynamometer for grip and a timed
    /// usual-pace walk for gait. Grip SEM 1.5 kg (women) and 2.0 kg (men): SEM = SD·√(1 − ICC) with test–retest ICC
    /// 0.85–0.95 (Wang and Chen 2010; Ir J Med Sci 2021: SEM 1.26 kg) and SDs of 5 and 6.7 kg gives 1.1–1.9 and
    /// 1.5–2.6 kg (life-course fact sheet §3, derived). Gait SEM 0.068 m/s (Gilbert 2021, Osteoarthritis Initiative,
    /// 20-m walk, ICC 0.90).
    /// </summary>
    public static Measurement Dxa { get; } = new(MassDevice.Dxa, new BySex<double>(1.5, 2.0), 0.068);

    /// <summary>As <see cref="Dxa"/>, but mass from bioelectrical impedance (<see cref="MassDevice.Bia"/>).</summary>
    public static Measurement Bia { get; } = Dxa with { Mass = MassDevice.Bia };

    // Errors beyond these would make a measurement meaningless (grip SEM 10 kg is more than the between-person SD).
    private const double MaxGripSemKg = 10;
    private const double MaxGaitSemMps = 0.5;

    internal void Validate(ParameterValidator v, string path)
    {
        if (Mass is null)
        {
            v.Fail($"{path}.mass", "null", "a mass device");
        }
        else
        {
            Mass.Validate(v, $"{path}.mass");
        }

        v.Range($"{path}.gripSemKg.female", GripSemKg.Female, 0, MaxGripSemKg);
        v.Range($"{path}.gripSemKg.male", GripSemKg.Male, 0, MaxGripSemKg);
        v.Range($"{path}.gaitSemMps", GaitSemMps, 0, MaxGaitSemMps);
    }
}

/// <summary>A device that measures appendicular lean mass: <c>measured = true · (Bias + Cv · e)</c>, by sex.</summary>
/// <param name="Name">The device, e.g. <c>DXA</c>.</param>
/// <param name="Bias">Mean measured over true, by sex (1 = unbiased).</param>
/// <param name="Cv">Coefficient of variation of one measurement (test–retest), by sex.</param>
public sealed record MassDevice(string Name, BySex<double> Bias, BySex<double> Cv)
{
    /// <summary>
    /// Dual-energy X-ray absorptiometry, the reference: no bias by definition (the cut-offs are DXA cut-offs); CV 2 %
    /// for ALM, between the short-term CV of total lean mass (0.9 %) and of the legs (2.7 %) and arms (3.3 %) (life-course
    /// fact sheet §3; healthy older adults about 1–2 %, recalled).
    /// </summary>
    public static MassDevice Dxa { get; } = new("DXA", BySex<double>.Both(1.0), BySex<double>.Both(0.02));

    /// <summary>
    /// Bioelectrical impedance as the consensus cut-offs assume it: AWGS 2019 keeps 7.0 kg/m² for men and sets 5.7
    /// against DXA's 5.4 for women, so that BIA and DXA find the same people (epidemiology fact sheet §1): BIA reads
    /// 0 % (men) and 5.7 / 5.4 − 1 = 5.6 % (women) above DXA. The two device studies in the life-course fact sheet §3
    /// bracket this (InBody 770 in 507 Koreans, Nutrients 2018;10:738: +11 % men, +13 % women; Tanita MC-780 in 202 Dutch
    /// adults, van den Helder 2022: −0.6 kg, about −3 %). CV 5 % from Asian BIA equations' SEE of 0.8–1.0 kg at ASM of
    /// 14–20 kg (life-course fact sheet §3). BIA bias depends on the device and equation: users with another device
    /// should set their own. A device named BIA is staged by a definition's BIA cut-off where it sets one
    /// (<see cref="SarcopeniaDefinition.LowMassBia"/>).
    /// </summary>
    public static MassDevice Bia { get; } = new(SarcopeniaDefinition.BiaDeviceName, new BySex<double>(AwgsBiaFemaleCutoff / AwgsDxaFemaleCutoff, 1.0), BySex<double>.Both(0.05));

    // AWGS 2019's low-ASMI cut-offs for women by BIA and by DXA, kg/m² (Definitions.Awgs2019).
    private const double AwgsBiaFemaleCutoff = 5.7;
    private const double AwgsDxaFemaleCutoff = 5.4;

    // A device reading half or twice the truth, or scattering by more than 30 %, is not a measurement of mass.
    private const double MinBias = 0.5;
    private const double MaxBias = 2;
    private const double MaxCv = 0.3;

    internal void Validate(ParameterValidator v, string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            v.Fail($"{path}.name", $"\"{Name}\"", "a non-empty name");
        }

        v.Range($"{path}.bias.female", Bias.Female, MinBias, MaxBias);
        v.Range($"{path}.bias.male", Bias.Male, MinBias, MaxBias);
        v.Range($"{path}.cv.female", Cv.Female, 0, MaxCv);
        v.Range($"{path}.cv.male", Cv.Male, 0, MaxCv);
    }
}
