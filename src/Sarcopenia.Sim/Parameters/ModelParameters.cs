using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// Everything the model needs apart from the cohort: peak traits, mass loss, strength and gait trajectories,
/// ancestry differences, the review's mechanisms, mortality and the sarcopenia definition. Immutable; derive
/// variants with <c>with</c>. Start from a preset in <see cref="Scenarios.Presets"/>.
/// </summary>
public sealed record ModelParameters
{
    /// <summary>A short identifier, e.g. <c>Evidence</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One paragraph on what the parameter set represents.</summary>
    public string Description { get; init; } = "";

    /// <summary>The publications the defaults come from (each number's source is in docs/presets.md).</summary>
    public EquatableArray<string> Sources { get; init; }

    /// <summary>Trait distributions at the start age, for the reference ancestry.</summary>
    public required PeakTraits Peak { get; init; }

    /// <summary>Annual loss of muscle mass.</summary>
    public required MassLoss MassLoss { get; init; }

    /// <summary>Menopause age and effects.</summary>
    public required Menopause Menopause { get; init; }

    /// <summary>Strength as mass times muscle quality.</summary>
    public required Strength Strength { get; init; }

    /// <summary>Gait speed from relative strength.</summary>
    public required Gait Gait { get; init; }

    /// <summary>Height lost with age; <see langword="null"/> (the default) keeps everyone's height for life.</summary>
    public HeightLoss? HeightLoss { get; init; }

    /// <summary>Body weight by age and lean mass; <see langword="null"/> (the default) keeps everyone's weight for life.</summary>
    public BodyWeight? BodyWeight { get; init; }

    /// <summary>
    /// How mass, grip and gait are measured for staging; <see langword="null"/> (the default) stages the true values, as
    /// the reference workload does.
    /// </summary>
    public Measurement? Measurement { get; init; }

    /// <summary>Differences of each non-reference ancestry; an ancestry not listed is treated as the reference.</summary>
    public EquatableArray<AncestryEffects> Ancestries { get; init; }

    /// <summary>The review's mechanisms as risk-factor exposures.</summary>
    public EquatableArray<Mechanism> Mechanisms { get; init; }

    /// <summary>
    /// The variance components and candidate genes of related people (<see cref="Population.CohortSpec.Families"/>);
    /// unrelated people keep their independent draws, so without families this changes no result.
    /// </summary>
    public Genetics Genetics { get; init; } = Genetics.Default;

    /// <summary>Mortality; <see cref="Mortality.None"/> for a closed cohort.</summary>
    public Mortality Mortality { get; init; } = Mortality.None;

    /// <summary>The sarcopenia definition used for staging.</summary>
    public required SarcopeniaDefinition Definition { get; init; }

    /// <summary>
    /// Rounds of the Philox4x32 generator behind every draw: 10 by default (Random123's recommendation, as in cuRAND
    /// and NumPy), or as few as 7, the fewest Salmon et al. (2011) found free of failures in TestU01's batteries, which
    /// makes the reference workload 4–16 % faster (docs/performance.md). Changing it changes every random number, so
    /// results are compared statistically, not bit for bit.
    /// </summary>
    public int PhiloxRounds { get; init; } = Philox4x32.DefaultRounds;

    /// <summary>The effects for <paramref name="ancestry"/> (neutral if not listed).</summary>
    public AncestryEffects EffectsFor(Ancestry ancestry) =>
        Ancestries.FirstOrDefault(a => a.Ancestry == ancestry) ?? AncestryEffects.Neutral(ancestry);

    /// <summary>Checks every field; throws <see cref="ParameterValidationException"/> listing every problem.</summary>
    public void Validate()
    {
        var v = new ParameterValidator();
        Validate(v);
        v.ThrowIfAny();
    }

    /// <summary>Checks every field, adding problems to <paramref name="v"/> with paths under <paramref name="path"/>.</summary>
    public void Validate(ParameterValidator v, string path = "model")
    {
        ArgumentNullException.ThrowIfNull(v);
        if (string.IsNullOrWhiteSpace(Name))
        {
            v.Fail($"{path}.name", $"\"{Name}\"", "a non-empty name");
        }

        // Parts may be null when built by hand or from a file; report them by path instead of failing further down.
        Required(v, $"{path}.peak", Peak)?.Validate(v, $"{path}.peak");
        Required(v, $"{path}.massLoss", MassLoss)?.Validate(v, $"{path}.massLoss");
        Required(v, $"{path}.menopause", Menopause)?.Validate(v, $"{path}.menopause");
        Required(v, $"{path}.strength", Strength)?.Validate(v, $"{path}.strength");
        Required(v, $"{path}.gait", Gait)?.Validate(v, $"{path}.gait");
        HeightLoss?.Validate(v, $"{path}.heightLoss");
        BodyWeight?.Validate(v, $"{path}.bodyWeight");
        Measurement?.Validate(v, $"{path}.measurement");
        Required(v, $"{path}.genetics", Genetics)?.Validate(v, $"{path}.genetics", Peak, Strength);
        for (int i = 0; i < Ancestries.Length; i++)
        {
            if (Ancestries[i] is null)
            {
                v.Fail($"{path}.ancestries[{i}]", "null", "an ancestry's effects");
                continue;
            }

            if (!Enum.IsDefined(Ancestries[i].Ancestry))
            {
                v.Fail($"{path}.ancestries[{i}].ancestry", Ancestries[i].Ancestry.ToString(), $"one of {string.Join(", ", Enum.GetNames<Ancestry>())}");
            }
            else if (Ancestries.Take(i).Any(a => a.Ancestry == Ancestries[i].Ancestry))
            {
                v.Fail($"{path}.ancestries[{i}].ancestry", Ancestries[i].Ancestry.ToString(), "an ancestry not listed before");
            }

            Required(v, $"{path}.ancestries[{i}]", Ancestries[i])?.Validate(v, $"{path}.ancestries[{i}]");
        }

        for (int i = 0; i < Mechanisms.Length; i++)
        {
            Required(v, $"{path}.mechanisms[{i}]", Mechanisms[i])?.Validate(v, $"{path}.mechanisms[{i}]");
        }

        Required(v, $"{path}.mortality", Mortality)?.Validate(v, $"{path}.mortality");
        Required(v, $"{path}.definition", Definition)?.Validate(v, $"{path}.definition");
        v.Range($"{path}.philoxRounds", PhiloxRounds, Philox4x32.MinimumRounds, Philox4x32.MaximumRounds);
    }

    private static T? Required<T>(ParameterValidator v, string path, T? part)
        where T : class
    {
        if (part is null)
        {
            v.Fail(path, "null", "a value");
        }

        return part;
    }
}
