using System.Collections.Immutable;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.Parameters;

/// <summary>
/// Invariant 5 (validated at the boundary): every double field of <see cref="ModelParameters"/> rejects NaN and ±∞, and
/// each documented range is enforced, with a <see cref="ParameterValidationException"/> whose errors name the path, the
/// value and the allowed range, from <see cref="ModelParameters.Validate()"/> and from <see cref="Simulation.Run"/>.
/// </summary>
public sealed class ModelParametersValidationTests
{
    private delegate ModelParameters Setter(ModelParameters model, double value);

    /// <summary>Every double field reachable from the Evidence preset (which has ancestries, mechanisms and a life table).</summary>
    private static readonly Dictionary<string, Setter> s_fields = BuildFields();

    public static IEnumerable<object[]> FieldsAndNonFiniteValues =>
        from path in s_fields.Keys
        from double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity }
        select new object[] { path, value };

    [Fact]
    public void FieldList_CoversEveryNumericParameterGroup()
    {
        // 20 peak normals + correlation, 9 mass-loss, 4 menopause, 4 strength, 4 gait, 14 ancestry, 4 mechanism,
        // 4 mortality, 6 definition cut-offs.
        Assert.Equal(21 + 9 + 4 + 4 + 4 + 14 + 4 + 4 + 6, s_fields.Count);
    }

    [Theory]
    [MemberData(nameof(FieldsAndNonFiniteValues))]
    public void Validate_RejectsNaNAndInfinityInEveryDoubleField(string path, double value)
    {
        ModelParameters model = s_fields[path](Presets.Evidence, value);
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => model.Validate());
        // One error names the field and the value and says a finite number is required (a second may add an ordering rule).
        Assert.Contains(e.Errors, x => x.Path == path && x.Value == ParameterValidator.Format(value) && x.Allowed.Contains("finite", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("model.peak.gripKg.male.mean")]
    [InlineData("model.massLoss.personalSigma")]
    [InlineData("model.mechanisms[0].lossRateRatio")]
    [InlineData("model.mortality.table.female[3]")]
    public void Run_RejectsTheSameInputsAtTheBoundary(string path)
    {
        ModelParameters model = s_fields[path](Presets.Evidence, double.NaN);
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => Simulation.Run(model, new CohortSpec(10), 1));
        Assert.Contains(e.Errors, x => x.Path == path && x.Value == "NaN");
        Assert.Throws<ParameterValidationException>(() => Simulation.TracePerson(model, new CohortSpec(10), 1, 0));
    }

    public static IEnumerable<object[]> OutOfRange =>
    [
        // Negative standard deviations.
        ["model.peak.heightM.female.sd", -0.01, "[0, "],
        ["model.peak.gripKg.male.sd", -1.0, "[0, "],
        ["model.menopause.ageYears.sd", -4.0, "[0, "],
        ["model.massLoss.personalSigma", -0.1, "[0, 3]"],
        ["model.massLoss.yearNoiseSigma", -0.1, "[0, 3]"],
        // Rates must lie in [0, 1).
        ["model.massLoss.medianRate.female", 1.0, "[0, 1)"],
        ["model.massLoss.medianRate.male", -0.001, "[0, 1)"],
        ["model.massLoss.minRate", -0.01, "[0, 1)"],
        ["model.massLoss.maxRate", 1.0, "[0, 1)"],
        ["model.massLoss.minAnnualLoss", 1.5, "[0, 1)"],
        ["model.massLoss.maxAnnualLoss", 1.0, "[0, 1)"],
        // Correlations must lie in [-1, 1].
        ["model.peak.massGripCorrelation", 1.0001, "[-1, 1]"],
        ["model.peak.massGripCorrelation", -1.5, "[-1, 1]"],
        // Ratios and probabilities.
        ["model.mechanisms[0].lossRateRatio", 0.0, "(0, 20]"],
        ["model.mechanisms[0].prevalence.female.values[0]", 1.2, "[0, 1]"],
        ["model.ancestries[0].grip.female", -1.0, "(0, 5]"],
        ["model.mortality.sarcopeniaHazardRatio", 0.0, "[0.1, 20]"],
        ["model.mortality.table.male[0]", 0.0, "(0, 1]"],
        ["model.mortality.table.male[0]", 1.01, "(0, 1]"],
        ["model.gait.strengthExponent.female", -0.5, "[0, 3]"],
        ["model.strength.qualityDeclinePerYear.male.values[0]", 0.9, "[-0.2, 0.5]"],
        ["model.menopause.strengthRatio", 0.0, "(0, 2]"],
        ["model.peak.asmiKgPerM2.female.mean", 0.0, "(0, 20]"],
    ];

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_RejectsValuesOutsideTheirRangeNamingPathValueAndRange(string path, double value, string allowed)
    {
        ModelParameters model = s_fields[path](Presets.Evidence, value);
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => model.Validate());
        ParameterError error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Equal(ParameterValidator.Format(value), error.Value);
        Assert.Contains(allowed, error.Allowed);
        Assert.Contains(path, e.Message);
        Assert.Contains(error.ToString(), e.Message);
    }

    [Fact]
    public void Validate_RejectsSdTooLargeForAPositiveTrait()
    {
        ModelParameters model = s_fields["model.peak.gaitMps.female.sd"](Presets.Evidence, 1.0);
        ParameterError error = Assert.Single(Assert.Throws<ParameterValidationException>(() => model.Validate()).Errors);
        Assert.Equal("model.peak.gaitMps.female.sd", error.Path);
        Assert.Equal("1", error.Value);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(-1)]
    public void Validate_RejectsPhiloxRoundsOutsideSevenToTen(int rounds)
    {
        ModelParameters model = Presets.Evidence with { PhiloxRounds = rounds };
        ParameterError error = Assert.Single(Assert.Throws<ParameterValidationException>(() => model.Validate()).Errors);
        Assert.Equal("model.philoxRounds", error.Path);
        Assert.Equal(rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Value);
        Assert.Contains("[7, 10]", error.Allowed);
    }

    [Fact]
    public void Validate_RejectsMaxRateBelowMinRate()
    {
        ModelParameters model = Presets.Review2014 with { MassLoss = Presets.Review2014.MassLoss with { MinRate = 0.03, MaxRate = 0.02 } };
        ParameterError error = Assert.Single(Assert.Throws<ParameterValidationException>(() => model.Validate()).Errors);
        Assert.Equal("model.massLoss.maxRate", error.Path);
        Assert.Contains("0.03", error.Allowed);
    }

    [Theory]
    [InlineData(new[] { 30.0, 30.0, 70.0 }, "model.strength.qualityDeclinePerYear.female.ages[1]")]
    [InlineData(new[] { 30.0, 70.0, 50.0 }, "model.strength.qualityDeclinePerYear.female.ages[2]")]
    public void Validate_RejectsNonIncreasingAgeCurveKnots(double[] ages, string path)
    {
        var curve = new AgeCurve([.. ages], [0.001, 0.002, 0.003]);
        ModelParameters model = Presets.Evidence with { Strength = new Strength(new(curve, Presets.Evidence.Strength.QualityDeclinePerYear.Male)) };
        ParameterError error = Assert.Single(Assert.Throws<ParameterValidationException>(() => model.Validate()).Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("greater than the previous knot", error.Allowed);
    }

    [Fact]
    public void Validate_RejectsAgeCurveWithMismatchedOrNoKnots()
    {
        var mismatched = new AgeCurve([30.0, 50.0], [0.001]);
        var empty = new AgeCurve([], []);
        ModelParameters model = Presets.Evidence with { Strength = new Strength(new(mismatched, empty)) };
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => model.Validate());
        Assert.Contains(e.Errors, x => x.Path == "model.strength.qualityDeclinePerYear.female" && x.Value.Contains("2 ages", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "model.strength.qualityDeclinePerYear.male");
    }

    [Fact]
    public void Validate_RejectsDecreasingMechanismPrevalence()
    {
        ModelParameters evidence = Presets.Evidence;
        int k = evidence.Mechanisms.ToList().FindIndex(m => m.Name == "InsulinResistance");
        Mechanism m = evidence.Mechanisms[k];
        Mechanism falling = m with { Prevalence = new(AgeCurve.FromKnots((30, 0.1), (60, 0.3), (80, 0.2)), m.Prevalence.Male) };
        ModelParameters model = evidence with { Mechanisms = evidence.Mechanisms.AsImmutableArray().SetItem(k, falling) };
        ParameterError error = Assert.Single(Assert.Throws<ParameterValidationException>(() => model.Validate()).Errors);
        Assert.Equal($"model.mechanisms[{k}].prevalence.female.values[2]", error.Path);
        Assert.Equal("0.2", error.Value);
        Assert.Contains("0.3", error.Allowed);
    }

    [Fact]
    public void Validate_RejectsARepeatedAncestryAndAnEmptyMechanismName()
    {
        ModelParameters evidence = Presets.Evidence;
        ModelParameters model = evidence with
        {
            Ancestries = evidence.Ancestries.AsImmutableArray().Add(AncestryEffects.Neutral(evidence.Ancestries[0].Ancestry)),
            Mechanisms = evidence.Mechanisms.AsImmutableArray().SetItem(1, evidence.Mechanisms[1] with { Name = "" }),
        };
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => model.Validate());
        Assert.Contains(e.Errors, x => x.Path == $"model.ancestries[{evidence.Ancestries.Length}].ancestry");
        Assert.Contains(e.Errors, x => x.Path == "model.mechanisms[1].name");
    }

    [Fact]
    public void Validate_ListsEveryProblemAtOnce()
    {
        ModelParameters model = s_fields["model.massLoss.personalSigma"](Presets.Evidence, -1);
        model = s_fields["model.peak.bmi.female.mean"](model, double.NaN);
        model = s_fields["model.gait.ageDeclinePerYear.male"](model, 7);
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => model.Validate());
        Assert.Equal(
            ["model.peak.bmi.female.mean", "model.massLoss.personalSigma", "model.gait.ageDeclinePerYear.male"],
            e.Errors.Select(x => x.Path).Where(p => !p.EndsWith(".sd", StringComparison.Ordinal)));
        Assert.StartsWith($"{e.Errors.Count} invalid parameters", e.Message);
    }

    private static readonly Dictionary<string, ModelParameters> s_missingParts = new()
    {
        ["model.peak"] = Presets.Evidence with { Peak = null! },
        ["model.massLoss"] = Presets.Evidence with { MassLoss = null! },
        ["model.mortality"] = Presets.Evidence with { Mortality = null! },
        ["model.definition"] = Presets.Evidence with { Definition = null! },
        ["model.mechanisms[0]"] = Presets.Evidence with { Mechanisms = [null!] },
    };

    public static IEnumerable<object[]> MissingParts => s_missingParts.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(MissingParts))]
    public void Validate_ReportsAMissingPartByPath(string path)
    {
        ModelParameters model = s_missingParts[path];
        // A scenario file can leave out (null) any part; like CohortSpec's "cohort.ancestry: null", the error must name
        // the field rather than surface as a NullReferenceException from inside validation.
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => model.Validate());
        Assert.Contains(e.Errors, x => x.Path == path);
    }

    [Fact]
    public void Presets_AllValidate()
    {
        foreach (ModelParameters p in Presets.All)
        {
            p.Validate();
        }
    }

    private static Dictionary<string, Setter> BuildFields()
    {
        var f = new Dictionary<string, Setter>();
        string[] sexes = ["female", "male"];

        // Peak traits: every normal's mean and SD, by sex.
        (string Name, Func<PeakTraits, BySex<NormalSpec>> Get, Func<PeakTraits, BySex<NormalSpec>, PeakTraits> With)[] traits =
        [
            ("heightM", p => p.HeightM, (p, v) => p with { HeightM = v }),
            ("asmiKgPerM2", p => p.AsmiKgPerM2, (p, v) => p with { AsmiKgPerM2 = v }),
            ("gripKg", p => p.GripKg, (p, v) => p with { GripKg = v }),
            ("gaitMps", p => p.GaitMps, (p, v) => p with { GaitMps = v }),
            ("bmi", p => p.Bmi, (p, v) => p with { Bmi = v }),
        ];
        foreach (var t in traits)
        {
            foreach (Sex sex in new[] { Sex.Female, Sex.Male })
            {
                string s = sexes[(int)sex];
                f[$"model.peak.{t.Name}.{s}.mean"] = (m, v) => m with { Peak = t.With(m.Peak, SetSex(t.Get(m.Peak), sex, t.Get(m.Peak)[sex] with { Mean = v })) };
                f[$"model.peak.{t.Name}.{s}.sd"] = (m, v) => m with { Peak = t.With(m.Peak, SetSex(t.Get(m.Peak), sex, t.Get(m.Peak)[sex] with { Sd = v })) };
            }
        }

        f["model.peak.massGripCorrelation"] = (m, v) => m with { Peak = m.Peak with { MassGripCorrelation = v } };

        // Mass loss, menopause.
        f["model.massLoss.medianRate.female"] = (m, v) => m with { MassLoss = m.MassLoss with { MedianRate = m.MassLoss.MedianRate with { Female = v } } };
        f["model.massLoss.medianRate.male"] = (m, v) => m with { MassLoss = m.MassLoss with { MedianRate = m.MassLoss.MedianRate with { Male = v } } };
        f["model.massLoss.personalSigma"] = (m, v) => m with { MassLoss = m.MassLoss with { PersonalSigma = v } };
        f["model.massLoss.minRate"] = (m, v) => m with { MassLoss = m.MassLoss with { MinRate = v } };
        f["model.massLoss.maxRate"] = (m, v) => m with { MassLoss = m.MassLoss with { MaxRate = v } };
        f["model.massLoss.oldAgeExtra"] = (m, v) => m with { MassLoss = m.MassLoss with { OldAgeExtra = v } };
        f["model.massLoss.yearNoiseSigma"] = (m, v) => m with { MassLoss = m.MassLoss with { YearNoiseSigma = v } };
        f["model.massLoss.minAnnualLoss"] = (m, v) => m with { MassLoss = m.MassLoss with { MinAnnualLoss = v } };
        f["model.massLoss.maxAnnualLoss"] = (m, v) => m with { MassLoss = m.MassLoss with { MaxAnnualLoss = v } };
        f["model.menopause.ageYears.mean"] = (m, v) => m with { Menopause = m.Menopause with { AgeYears = m.Menopause.AgeYears with { Mean = v } } };
        f["model.menopause.ageYears.sd"] = (m, v) => m with { Menopause = m.Menopause with { AgeYears = m.Menopause.AgeYears with { Sd = v } } };
        f["model.menopause.massLossExtra"] = (m, v) => m with { Menopause = m.Menopause with { MassLossExtra = v } };
        f["model.menopause.strengthRatio"] = (m, v) => m with { Menopause = m.Menopause with { StrengthRatio = v } };

        // Strength (an age curve per sex) and gait.
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            string s = sexes[(int)sex];
            f[$"model.strength.qualityDeclinePerYear.{s}.values[0]"] = (m, v) => m with { Strength = new Strength(SetSex(m.Strength.QualityDeclinePerYear, sex, m.Strength.QualityDeclinePerYear[sex] with { Values = m.Strength.QualityDeclinePerYear[sex].Values.AsImmutableArray().SetItem(0, v) })) };
            f[$"model.strength.qualityDeclinePerYear.{s}.ages[0]"] = (m, v) => m with { Strength = new Strength(SetSex(m.Strength.QualityDeclinePerYear, sex, m.Strength.QualityDeclinePerYear[sex] with { Ages = m.Strength.QualityDeclinePerYear[sex].Ages.AsImmutableArray().SetItem(0, v) })) };
            f[$"model.gait.strengthExponent.{s}"] = (m, v) => m with { Gait = m.Gait with { StrengthExponent = SetSex(m.Gait.StrengthExponent, sex, v) } };
            f[$"model.gait.ageDeclinePerYear.{s}"] = (m, v) => m with { Gait = m.Gait with { AgeDeclinePerYear = SetSex(m.Gait.AgeDeclinePerYear, sex, v) } };
        }

        // Ancestry effects (first listed ancestry), every ratio by sex.
        (string Name, Func<AncestryEffects, BySex<double>> Get, Func<AncestryEffects, BySex<double>, AncestryEffects> With)[] ratios =
        [
            ("height", a => a.Height, (a, v) => a with { Height = v }),
            ("asmi", a => a.Asmi, (a, v) => a with { Asmi = v }),
            ("grip", a => a.Grip, (a, v) => a with { Grip = v }),
            ("gait", a => a.Gait, (a, v) => a with { Gait = v }),
            ("bmi", a => a.Bmi, (a, v) => a with { Bmi = v }),
            ("massLoss", a => a.MassLoss, (a, v) => a with { MassLoss = v }),
            ("qualityDecline", a => a.QualityDecline, (a, v) => a with { QualityDecline = v }),
        ];
        foreach (var r in ratios)
        {
            foreach (Sex sex in new[] { Sex.Female, Sex.Male })
            {
                f[$"model.ancestries[0].{r.Name}.{sexes[(int)sex]}"] = (m, v) => m with { Ancestries = m.Ancestries.AsImmutableArray().SetItem(0, r.With(m.Ancestries[0], SetSex(r.Get(m.Ancestries[0]), sex, v))) };
            }
        }

        // Mechanisms (the first), mortality and its table.
        f["model.mechanisms[0].prevalence.female.values[0]"] = (m, v) => m with { Mechanisms = m.Mechanisms.AsImmutableArray().SetItem(0, m.Mechanisms[0] with { Prevalence = m.Mechanisms[0].Prevalence with { Female = m.Mechanisms[0].Prevalence.Female with { Values = [v] } } }) };
        f["model.mechanisms[0].prevalence.male.ages[0]"] = (m, v) => m with { Mechanisms = m.Mechanisms.AsImmutableArray().SetItem(0, m.Mechanisms[0] with { Prevalence = m.Mechanisms[0].Prevalence with { Male = m.Mechanisms[0].Prevalence.Male with { Ages = [v] } } }) };
        f["model.mechanisms[0].lossRateRatio"] = (m, v) => m with { Mechanisms = m.Mechanisms.AsImmutableArray().SetItem(0, m.Mechanisms[0] with { LossRateRatio = v }) };
        f["model.mechanisms[0].strengthRatio"] = (m, v) => m with { Mechanisms = m.Mechanisms.AsImmutableArray().SetItem(0, m.Mechanisms[0] with { StrengthRatio = v }) };
        f["model.mortality.sarcopeniaHazardRatio"] = (m, v) => m with { Mortality = m.Mortality with { SarcopeniaHazardRatio = v } };
        f["model.mortality.table.ages[2]"] = (m, v) => m with { Mortality = m.Mortality with { Table = m.Mortality.Table! with { Ages = m.Mortality.Table.Ages.AsImmutableArray().SetItem(2, v) } } };
        f["model.mortality.table.female[3]"] = (m, v) => m with { Mortality = m.Mortality with { Table = m.Mortality.Table! with { Female = m.Mortality.Table.Female.AsImmutableArray().SetItem(3, v) } } };
        f["model.mortality.table.male[0]"] = (m, v) => m with { Mortality = m.Mortality with { Table = m.Mortality.Table! with { Male = m.Mortality.Table.Male.AsImmutableArray().SetItem(0, v) } } };

        // Definition cut-offs.
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            string s = sexes[(int)sex];
            f[$"model.definition.lowMass.{s}"] = (m, v) => m with { Definition = m.Definition with { LowMass = m.Definition.LowMass with { Threshold = SetSex(m.Definition.LowMass.Threshold, sex, v) } } };
            f[$"model.definition.lowGrip.{s}"] = (m, v) => m with { Definition = m.Definition with { LowGrip = m.Definition.LowGrip with { Threshold = SetSex(m.Definition.LowGrip.Threshold, sex, v) } } };
            f[$"model.definition.lowGait.{s}"] = (m, v) => m with { Definition = m.Definition with { LowGait = m.Definition.LowGait with { Threshold = SetSex(m.Definition.LowGait.Threshold, sex, v) } } };
        }

        return f;
    }

    private static BySex<T> SetSex<T>(BySex<T> value, Sex sex, T item) => sex == Sex.Female ? value with { Female = item } : value with { Male = item };
}
