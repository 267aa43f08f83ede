using FsCheck.Xunit;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Staging;

/// <summary>
/// The classifier at every cut-off (exactly at the threshold, one float below, one float above; strict and inclusive),
/// monotonicity in each deficit, and validation of user-defined definitions.
/// </summary>
public sealed class SarcopeniaDefinitionTests
{
    public static IEnumerable<object[]> NamesAndSexes =>
        from d in Definitions.All from Sex s in new[] { Sex.Female, Sex.Male } select new object[] { d.Name, s };

    public enum Measure
    {
        Mass,
        Grip,
        Gait,
    }

    public static IEnumerable<object[]> Boundaries =>
        from object[] ns in NamesAndSexes from Measure m in Enum.GetValues<Measure>() select new object[] { ns[0], ns[1], m };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Classify_AtEveryCutoff_StrictAndInclusiveAsPublished(string name, Sex sex, Measure measure)
    {
        SarcopeniaDefinition d = Definitions.Get(name);
        Cutoff cutoff = measure switch { Measure.Mass => d.LowMass, Measure.Grip => d.LowGrip, _ => d.LowGait };
        float threshold = (float)cutoff.Threshold[sex];

        // Exactly at the threshold: low only for an inclusive cut-off (EWGSOP gait ≤ 0.8 m/s; AWGS gait < 1.0 m/s is strict).
        Assert.Equal(cutoff.Inclusive, IsLow(d, sex, measure, threshold));
        Assert.True(IsLow(d, sex, measure, MathF.BitDecrement(threshold)), "one float below the threshold is low");
        Assert.False(IsLow(d, sex, measure, MathF.BitIncrement(threshold)), "one float above the threshold is not low");
    }

    [Fact]
    public void Gait_IsInclusiveForEwgsopAndStrictForAwgs()
    {
        Assert.True(Definitions.Ewgsop2.LowGait.Inclusive);
        Assert.True(Definitions.Ewgsop2010.LowGait.Inclusive);
        Assert.False(Definitions.Awgs2019.LowGait.Inclusive);
        Assert.True(IsLow(Definitions.Ewgsop2, Sex.Female, Measure.Gait, 0.8f));
        Assert.False(IsLow(Definitions.Awgs2019, Sex.Female, Measure.Gait, 1.0f));
        Assert.True(IsLow(Definitions.Awgs2019, Sex.Male, Measure.Gait, 0.99999994f));
    }

    [Theory]
    [InlineData(0.8, true)]
    [InlineData(1.0, false)]
    [InlineData(27.0, false)]
    public void StrictBound_IsTheThresholdOrTheNextFloatAbove(double threshold, bool inclusive)
    {
        var cutoff = new Cutoff(BySex<double>.Both(threshold), inclusive);
        float expected = inclusive ? MathF.BitIncrement((float)threshold) : (float)threshold;
        Assert.Equal(expected, cutoff.StrictBound(Sex.Female));
        Assert.Equal(expected, cutoff.StrictBound(Sex.Male));
    }

