using System.Globalization;
using MathNet.Numerics.Distributions;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Projection;

/// <summary>
/// Everything a microsimulation projection needs: the scenario (model, the cohort's ages and ancestry, the seed), the
/// population and life tables of one location, the calendar years and the scaling, and the interventions of the arm.
/// </summary>
/// <remarks>
/// The scenario's cohort gives the ages simulated (<see cref="Population.CohortSpec.StartAge"/> to
/// <see cref="Population.CohortSpec.EndAge"/>, at most the population table's oldest age) and the ancestry mix; its
/// number of people is not used: each birth cohort's size is its people at the base year (or at entry) over
/// <see cref="Scale"/>.
/// </remarks>
public sealed record MicrosimSetup
{
    /// <summary>The default base year: WPP 2019's last estimate.</summary>
    public const int DefaultBaseYear = Wpp2019.LastEstimateYear;

    /// <summary>The default horizon: 30 years after the base year, as the examples use.</summary>
    public const int DefaultHorizon = 2050;

    /// <summary>The default scaling: one simulated person for 1,000 real people, a projection of Japan in seconds.</summary>
    public const double DefaultScale = 1000;

    /// <summary>The scenario: model, the cohort's ages and ancestry, the seed.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The population by year, sex and age (estimates and projections).</summary>
    public required PopulationTable Population { get; init; }

    /// <summary>The period life tables of the same location.</summary>
    public required PeriodLifeTables LifeTables { get; init; }

    /// <summary>The first calendar year: everyone alive then enters at their age.</summary>
    public int BaseYear { get; init; } = DefaultBaseYear;

    /// <summary>The last calendar year projected.</summary>
    public int Horizon { get; init; } = DefaultHorizon;

    /// <summary>Real people each simulated person stands for (1 = full scale).</summary>
    public double Scale { get; init; } = DefaultScale;

    /// <summary>The arm's interventions (none for a baseline).</summary>
    public EquatableArray<Intervention> Interventions { get; init; } = [];

    /// <summary>The first age simulated: the cohort's start age.</summary>
    public int FirstAge => Scenario.Cohort.StartAge;

    /// <summary>The last age simulated: the cohort's end age, at most the population table's oldest age (which stands for the open group).</summary>
    public int LastAge => Math.Min(Scenario.Cohort.EndAge, Population.OldestAge);

    /// <summary>Checks the years, the scaling and the interventions against the tables; throws listing every problem.</summary>
    /// <exception cref="ParameterValidationException">A value is outside what the tables or the model allow.</exception>
    public void Validate()
    {
        var v = new ParameterValidator();
        Scenario.Model.Validate(v);
        Scenario.Cohort.Validate(v);
        v.Range("population.baseYear", BaseYear, Population.FirstYear, Population.LastYear);
        v.Range("population.horizon", Horizon, BaseYear, Population.LastYear);
        // Deaths are counted from the base year on, so the life tables must cover the base year to the horizon.
        Period[] periods = [.. LifeTables.Periods];
        string covered = string.Create(CultureInfo.InvariantCulture, $"a year the life tables of {LifeTables.Location.Label} cover ({periods[0].Start} to {periods[^1].End - 1})");
        if (BaseYear < periods[0].Start)
        {
            v.Fail("population.baseYear", BaseYear.ToString(CultureInfo.InvariantCulture), covered);
        }

        if (Horizon > periods[^1].End - 1)
        {
            v.Fail("population.horizon", Horizon.ToString(CultureInfo.InvariantCulture), covered);
        }

        v.Positive("population.scale", Scale, 1e9);
        if (Scale < 1)
        {
            v.Fail("population.scale", ParameterValidator.Format(Scale), "at least 1 (one simulated person stands for one real person or more)");
        }

        if (LastAge <= FirstAge)
        {
            v.Fail("cohort.startAge", FirstAge.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"an age below the population table's oldest age, {Population.OldestAge}"));
        }

        for (int i = 0; i < Interventions.Length; i++)
        {
            Interventions[i].Validate(v, $"interventions[{i}]", Scenario.Model.Definition);
        }

        if (v.Errors.Count == 0)
        {
            CheckScale(v);
        }

