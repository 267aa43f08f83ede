using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;

namespace Sarcopenia.Sim.Staging;

/// <summary>How a definition measures muscle quantity.</summary>
public enum MassMeasure
{
    /// <summary>ASM / height², kg/m² (EWGSOP, EWGSOP2, AWGS).</summary>
    Asmi = 0,

    /// <summary>ASM, kg (EWGSOP2's alternative).</summary>
    AsmKg = 1,

    /// <summary>ASM / BMI, m² (FNIH).</summary>
    AsmPerBmi = 2,
}

/// <summary>A sex-specific cut-off below which a measure counts as low.</summary>
/// <param name="Threshold">The cut-off for women and men.</param>
/// <param name="Inclusive">Whether a value equal to the cut-off also counts as low (<c>≤</c> rather than <c>&lt;</c>).</param>
public readonly record struct Cutoff(BySex<double> Threshold, bool Inclusive)
{
    /// <summary>A strict cut-off: low means <c>value &lt; threshold</c>.</summary>
    public static Cutoff Below(double female, double male) => new(new(female, male), false);

    /// <summary>An inclusive cut-off: low means <c>value ≤ threshold</c>.</summary>
    public static Cutoff AtOrBelow(double female, double male) => new(new(female, male), true);

    /// <summary>
    /// The float bound <c>b</c> such that a value <c>x</c> is low exactly when <c>x &lt; b</c>. The classifier works in
    /// single precision; an inclusive cut-off becomes the next float above the threshold, so one comparison serves both.
    /// </summary>
    public float StrictBound(Sex sex) => Inclusive ? MathF.BitIncrement((float)Threshold[sex]) : (float)Threshold[sex];

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{(Inclusive ? "<=" : "<")} {Threshold.Female} (F) / {Threshold.Male} (M)");
}

