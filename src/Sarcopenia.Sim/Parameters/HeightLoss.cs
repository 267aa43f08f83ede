using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Standing height lost with age, which raises the ASM index (ASM / height²) and BMI of a person whose muscle and
/// weight do not change. Off unless a model sets <see cref="ModelParameters.HeightLoss"/>.
/// </summary>
/// <param name="CentimetresPerYear">Height lost in the year that ends at each age, cm, by sex.</param>
public sealed record HeightLoss(BySex<AgeCurve> CentimetresPerYear)
{
    // A loss above 2 cm a year is far outside longitudinal data (Sorkin 1999: at most about 0.3 cm/yr in women after 70).
    private const double MaxCentimetresPerYear = 2;

    /// <summary>
    /// Sorkin, Muller and Andres 1999 (Am J Epidemiol 150:969; Baltimore Longitudinal Study of Aging, longitudinal, ages
    /// 17–94): loss starts at about 30 and accelerates; cumulative from 30 to 70, men about 3 cm and women about 5 cm; by 80,
    /// men about 5 cm and women about 8 cm. As annual rates: men 0.075 cm/yr to 70 and 0.2 cm/yr after, women 0.125 and
    /// 0.3 cm/yr. Beyond 80 the 70–80 rate is kept (the study gives no later rate).
    /// </summary>
    public static HeightLoss Sorkin1999 { get; } = new(new BySex<AgeCurve>(
        Female: AgeCurve.FromKnots((29, 0), (30, 0.125), (70, 0.125), (71, 0.3)),
        Male: AgeCurve.FromKnots((29, 0), (30, 0.075), (70, 0.075), (71, 0.2))));

    internal void Validate(ParameterValidator v, string path)
    {
        CentimetresPerYear.Female.Validate(v, $"{path}.centimetresPerYear.female", 0, MaxCentimetresPerYear);
        CentimetresPerYear.Male.Validate(v, $"{path}.centimetresPerYear.male", 0, MaxCentimetresPerYear);
    }
}
