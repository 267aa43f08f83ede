using System.Collections.Immutable;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Tests.Staging;

/// <summary>
/// Every shipped definition against the published rules and cut-offs quoted in the XML docs of
/// <c>src/Sarcopenia.Sim/Staging/Definitions.cs</c>, written here independently as predicates over the three deficits.
/// </summary>
public sealed class DefinitionsTests
{
    /// <summary>A published rule: (low mass, low strength, low performance) → stage.</summary>
    private delegate Stage Rule(bool m, bool s, bool p);

    private static readonly Dictionary<string, Rule> s_published = new()
    {
        // EWGSOP 2010: presarcopenia = low mass only; sarcopenia = low mass with low strength or low performance;
        // severe = all three.
        ["EWGSOP2010"] = (m, s, p) => !m ? Stage.None : s && p ? Stage.Severe : s || p ? Stage.Sarcopenia : Stage.Presarcopenia,
        // EWGSOP2: probable = low grip; confirmed = low grip and low ASMI; severe = also low gait. Low mass or gait
        // without low grip is no stage.
        ["EWGSOP2"] = (m, s, p) => !s ? Stage.None : !m ? Stage.Probable : p ? Stage.Severe : Stage.Sarcopenia,
        // AWGS 2019: possible = low grip or slow gait; sarcopenia = low ASMI with either; severe = all three.
        ["AWGS2019"] = (m, s, p) => !(s || p) ? Stage.None : !m ? Stage.Probable : s && p ? Stage.Severe : Stage.Sarcopenia,
        // FNIH: weakness = probable; weakness with low lean mass = sarcopenia; adding slowness = severe.
        ["FNIH"] = (m, s, p) => !s ? Stage.None : !m ? Stage.Probable : p ? Stage.Severe : Stage.Sarcopenia,
        // RW1: presarcopenia = low mass with normal grip; sarcopenia = low mass and low grip with normal gait;
        // severe = all three; low grip without low mass is no stage.
        ["RW1"] = (m, s, p) => !m ? Stage.None : !s ? Stage.Presarcopenia : p ? Stage.Severe : Stage.Sarcopenia,
    };

    /// <summary>Published cut-offs: (mass measure, mass F/M, grip F/M, gait F/M, gait inclusive).</summary>
    private static readonly Dictionary<string, (MassMeasure Measure, double MassF, double MassM, double GripF, double GripM, double Gait, bool GaitInclusive)> s_cutoffs = new()
    {
        ["EWGSOP2010"] = (MassMeasure.Asmi, 5.5, 7.26, 20, 30, 0.8, true),
        ["EWGSOP2"] = (MassMeasure.Asmi, 5.5, 7.0, 16, 27, 0.8, true),
        ["AWGS2019"] = (MassMeasure.Asmi, 5.4, 7.0, 18, 28, 1.0, false),
        ["FNIH"] = (MassMeasure.AsmPerBmi, 0.512, 0.789, 16, 26, 0.8, true),
        ["RW1"] = (MassMeasure.Asmi, 5.5, 7.0, 16, 27, 0.8, true),
    };

    public static IEnumerable<object[]> Names => Definitions.All.Select(d => new object[] { d.Name });