        v.ThrowIfAny();
    }

    /// <summary>
    /// Every birth cohort (birth year, sex) with someone in the simulated ages from the base year to the horizon: the
    /// year and age it enters (the base year, or the year it reaches the first age), its last age and its people then.
    /// </summary>
    internal IEnumerable<(int Born, Sex Sex, int EntryYear, int EntryAge, int LastAge, double People)> BirthCohorts()
    {
        for (int born = BaseYear - LastAge; born <= Horizon - FirstAge; born++)
        {
            int entryYear = Math.Max(BaseYear, born + FirstAge);
            foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
            {
                yield return (born, sex, entryYear, entryYear - born, Math.Min(LastAge, Horizon - born), Population.AtAge(entryYear, sex, entryYear - born));
            }
        }
    }

    /// <summary>Every birth cohort must get at least one simulated person: names the smallest and the largest scale that allows it.</summary>
    private void CheckScale(ParameterValidator v)
    {
        (int Born, Sex Sex, int EntryYear, int EntryAge, int LastAge, double People) smallest = BirthCohorts().MinBy(c => c.People);
        if (Math.Round(smallest.People / Scale, MidpointRounding.ToEven) >= 1)
        {
            return;
        }

        string ages = smallest.EntryAge == Population.OldestAge ? $"{smallest.EntryAge}+" : smallest.EntryAge.ToString(CultureInfo.InvariantCulture);
        string who = smallest.Sex == Sex.Female ? "women" : "men";

        // A scale of at most the cell's people gives it at least one simulated person (the bound users can act on).
        double allowed = Math.Max(1, Math.Floor(smallest.People));
        v.Fail("population.scale", ParameterValidator.Format(Scale), string.Create(CultureInfo.InvariantCulture,
            $"a scale that gives every birth cohort at least one simulated person; the smallest is {who} aged {ages} in {smallest.EntryYear}, {smallest.People:N0} people, so at most {allowed:0.#}"));
    }
}

/// <summary>
/// A programme that raises strength (and, if given, slows mass loss) in the people it reaches. It enters the model as
/// one more exposure (<see cref="Parameters.Mechanism"/>): in each birth cohort, a person is enrolled at the first age
/// that is both in the target ages and in a calendar year from <see cref="StartYear"/> on, with probability
/// <see cref="Coverage"/> × <see cref="Adherence"/>, drawn from the person's own uniform (so arms share every other draw).
/// With <see cref="Stages"/>, the person so reached is enrolled only in a year whose measured stage (at the end of the
/// year before) is one of them, screened every year of the target ages. Enrolled people keep the effect, fading with
/// <see cref="WaningHalfLifeYears"/> when it is given.
/// </summary>
/// <param name="Name">A short identifier, e.g. <c>ResistanceTraining</c>.</param>
/// <param name="StrengthSmd">The effect on strength as a standardized mean difference; the strength ratio is 1 + SMD × the grip's coefficient of variation at the peak (the model's grip SD over its mean, both sexes averaged).</param>
/// <param name="StrengthSmdSe">The standard error of <paramref name="StrengthSmd"/>: each replicate draws the SMD from a normal with this SD (0 = fixed).</param>
/// <param name="Source">Where the effect comes from.</param>
public sealed record Intervention(string Name, double StrengthSmd, double StrengthSmdSe, string Source)
{
    /// <summary>Multiplies the annual mass-loss rate of the enrolled (1 = no effect; trials report one-off mass gains, which the model's exposures cannot add).</summary>
    public double LossRateRatio { get; init; } = 1;

    /// <summary>The first calendar year anyone is enrolled; <see langword="null"/> for the base year.</summary>
    public int? StartYear { get; init; }

    /// <summary>The youngest age enrolled.</summary>
    public int MinAge { get; init; } = 65;

    /// <summary>The oldest age enrolled.</summary>
    public int MaxAge { get; init; } = 120;

    /// <summary>The sex enrolled, or <see langword="null"/> for both.</summary>
    public Sex? Sex { get; init; }

    /// <summary>
    /// The measured stages the programme enrols (e.g. <see cref="Stage.Probable"/> and <see cref="Stage.Sarcopenia"/>), or
    /// empty for everyone in the target ages. The people it reaches are screened at the start of every year in the target
    /// ages, on the stage measured at the end of the year before, and enrolled in the first year that stage is one of
    /// these; once enrolled they keep the effect whatever their stage later. Each must be a stage of the scenario's definition.
    /// </summary>
    public EquatableArray<Stage> Stages { get; init; } = [];

    /// <summary>The share of the target group the programme reaches.</summary>
    public double Coverage { get; init; } = 1;

