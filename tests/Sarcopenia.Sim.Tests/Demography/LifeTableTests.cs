using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.Demography;

/// <summary>Life tables: log-linear interpolation of q, the shipped tables and their sources, lookup by name, and the
/// resulting survival in the engine.</summary>
public sealed class LifeTableTests
{
    [Fact]
    public void ProbabilityOfDeath_EqualsTheKnotsAndIsLogLinearBetween()
    {
        LifeTable t = LifeTables.UnitedStates2021;
        for (int i = 0; i < t.Ages.Length; i++)
        {
            Assert.Equal(t.Female[i], t.ProbabilityOfDeath(Sex.Female, t.Ages[i]), 15);
            Assert.Equal(t.Male[i], t.ProbabilityOfDeath(Sex.Male, t.Ages[i]), 15);
        }

        // Halfway between 60 and 65 (men): the geometric mean of the two knots.
        Assert.Equal(Math.Sqrt(0.014341 * 0.019576), t.ProbabilityOfDeath(Sex.Male, 62.5), 15);
        Assert.Equal(t.Female[0], t.ProbabilityOfDeath(Sex.Female, 18));
    }

    [Fact]
    public void ShippedTables_ValidateAndRiseWithAge()
    {
        foreach (LifeTable t in LifeTables.All)
        {
            var v = new ParameterValidator();
            new Mortality(t, 1.6).Validate(v, "mortality");
            Assert.Empty(v.Errors);
            Assert.False(string.IsNullOrWhiteSpace(t.Source));
            for (int i = 1; i < t.Ages.Length; i++)
            {
                Assert.True(t.Female[i] > t.Female[i - 1] && t.Male[i] > t.Male[i - 1]);
            }
        }

        // China: annual q = 1 − exp(−m) of the first band's 5mx (0.00061 women, 0.00106 men).
        Assert.Equal(1 - Math.Exp(-0.00061), LifeTables.China2015To2020.Female[0], 15);
        Assert.Equal(1 - Math.Exp(-0.00106), LifeTables.China2015To2020.Male[0], 15);
    }

    [Theory]
    [InlineData("unitedstates2021", "UnitedStates2021")]
    [InlineData("CHINA2015TO2020", "China2015To2020")]
    public void Get_IgnoresCase(string query, string expected) => Assert.Equal(expected, LifeTables.Get(query).Name);

    [Fact]
    public void Get_UnknownName_ThrowsListingTheAllowedNames()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => LifeTables.Get("Narnia1950"));
        Assert.All(LifeTables.All, t => Assert.Contains(t.Name, e.Message));
    }

    [Fact]
    public void Validate_RejectsMalformedTablesAndHazardRatios()
    {
        var ragged = new LifeTable("Ragged", "test", [30.0, 40.0], [0.001], [0.002, 0.003]);
        var v = new ParameterValidator();
        new Mortality(ragged, 25).Validate(v, "mortality");
        Assert.Contains(v.Errors, e => e.Path == "mortality.table");
        Assert.Contains(v.Errors, e => e.Path == "mortality.sarcopeniaHazardRatio" && e.Value == "25");
    }

    [Fact]
    public void Survival_InTheEngine_FollowsTheTableWithoutTheHazardRatio()
    {
        // With HR = 1 the year ending at age a kills with the table's q(a − 1) (NCHS q_x: dying between x and x + 1), so
        // survival from 30 to 60 is Π(1 − q(x)), x = 30..59. 5 SE: SE = sqrt(S(1−S)/n) with n = 25,000 per sex
        // (S ≈ 0.90 women, 0.84 men): ≤ 0.0023.
        ModelParameters model = Presets.Evidence with { Mortality = new Mortality(LifeTables.UnitedStates2021, 1.0) };
        const int N = 50_000;
        SimulationResult r = Simulation.Run(model, new CohortSpec(N) { EndAge = 60, Sexes = SexAssignment.Alternating }, 8, new RunOptions { Statistics = TraitSet.None });
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            double expected = 1;
            for (int age = 31; age <= 60; age++)
            {
                expected *= 1 - (float)LifeTables.UnitedStates2021.ProbabilityOfDeath(sex, age - 1);
            }

            double observed = (double)r.Alive(60, sex) / r.Alive(30, sex);
            double se = Math.Sqrt(expected * (1 - expected) / r.Alive(30, sex));
            Assert.True(Math.Abs(observed - expected) <= 5 * se, $"{sex}: survival 30→60 {observed:F4} vs {expected:F4}");
        }
    }
}