    [Fact]
    public void All_ShipsExactlyTheFiveDocumentedDefinitions()
    {
        Assert.Equal(["EWGSOP2010", "EWGSOP2", "AWGS2019", "FNIH", "RW1"], Definitions.All.Select(d => d.Name));
        Assert.All(Definitions.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Citation)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Rules_MatchThePublishedRuleForEveryDeficitCombination(string name)
    {
        SarcopeniaDefinition d = Definitions.Get(name);
        Rule rule = s_published[name];
        Assert.Equal(SarcopeniaDefinition.Combinations, d.Rules.Length);
        for (int c = 0; c < 8; c++)
        {
            bool m = (c & 1) != 0, s = (c & 2) != 0, p = (c & 4) != 0;
            Assert.True(rule(m, s, p) == d.Rules[c], $"{name}: mass {m}, strength {s}, performance {p}: published {rule(m, s, p)}, table {d.Rules[c]}");
            Assert.Equal(rule(m, s, p), d.StageOf(m, s, p));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Cutoffs_MatchThePublishedThresholds(string name)
    {
        SarcopeniaDefinition d = Definitions.Get(name);
        var c = s_cutoffs[name];
        Assert.Equal(c.Measure, d.MassMeasure);
        Assert.Equal(new BySex<double>(c.MassF, c.MassM), d.LowMass.Threshold);
        Assert.Equal(new BySex<double>(c.GripF, c.GripM), d.LowGrip.Threshold);
        Assert.Equal(new BySex<double>(c.Gait, c.Gait), d.LowGait.Threshold);
        Assert.False(d.LowMass.Inclusive);
        Assert.False(d.LowGrip.Inclusive);
        Assert.Equal(c.GaitInclusive, d.LowGait.Inclusive);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Stages_ListsTheAssignedStagesInSeverityOrderStartingWithNone(string name)
    {
        SarcopeniaDefinition d = Definitions.Get(name);
        Assert.Equal(Stage.None, d.Stages[0]);
        Assert.Equal(d.Rules.Distinct().Order(), d.Stages);
        Assert.Contains(Stage.Severe, d.Stages);
        Assert.Contains(Stage.Sarcopenia, d.Stages);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CombinationsAtLeastSarcopenia_SelectsExactlyTheSarcopenicCombinations(string name)
    {
        // The mortality hazard applies to these combinations.
        SarcopeniaDefinition d = Definitions.Get(name);
        int mask = d.CombinationsAtLeast(Stage.Sarcopenia);
        for (int c = 0; c < 8; c++)
        {
            Assert.Equal(d.Rules[c] is Stage.Sarcopenia or Stage.Severe, ((mask >> c) & 1) != 0);
        }
    }

    [Theory]
    [InlineData("ewgsop-2", "EWGSOP2")]
    [InlineData("EWGSOP 2010", "EWGSOP2010")]
    [InlineData("awgs_2019", "AWGS2019")]
    [InlineData("fnih", "FNIH")]
    [InlineData("rw1", "RW1")]
    public void Get_IgnoresCaseAndPunctuation(string query, string expected) =>
        Assert.Equal(expected, Definitions.Get(query).Name);

    [Fact]
    public void Get_UnknownName_ThrowsListingTheAllowedNames()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Definitions.Get("EWGSOP3"));
        Assert.Contains("EWGSOP3", e.Message);
        Assert.All(Definitions.All, d => Assert.Contains(d.Name, e.Message));
    }

    [Fact]
    public void ShippedDefinitions_Validate()
    {
        foreach (SarcopeniaDefinition d in Definitions.All)
        {
            var v = new ParameterValidator();
            d.Validate(v, "definition");
            Assert.Empty(v.Errors);
        }
    }

    [Theory]
    [InlineData("BIA", 5.7)]
    [InlineData("bia", 5.7)]
    [InlineData("DXA", 5.4)]
    [InlineData(null, 5.4)]
    public void Awgs2019_StagesBiaByItsOwnWomensCutoff(string? device, double female)
    {
        // AWGS 2019 sets 5.7 kg/m² for women measured by BIA against 5.4 by DXA, and 7.0 for men by either.
        Cutoff cutoff = Definitions.Awgs2019.LowMassFor(device);
        Assert.Equal(female, cutoff.Threshold.Female);
        Assert.Equal(7.0, cutoff.Threshold.Male);
    }

    [Fact]
    public void DefinitionsWithoutABiaCutoff_UseTheirOwnForBia()
    {
        foreach (SarcopeniaDefinition d in Definitions.All.Where(d => d.LowMassBia is null))
        {
            Assert.Equal(d.LowMass, d.LowMassFor(SarcopeniaDefinition.BiaDeviceName));
        }

        Assert.Contains(Definitions.All, d => d.LowMassBia is null);
    }
}