    /// <summary>The share of those reached who keep to it (the effect applies to coverage × adherence of the target group).</summary>
    public double Adherence { get; init; } = 1;

    /// <summary>The half-life of the effect from enrolment (<see cref="Parameters.Mechanism.WaningHalfLifeYears"/>), or <see langword="null"/> for a lasting effect.</summary>
    public double? WaningHalfLifeYears { get; init; }

    /// <summary>The strength ratio for a given SMD and the grip's coefficient of variation.</summary>
    public static double StrengthRatio(double smd, double gripCv) => 1 + (smd * gripCv);

    internal void Validate(ParameterValidator v, string path, Staging.SarcopeniaDefinition definition)
    {
        for (int i = 0; i < Stages.Length; i++)
        {
            if (!definition.Stages.Contains(Stages[i]))
            {
                v.Fail($"{path}.stages[{i}]", Stages[i].ToString(), $"a stage of {definition.Name}: {definition.StageNamesText()}");
            }
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            v.Fail($"{path}.name", $"\"{Name}\"", "a non-empty name");
        }

        v.Range($"{path}.strengthSmd", StrengthSmd, -2, 3);
        v.Range($"{path}.strengthSmdSe", StrengthSmdSe, 0, 2);
        v.Positive($"{path}.lossRateRatio", LossRateRatio, 20);
        v.Range($"{path}.minAge", MinAge, 18, 120);
        v.Range($"{path}.maxAge", MaxAge, MinAge, 120);
        v.Range($"{path}.coverage", Coverage, 0, 1);
        v.Range($"{path}.adherence", Adherence, 0, 1);
        if (WaningHalfLifeYears is double halfLife)
        {
            v.Positive($"{path}.waningHalfLifeYears", halfLife, Parameters.Mechanism.MaxWaningHalfLifeYears);
        }

        if (StartYear is int year)
        {
            v.Range($"{path}.startYear", year, 1950, 2100);
        }
    }
}

/// <summary>The interventions of the science sheet (physiology §8), with their published effects on strength.</summary>
public static class Interventions
{
    /// <summary>
    /// Progressive resistance training: strength SMD 0.68 (95 % CI 0.52–0.84, so SE 0.08), 62 RCTs, n = 3,674 (Latham 2004,
    /// J Gerontol A). Its lean-mass gain (+1.1 kg, Peterson 2011) is a one-off gain, not a slower loss, and is not modelled.
    /// </summary>
    public static Intervention ResistanceTraining { get; } = new("ResistanceTraining", 0.68, Se(0.52, 0.84),
        "Latham 2004, J Gerontol A: progressive resistance training, 62 RCTs, strength SMD 0.68 (0.52-0.84)");

    /// <summary>
    /// Protein supplements with resistance training: the training's strength effect (Latham 2004) plus the extra leg-press
    /// 1RM of protein, +13.5 kg (6.4–20.7; Cermak 2012, 22 RCTs), as an SMD against a 1RM SD of 30 kg
    /// (an assumption: older adults' leg-press 1RM SD is not in the science sheet), 0.45 (0.21–0.69), added.
    /// </summary>
    public static Intervention ProteinWithTraining { get; } = new("ProteinWithTraining", 0.68 + (13.5 / AssumedLegPressSdKg),
        Math.Sqrt((Se(0.52, 0.84) * Se(0.52, 0.84)) + (Se(6.4 / AssumedLegPressSdKg, 20.7 / AssumedLegPressSdKg) * Se(6.4 / AssumedLegPressSdKg, 20.7 / AssumedLegPressSdKg))),
        "Latham 2004 (RT strength SMD 0.68, 0.52-0.84) plus Cermak 2012, Am J Clin Nutr 96:1454 (protein + RT leg press +13.5 kg, 6.4-20.7) over an assumed 1RM SD of 30 kg");

    /// <summary>
    /// Vitamin D: strength SMD 0.17 (p = .02, so SE 0.17 / 2.33 = 0.073), 30 RCTs, n = 5,615 (Beaudart 2014, J Clin
    /// Endocrinol Metab 99:4336); no effect on mass.
    /// </summary>
    public static Intervention VitaminD { get; } = new("VitaminD", 0.17, 0.17 / 2.326,
        "Beaudart 2014, J Clin Endocrinol Metab 99:4336: vitamin D, 30 RCTs, strength SMD 0.17 (p = .02)");