/// <summary>
/// A sarcopenia definition as data: three cut-offs and a rule that maps every combination of deficits to a stage.
/// </summary>
/// <remarks>
/// <para>Deficits form a three-bit index: 1 = low mass, 2 = low strength (grip), 4 = low performance (gait speed).
/// <see cref="Rules"/>[index] is the stage of a person with exactly those deficits, so a definition is an 8-entry
/// table and any published staging (or a user's own) can be expressed without code.</para>
/// </remarks>
/// <param name="Name">Identifier, e.g. <c>EWGSOP2</c>.</param>
/// <param name="Citation">The publication that defines it.</param>
/// <param name="MassMeasure">How muscle quantity is measured.</param>
/// <param name="LowMass">Cut-off for low muscle quantity, in <paramref name="MassMeasure"/>'s unit.</param>
/// <param name="LowGrip">Cut-off for low grip strength, kg.</param>
/// <param name="LowGait">Cut-off for low gait speed, m/s.</param>
/// <param name="Rules">The stage for each deficit combination (8 entries).</param>
public sealed record SarcopeniaDefinition(
    string Name,
    string Citation,
    MassMeasure MassMeasure,
    Cutoff LowMass,
    Cutoff LowGrip,
    Cutoff LowGait,
    EquatableArray<Stage> Rules)
{
    /// <summary>Deficit bit for low muscle mass.</summary>
    public const int LowMassBit = 1;

    /// <summary>Deficit bit for low strength.</summary>
    public const int LowStrengthBit = 2;

    /// <summary>Deficit bit for low physical performance.</summary>
    public const int LowPerformanceBit = 4;

    /// <summary>The number of deficit combinations (2³).</summary>
    public const int Combinations = 8;

    /// <summary>
    /// The low-mass cut-off the definition sets for mass measured by bioelectrical impedance, where it sets its own
    /// (AWGS 2019: 5.7 kg/m² for women against 5.4 by DXA), or <see langword="null"/> when BIA uses <see cref="LowMass"/>.
    /// </summary>
    public Cutoff? LowMassBia { get; init; }

    /// <summary>
    /// The low-mass cut-off for mass measured by the device named <paramref name="massDevice"/>: <see cref="LowMassBia"/>
    /// for <c>BIA</c> (any case) where the definition sets one, else <see cref="LowMass"/>.
    /// </summary>
    /// <param name="massDevice">The mass device's name (e.g. <c>DXA</c>, <c>BIA</c>), or <see langword="null"/> for true (unmeasured) mass.</param>
    public Cutoff LowMassFor(string? massDevice) =>
        LowMassBia is Cutoff bia && string.Equals(massDevice, BiaDeviceName, StringComparison.OrdinalIgnoreCase) ? bia : LowMass;

    /// <summary>The device name that selects <see cref="LowMassBia"/>.</summary>
    public const string BiaDeviceName = "BIA";

    /// <summary>The stages this definition can assign, in increasing severity, starting with <see cref="Stage.None"/>.</summary>
    public IReadOnlyList<Stage> Stages => [.. Rules.Append(Stage.None).Distinct().Order()];

    /// <summary>
    /// The definition's own word for <see cref="Stage.Probable"/> (low strength or function without low mass), as tables,
    /// files and intervention targets name it: AWGS 2019's <c>Possible</c>, FNIH's <c>Weakness</c>; <see langword="null"/>
    /// (the default) keeps <c>Probable</c>, EWGSOP2's word. A definition written in a scenario file sets it as
    /// <c>probableName</c>, so a copy of AWGS 2019 under another name still says <c>Possible</c>.
    /// </summary>
    public string? ProbableName { get; init; }

    /// <summary>
    /// The stage's name in this definition's own words, one word, as tables and files show it: <see cref="Stage.Probable"/>
    /// is <see cref="ProbableName"/> where the definition sets one; every other stage is the stage's own name.
    /// </summary>
    public string NameOf(Stage stage) => stage == Stage.Probable && ProbableName is string own ? own : stage.ToString();

    /// <summary>
    /// Finds one of this definition's <see cref="Stages"/> by its name, case ignored: the stage's own name
    /// (<c>Probable</c>, as rules are written) or the definition's word for it (<see cref="NameOf"/>, e.g. <c>Possible</c>).
    /// </summary>
    internal bool TryFindStage(string text, out Stage stage)
    {
        foreach (Stage candidate in Stages)
        {
            if (string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase) || string.Equals(text, NameOf(candidate), StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        }

        stage = Stage.None;
        return false;
    }

    /// <summary>The names <see cref="TryFindStage"/> accepts, for messages: "None, Possible (Probable), Sarcopenia, Severe".</summary>
    internal string StageNamesText() =>
        string.Join(", ", Stages.Select(s => NameOf(s) == s.ToString() ? s.ToString() : $"{NameOf(s)} ({s})"));

    /// <summary>A bit mask over deficit combinations: bit <c>c</c> is set when <see cref="Rules"/>[c] is one of <paramref name="stages"/>.</summary>
    internal int CombinationsIn(IEnumerable<Stage> stages)
    {
        var set = new HashSet<Stage>(stages);
        int mask = 0;
        for (int c = 0; c < Combinations; c++)
        {
            if (set.Contains(Rules[c]))
            {
                mask |= 1 << c;
            }
        }

        return mask;
    }

    /// <summary>Returns the stage of a person with the given deficits.</summary>
    public Stage StageOf(bool lowMass, bool lowStrength, bool lowPerformance) =>
        Rules[(lowMass ? LowMassBit : 0) | (lowStrength ? LowStrengthBit : 0) | (lowPerformance ? LowPerformanceBit : 0)];

    /// <summary>Classifies one person's measurements, with the same single-precision comparisons as the engine.</summary>
    /// <param name="sex">The person's sex.</param>
    /// <param name="asmKg">Appendicular skeletal muscle mass, kg.</param>
    /// <param name="heightM">Height, m.</param>
    /// <param name="bmi">Body-mass index, kg/m².</param>
    /// <param name="gripKg">Grip strength, kg.</param>
    /// <param name="gaitMps">Gait speed, m/s.</param>
    public Stage Classify(Sex sex, double asmKg, double heightM, double bmi, double gripKg, double gaitMps)
    {
        float mass = (float)asmKg * MassScale(MassMeasure, (float)heightM, (float)bmi);
        return StageOf(mass < LowMass.StrictBound(sex), (float)gripKg < LowGrip.StrictBound(sex), (float)gaitMps < LowGait.StrictBound(sex));
    }

    /// <summary>The factor that turns ASM (kg) into this definition's mass measure.</summary>
    internal static float MassScale(MassMeasure measure, float heightM, float bmi) => measure switch
    {
        MassMeasure.Asmi => 1f / (heightM * heightM),
        MassMeasure.AsmPerBmi => 1f / bmi,
        _ => 1f,
    };

    /// <summary>A bit mask over deficit combinations: bit <c>c</c> is set when <see cref="Rules"/>[c] is at least <paramref name="stage"/>.</summary>
    internal int CombinationsAtLeast(Stage stage)
    {
        int mask = 0;
        for (int c = 0; c < Combinations; c++)
        {
            if (Rules[c] >= stage)
            {
                mask |= 1 << c;
            }
        }

        return mask;
    }

    internal void Validate(ParameterValidator v, string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            v.Fail($"{path}.name", $"\"{Name}\"", "a non-empty name");
        }

        if (ProbableName is string probable && !IsStageWord(probable))
        {
            v.Fail($"{path}.probableName", $"\"{probable}\"", $"one word of letters that is not another stage's name ({string.Join(", ", Enum.GetNames<Stage>().Where(n => n != nameof(Stage.Probable)))})");
        }

        if (!Enum.IsDefined(MassMeasure))
        {
            v.Fail($"{path}.massMeasure", MassMeasure.ToString(), $"one of {string.Join(", ", Enum.GetNames<MassMeasure>())}");
        }

        double massMax = MassMeasure switch { MassMeasure.AsmKg => 60, MassMeasure.AsmPerBmi => 3, _ => 20 };
        CheckCutoff(v, $"{path}.lowMass", LowMass, massMax);
        CheckCutoff(v, $"{path}.lowGrip", LowGrip, 100);
        CheckCutoff(v, $"{path}.lowGait", LowGait, 3);
        if (Rules.Length != Combinations)
        {
            v.Fail($"{path}.rules", $"{Rules.Length} entries", $"exactly {Combinations} stages, one per deficit combination");
            return;
        }

        if (Rules[0] != Stage.None)
        {
            v.Fail($"{path}.rules[0]", Rules[0].ToString(), "None: a person with no deficit has no stage");
        }

        for (int c = 0; c < Combinations; c++)
        {
            if (!Enum.IsDefined(Rules[c]))
            {
                v.Fail($"{path}.rules[{c}]", Rules[c].ToString(), $"one of {string.Join(", ", Enum.GetNames<Stage>())}");
            }
        }

        // One word, because tables use it as a column value and intervention targets as a name; not another stage's name,
        // because stage names are looked up by either word (TryFindStage).
        static bool IsStageWord(string word) =>
            word.Length > 0 && word.All(char.IsLetter)
            && (string.Equals(word, nameof(Stage.Probable), StringComparison.OrdinalIgnoreCase)
                || !Enum.GetNames<Stage>().Any(n => string.Equals(n, word, StringComparison.OrdinalIgnoreCase)));

        static void CheckCutoff(ParameterValidator v, string path, Cutoff cutoff, double max)
        {
            v.Positive($"{path}.female", cutoff.Threshold.Female, max);
            v.Positive($"{path}.male", cutoff.Threshold.Male, max);
        }
    }
}