    [Theory]
    [MemberData(nameof(DefinitionsTests.Names), MemberType = typeof(DefinitionsTests))]
    public void Rules_AreOrderedByDeficits(string name)
    {
        // A superset of deficits never maps to a less severe stage (Stage values are in severity order).
        SarcopeniaDefinition d = Definitions.Get(name);
        for (int c = 0; c < 8; c++)
        {
            for (int superset = 0; superset < 8; superset++)
            {
                if ((c & superset) == c)
                {
                    Assert.True(d.Rules[superset] >= d.Rules[c], $"{name}: {c} → {d.Rules[c]} but {superset} → {d.Rules[superset]}");
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 2000, Replay = "(20251128,5)")]
    public void Classify_LoweringMassGripOrGait_NeverLowersTheStage(Measurements x, Decrements lower)
    {
        foreach (SarcopeniaDefinition d in Definitions.All)
        {
            Stage before = d.Classify(x.Sex, x.AsmKg, x.HeightM, x.Bmi, x.GripKg, x.GaitMps);
            Stage after = d.Classify(x.Sex, x.AsmKg - lower.AsmKg, x.HeightM, x.Bmi, x.GripKg - lower.GripKg, x.GaitMps - lower.GaitMps);
            Assert.True(after >= before, $"{d.Name}: {x} is {before}, lowered by {lower} is {after}");
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 1000, Replay = "(20251128,7)")]
    public void Classify_EqualsTheRuleTableOfTheThreeComparisons(Measurements x)
    {
        foreach (SarcopeniaDefinition d in Definitions.All)
        {
            double massScale = d.MassMeasure switch { MassMeasure.Asmi => 1 / (x.HeightM * x.HeightM), MassMeasure.AsmPerBmi => 1 / x.Bmi, _ => 1 };
            double mass = x.AsmKg * massScale;

            // Decide in double precision where the answer is unambiguous (away from the cut-off by more than float error).
            bool? Low(double value, Cutoff c) =>
                Math.Abs(value - c.Threshold[x.Sex]) < 1e-5 * c.Threshold[x.Sex] ? null : value < c.Threshold[x.Sex];

            bool? m = Low(mass, d.LowMass), s = Low(x.GripKg, d.LowGrip), p = Low(x.GaitMps, d.LowGait);
            if (m is bool mb && s is bool sb && p is bool pb)
            {
                Assert.Equal(d.StageOf(mb, sb, pb), d.Classify(x.Sex, x.AsmKg, x.HeightM, x.Bmi, x.GripKg, x.GaitMps));
            }
        }
    }

    [Fact]
    public void UserDefinedDefinition_ValidatesAndRunsThroughTheEngine()
    {
        // A mass-only screen in kg: low ASM < 15 / 20 kg is "sarcopenia", anything with low mass and low grip severe.
        var custom = new SarcopeniaDefinition(
            "MassScreen",
            "User-defined test definition",
            MassMeasure.AsmKg,
            Cutoff.Below(15, 20),
            Cutoff.Below(16, 27),
            Cutoff.AtOrBelow(0.8, 0.8),
            [Stage.None, Stage.Sarcopenia, Stage.None, Stage.Severe, Stage.None, Stage.Sarcopenia, Stage.None, Stage.Severe]);
        ModelParameters model = Presets.Evidence with { Definition = custom };
        model.Validate();

        SimulationResult r = Simulation.Run(model, new CohortSpec(2_000), 9);
        Assert.Equal([Stage.None, Stage.Sarcopenia, Stage.Severe], r.Stages);
        foreach (int age in r.Ages)
        {
            Assert.Equal(r.Alive(age), r.Stages.Sum(s => r.Count(age, s)));
        }

        Assert.True(r.Count(90, Stage.Sarcopenia) + r.Count(90, Stage.Severe) > 0);
    }

    [Fact]
    public void ProbableName_IsData_SoACopyUnderAnotherNameKeepsItsWords()
    {
        // Before, the word was chosen by the definition's name: a copy of AWGS 2019 named otherwise said "Probable".
        SarcopeniaDefinition copy = Definitions.Awgs2019 with { Name = "AWGS2019-local" };
        Assert.Equal("Possible", copy.NameOf(Stage.Probable));
        Assert.True(copy.TryFindStage("possible", out Stage found));
        Assert.Equal(Stage.Probable, found);
        Assert.Equal("Probable", Definitions.Ewgsop2.NameOf(Stage.Probable));
        Assert.Equal("Weakness", Definitions.Fnih.NameOf(Stage.Probable));
        Assert.Equal("Sarcopenia", copy.NameOf(Stage.Sarcopenia));

        // "Probable" itself is allowed (it is the stage's own name), in any case.
        (Presets.Evidence with { Definition = Definitions.Ewgsop2 with { ProbableName = "probable" } }).Validate();
    }

    public static IEnumerable<object[]> BadDefinitions =>
    [
        ["rules of length 7", Ewgsop2With(rules: [Stage.None, Stage.None, Stage.None, Stage.None, Stage.None, Stage.None, Stage.Severe]), "model.definition.rules", "7 entries"],
        ["rules of length 9", Ewgsop2With(rules: [.. Enumerable.Repeat(Stage.None, 9)]), "model.definition.rules", "9 entries"],
        ["no rules", Ewgsop2With(rules: default), "model.definition.rules", "0 entries"],
        ["a stage with no deficit", Ewgsop2With(rules: [Stage.Probable, .. Definitions.Ewgsop2.Rules.Skip(1)]), "model.definition.rules[0]", "Probable"],
        ["an undefined stage", Ewgsop2With(rules: [.. Definitions.Ewgsop2.Rules.Take(7), (Stage)17]), "model.definition.rules[7]", "17"],
        ["a negative cut-off", Definitions.Ewgsop2 with { LowGrip = Cutoff.Below(-16, 27) }, "model.definition.lowGrip.female", "-16"],
        ["a NaN cut-off", Definitions.Ewgsop2 with { LowGait = Cutoff.AtOrBelow(0.8, double.NaN) }, "model.definition.lowGait.male", "NaN"],
        ["an infinite cut-off", Definitions.Ewgsop2 with { LowMass = Cutoff.Below(double.PositiveInfinity, 7) }, "model.definition.lowMass.female", "Infinity"],
        ["an implausible ASMI cut-off", Definitions.Ewgsop2 with { LowMass = Cutoff.Below(5.5, 70) }, "model.definition.lowMass.male", "70"],
        ["an undefined mass measure", Definitions.Ewgsop2 with { MassMeasure = (MassMeasure)9 }, "model.definition.massMeasure", "9"],
        ["an empty name", Definitions.Ewgsop2 with { Name = " " }, "model.definition.name", "\" \""],
        ["a probable name of two words", Definitions.Ewgsop2 with { ProbableName = "At risk" }, "model.definition.probableName", "\"At risk\""],
        ["an empty probable name", Definitions.Ewgsop2 with { ProbableName = "" }, "model.definition.probableName", "\"\""],
        ["another stage's name as the probable name", Definitions.Ewgsop2 with { ProbableName = "severe" }, "model.definition.probableName", "\"severe\""],
    ];

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public void UserDefinedDefinition_Invalid_IsRejectedNamingPathValueAndRange(string why, SarcopeniaDefinition definition, string path, string value)
    {
        ModelParameters model = Presets.Evidence with { Definition = definition };
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => model.Validate());
        ParameterError error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.True(error.Value.Contains(value, StringComparison.Ordinal), $"{why}: value text \"{error.Value}\"");
        Assert.False(string.IsNullOrWhiteSpace(error.Allowed));
        Assert.Contains(path, e.Message);

        // And the engine refuses it at the boundary too.
        Assert.Throws<ParameterValidationException>(() => Simulation.Run(model, new CohortSpec(10), 1));
    }

    private static SarcopeniaDefinition Ewgsop2With(EquatableArray<Stage> rules) => Definitions.Ewgsop2 with { Rules = rules };

    /// <summary>Whether <paramref name="measure"/> at <paramref name="value"/> counts as low, read from the stage.</summary>
    /// <remarks>
    /// Height 1 m and BMI 1 make the mass measure equal to the ASM exactly. The other two measures are set low, so the
    /// stage is Rules[7] (severe) when the tested measure is low and a different stage otherwise, in every definition.
    /// </remarks>
    private static bool IsLow(SarcopeniaDefinition d, Sex sex, Measure measure, float value)
    {
        double lowMass = d.LowMass.Threshold[sex] / 2, lowGrip = d.LowGrip.Threshold[sex] / 2, lowGait = d.LowGait.Threshold[sex] / 2;
        Stage stage = measure switch
        {
            Measure.Mass => d.Classify(sex, value, 1, 1, lowGrip, lowGait),
            Measure.Grip => d.Classify(sex, lowMass, 1, 1, value, lowGait),
            _ => d.Classify(sex, lowMass, 1, 1, lowGrip, value),
        };
        int without = measure switch { Measure.Mass => 6, Measure.Grip => 5, _ => 3 };
        Assert.NotEqual(d.Rules[7], d.Rules[without]);
        return stage == d.Rules[7];
    }
}