    /// <summary>Every named intervention.</summary>
    public static IReadOnlyList<Intervention> All { get; } = [ResistanceTraining, ProteinWithTraining, VitaminD];

    /// <summary>Finds an intervention by name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No intervention has that name; the message lists the names allowed.</exception>
    public static Intervention Get(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"\"{name}\" is not an intervention; expected one of {string.Join(", ", All.Select(i => i.Name))}{NameMatch.Hint(name, All.Select(i => i.Name))}", nameof(name));

    // Assumption (no source in the science sheet): the SD of older adults' leg-press one-repetition maximum, kg.
    private const double AssumedLegPressSdKg = 30;

    // A 95 % interval's standard error: its width over 2 × 1.96.
    private static double Se(double low, double high) => (high - low) / (2 * 1.959964);
}

/// <summary>The families of distributions a scenario parameter may be drawn from.</summary>
public enum DistributionKind
{
    /// <summary>Normal(mean <c>A</c>, SD <c>B</c>).</summary>
    Normal,

    /// <summary>Log-normal with median <c>A</c> and log-scale SD <c>B</c>.</summary>
    LogNormal,

    /// <summary>Beta(α <c>A</c>, β <c>B</c>) on [0, 1].</summary>
    Beta,

    /// <summary>Uniform on [<c>A</c>, <c>B</c>].</summary>
    Uniform,

    /// <summary>Triangular with lower bound <c>A</c>, mode <c>B</c> and upper bound <c>C</c>.</summary>
    Triangular,
}

/// <summary>A scenario parameter (named by its scenario-file path) drawn from a distribution once per replicate.</summary>
/// <param name="Path">The parameter's path in scenario files, e.g. <c>model.massLoss.medianRate.female</c>.</param>
/// <param name="Kind">The family.</param>
/// <param name="A">The first parameter (see <see cref="DistributionKind"/>).</param>
/// <param name="B">The second parameter.</param>
/// <param name="C">The third parameter (triangular only; else 0).</param>
public sealed record ParameterDistribution(string Path, DistributionKind Kind, double A, double B, double C = 0)
{
    /// <summary>The value at probability <paramref name="u"/> in (0, 1): the inverse distribution function.</summary>
    public double Quantile(double u) => Kind switch
    {
        DistributionKind.Normal => B == 0 ? A : Normal.InvCDF(A, B, u),
        DistributionKind.LogNormal => A * Math.Exp(B * Normal.InvCDF(0, 1, u)),
        DistributionKind.Beta => Beta.InvCDF(A, B, u),
        DistributionKind.Uniform => A + (u * (B - A)),
        DistributionKind.Triangular => u < (B - A) / (C - A)
            ? A + Math.Sqrt(u * (C - A) * (B - A))
            : C - Math.Sqrt((1 - u) * (C - A) * (C - B)),
        _ => throw new ArgumentOutOfRangeException(nameof(u), Kind, "Unknown distribution."),
    };

    /// <summary>Checks the distribution's own parameters, naming them under <paramref name="path"/>.</summary>
    public void Validate(ParameterValidator v, string path)
    {
        ArgumentNullException.ThrowIfNull(v);
        switch (Kind)
        {
            case DistributionKind.Normal:
                v.Range($"{path}.sd", B, 0, double.MaxValue);
                break;
            case DistributionKind.LogNormal:
                v.Positive($"{path}.median", A, double.MaxValue);
                v.Range($"{path}.sdLog", B, 0, 10);
                break;
            case DistributionKind.Beta:
                v.Positive($"{path}.alpha", A, 1e6);
                v.Positive($"{path}.beta", B, 1e6);
                break;
            case DistributionKind.Uniform:
                if (!(B > A))
                {
                    v.Fail($"{path}.max", ParameterValidator.Format(B), $"a value above min ({ParameterValidator.Format(A)})");
                }

                break;
            case DistributionKind.Triangular:
                if (!(A <= B && B <= C && C > A))
                {
                    v.Fail($"{path}.mode", ParameterValidator.Format(B), $"a value from min ({ParameterValidator.Format(A)}) to max ({ParameterValidator.Format(C)}), with min < max");
                }

                break;
            default:
                v.Fail($"{path}.distribution", Kind.ToString(), string.Join(", ", Enum.GetNames<DistributionKind>()));
                break;
        }
    }
}
