using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// One of the review's mechanisms of muscle loss, as a risk-factor exposure with multiplicative effects.
/// Each person draws one uniform <c>u</c> per mechanism; they are exposed from the first age at which
/// <c>u &lt; Prevalence(age)</c>, so prevalence curves must not fall with age (an exposure, once begun, persists).
/// While exposed, the annual mass-loss rate is multiplied by <see cref="LossRateRatio"/> and strength by
/// <see cref="StrengthRatio"/>; with <see cref="WaningHalfLifeYears"/> the effect fades from the onset on.
/// </summary>
/// <param name="Name">A short identifier, e.g. <c>PhysicalInactivity</c>.</param>
/// <param name="Prevalence">Probability of being exposed by each age, by sex.</param>
/// <param name="LossRateRatio">Multiplies the annual mass-loss rate while exposed (1 = no effect).</param>
/// <param name="StrengthRatio">Multiplies strength while exposed (1 = no effect).</param>
/// <param name="Source">Where the prevalence and effect come from, or why they are neutral.</param>
public sealed record Mechanism(string Name, BySex<AgeCurve> Prevalence, double LossRateRatio, double StrengthRatio, string Source)
{
    // Longer than any life: a half-life beyond it is no waning at all, and should be left out instead.
    internal const double MaxWaningHalfLifeYears = 200;

    // A few weeks: the shortest half-life a scenario file may give (shorter is no effect, not a waning one).
    internal const double MinWaningHalfLifeYears = 0.1;

    /// <summary>
    /// How fast the effect fades after the onset, or <see langword="null"/> for an effect that lasts (the default): each
    /// ratio <c>r</c> acts as <c>1 + (r − 1)·2^(−(age − onset)/halfLife)</c>, so half the effect is left after one
    /// half-life (e.g. strength gained by training and lost after it stops).
    /// </summary>
    public double? WaningHalfLifeYears { get; init; }

    /// <summary>
    /// For a programme that enrols by stage (<c>Projection.Intervention.Stages</c>): whom it screens, or
    /// <see langword="null"/> for an exposure that starts by prevalence alone. Not a scenario-file field.
    /// </summary>
    internal StageScreening? Screening { get; init; }

    internal void Validate(ParameterValidator v, string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            v.Fail($"{path}.name", $"\"{Name}\"", "a non-empty name");
        }

        Prevalence.Female.Validate(v, $"{path}.prevalence.female", 0, 1);
        Prevalence.Male.Validate(v, $"{path}.prevalence.male", 0, 1);
        CheckNonDecreasing(v, $"{path}.prevalence.female", Prevalence.Female);
        CheckNonDecreasing(v, $"{path}.prevalence.male", Prevalence.Male);
        v.Positive($"{path}.lossRateRatio", LossRateRatio, 20);
        v.Positive($"{path}.strengthRatio", StrengthRatio, 2);
        if (WaningHalfLifeYears is double halfLife)
        {
            v.Positive($"{path}.waningHalfLifeYears", halfLife, MaxWaningHalfLifeYears);
        }
    }

    private static void CheckNonDecreasing(ParameterValidator v, string path, AgeCurve curve)
    {
        for (int i = 1; i < curve.Values.Length && i < curve.Ages.Length; i++)
        {
            if (curve.Values[i] < curve.Values[i - 1])
            {
                v.Fail($"{path}.values[{i}]", ParameterValidator.Format(curve.Values[i]),
                    $"a prevalence at least the previous knot's ({ParameterValidator.Format(curve.Values[i - 1])}): exposures persist once begun");
            }
        }
    }
}

/// <summary>
/// An exposure that starts only in people whose measured stage is among <paramref name="Stages"/>: a person whose draw
/// makes them eligible at some age (their uniform below the mechanism's prevalence there) is screened at the start of
/// every year from that age to <paramref name="LastAge"/>, on the stage measured at the end of the year before, and
/// exposed from the first year it is one of <paramref name="Stages"/> (docs/projection.md explains why yearly).
/// </summary>
/// <param name="Stages">The stages that qualify, under the run's definition.</param>
/// <param name="LastAge">The last age screened: nobody starts the exposure after it.</param>
internal sealed record StageScreening(EquatableArray<Stage> Stages, int LastAge);
