using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Population;

/// <summary>How sex is assigned to person ids.</summary>
public enum SexAssignment
{
    /// <summary>Each person is female with probability <see cref="CohortSpec.FemaleFraction"/>, drawn from their own random stream.</summary>
    Random = 0,

    /// <summary>Even ids are female, odd ids male (the reference workload's rule).</summary>
    Alternating = 1,
}

/// <summary>
/// The cohort to simulate: how many people, from which age to which, and its sex and ancestry make-up.
/// Everyone starts at <see cref="StartAge"/> with their peak traits and is aged one year at a time to <see cref="EndAge"/>.
/// </summary>
/// <param name="People">Number of people (person ids 0 .. People − 1).</param>
public sealed record CohortSpec(long People)
{
    /// <summary>The largest supported cohort: person ids must fit the generator's 64-bit counter and result tables stay exact.</summary>
    public const long MaxPeople = 1L << 40;

    /// <summary>Age at which the cohort starts, with peak traits. Default 30 (the review's "after 30").</summary>
    public int StartAge { get; init; } = 30;

    /// <summary>Last age simulated. Default 100.</summary>
    public int EndAge { get; init; } = 100;

    /// <summary>Share of women when <see cref="Sexes"/> is <see cref="SexAssignment.Random"/>.</summary>
    public double FemaleFraction { get; init; } = 0.5;

    /// <summary>How sex is assigned.</summary>
    public SexAssignment Sexes { get; init; } = SexAssignment.Random;

    /// <summary>The ancestry make-up.</summary>
    public AncestryMix Ancestry { get; init; } = AncestryMix.European;

    /// <summary>
    /// Related people: families (twin pairs, sibships) holding the first person ids, the rest of the cohort unrelated.
    /// <see langword="null"/> (the default): everyone is unrelated.
    /// </summary>
    public FamilySpec? Families { get; init; }

    /// <summary>The number of year steps, <c>EndAge − StartAge</c>.</summary>
    public int Years => EndAge - StartAge;

    /// <summary>Checks every field; throws <see cref="ParameterValidationException"/> listing every problem.</summary>
    public void Validate()
    {
        var v = new ParameterValidator();
        Validate(v);
        v.ThrowIfAny();
    }

    /// <summary>Checks every field, adding problems to <paramref name="v"/> with paths under <paramref name="path"/>.</summary>
    public void Validate(ParameterValidator v, string path = "cohort")
    {
        ArgumentNullException.ThrowIfNull(v);
        v.Range($"{path}.people", People, 1, MaxPeople);
        v.Range($"{path}.startAge", StartAge, 18, 110);
        v.Range($"{path}.endAge", EndAge, 18, 120);
        if (EndAge <= StartAge)
        {
            v.Fail($"{path}.endAge", EndAge.ToString(System.Globalization.CultureInfo.InvariantCulture), $"an age after startAge ({StartAge})");
        }

        v.Range($"{path}.femaleFraction", FemaleFraction, 0, 1);
        if (!Enum.IsDefined(Sexes))
        {
            v.Fail($"{path}.sexes", Sexes.ToString(), $"one of {string.Join(", ", Enum.GetNames<SexAssignment>())}");
        }

        if (Families is not null)
        {
            // The families' size is only defined once their kinds are valid.
            int before = v.Errors.Count;
            Families.Validate(v, $"{path}.families");
            if (v.Errors.Count == before && Families.Members > People)
            {
                v.Fail($"{path}.people", People.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"at least the {Families.Members.ToString(System.Globalization.CultureInfo.InvariantCulture)} people of {path}.families");
            }
        }

        if (Ancestry is null)
        {
            v.Fail($"{path}.ancestry", "null", "an ancestry mix");
        }
        else
        {
            Ancestry.Validate(v, $"{path}.ancestry");
        }
    }
}
