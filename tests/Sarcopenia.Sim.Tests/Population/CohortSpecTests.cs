using System.Collections.Immutable;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Population;

/// <summary>Cohort validation at the boundary, and the sex and ancestry make-up a cohort actually gets.</summary>
public sealed class CohortSpecTests
{
    public static IEnumerable<object[]> BadCohorts =>
    [
        ["zero people", new CohortSpec(0), "cohort.people", "0", "[1, "],
        ["negative people", new CohortSpec(-5), "cohort.people", "-5", "[1, "],
        ["too many people", new CohortSpec(CohortSpec.MaxPeople + 1), "cohort.people", (CohortSpec.MaxPeople + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "[1, "],
        ["start age after end age", new CohortSpec(10) { StartAge = 60, EndAge = 50 }, "cohort.endAge", "50", "after startAge (60)"],
        ["start age equal to end age", new CohortSpec(10) { StartAge = 60, EndAge = 60 }, "cohort.endAge", "60", "after startAge (60)"],
        ["start age below 18", new CohortSpec(10) { StartAge = 10 }, "cohort.startAge", "10", "[18, 110]"],
        ["end age above 120", new CohortSpec(10) { EndAge = 130 }, "cohort.endAge", "130", "[18, 120]"],
        ["female fraction above one", new CohortSpec(10) { FemaleFraction = 1.5 }, "cohort.femaleFraction", "1.5", "[0, 1]"],
        ["female fraction NaN", new CohortSpec(10) { FemaleFraction = double.NaN }, "cohort.femaleFraction", "NaN", "finite"],
        ["female fraction infinite", new CohortSpec(10) { FemaleFraction = double.NegativeInfinity }, "cohort.femaleFraction", "-Infinity", "finite"],
        ["undefined sex assignment", new CohortSpec(10) { Sexes = (SexAssignment)7 }, "cohort.sexes", "7", "Alternating"],
        ["no ancestry mix", new CohortSpec(10) { Ancestry = null! }, "cohort.ancestry", "null", "ancestry mix"],
        ["all-zero weights", new CohortSpec(10) { Ancestry = new AncestryMix("None", [0.0, 0, 0, 0, 0]) }, "cohort.ancestry.weights", "all zero", "positive"],
        ["wrong number of weights", new CohortSpec(10) { Ancestry = new AncestryMix("Three", [1.0, 1, 1]) }, "cohort.ancestry.weights", "3 weights", "5 weights"],
        ["a negative weight", new CohortSpec(10) { Ancestry = new AncestryMix("Neg", [1.0, -1, 0, 0, 0]) }, "cohort.ancestry.weights[1]", "-1", "[0, "],
        ["a NaN weight", new CohortSpec(10) { Ancestry = new AncestryMix("NaN", [1.0, 0, double.NaN, 0, 0]) }, "cohort.ancestry.weights[2]", "NaN", "finite"],
        ["an infinite weight", new CohortSpec(10) { Ancestry = new AncestryMix("Inf", [double.PositiveInfinity, 0, 0, 0, 0]) }, "cohort.ancestry.weights[0]", "Infinity", "finite"],
    ];

    [Theory]
    [MemberData(nameof(BadCohorts))]
    public void Validate_RejectsBadCohortsNamingPathValueAndRange(string why, CohortSpec cohort, string path, string value, string allowed)
    {
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => cohort.Validate());
        ParameterError error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.True(error.Value == value, $"{why}: value \"{error.Value}\"");
        Assert.Contains(allowed, error.Allowed);
        Assert.Throws<ParameterValidationException>(() => Simulation.Run(Presets.ReferenceWorkload, cohort, 1));
    }

    [Fact]
    public void Validate_AcceptsTheDefaultsAndTheReferenceWorkloadCohort()
    {
        new CohortSpec(1).Validate();
        CohortSpec rw1 = Presets.ReferenceWorkloadCohort(1_000);
        rw1.Validate();
        Assert.Equal((30, 100, 70, SexAssignment.Alternating), (rw1.StartAge, rw1.EndAge, rw1.Years, rw1.Sexes));
        Assert.Same(AncestryMix.European, rw1.Ancestry);
    }

    [Fact]
    public void AlternatingSexes_GiveEvenIdsToWomenExactly()
    {
        SimulationResult r = Simulation.Run(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(1_001) with { EndAge = 31 }, 3);
        Assert.Equal(501, r.Alive(30, Sex.Female));
        Assert.Equal(500, r.Alive(30, Sex.Male));
        Assert.Equal(Sex.Female, Simulation.TracePerson(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(1_001), 3, 1_000).Sex);
        Assert.Equal(Sex.Male, Simulation.TracePerson(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(1_001), 3, 999).Sex);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.3)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void RandomSexes_MatchTheFemaleFraction(double fraction)
    {
        const int N = 100_000;
        SimulationResult r = Simulation.Run(Presets.ReferenceWorkload, new CohortSpec(N) { EndAge = 31, FemaleFraction = fraction }, 5, new RunOptions { Statistics = TraitSet.None });
        double share = (double)r.Alive(30, Sex.Female) / N;

        // 5 SE: SE = sqrt(p(1−p)/n) ≤ 0.0016 at n = 100,000 (zero at p = 0 or 1, where the share must be exact).
        Assert.InRange(share, fraction - (MonteCarlo.Sigmas * Math.Sqrt(fraction * (1 - fraction) / N)), fraction + (MonteCarlo.Sigmas * Math.Sqrt(fraction * (1 - fraction) / N)));
    }

    [Fact]
    public void AncestryShares_MatchTheMixWeights()
    {
        const int N = 200_000;
        AncestryMix mix = AncestryMix.UnitedStates2020;
        SimulationResult r = Simulation.Run(Presets.ReferenceWorkload, new CohortSpec(N) { EndAge = 31, Ancestry = mix }, 6, new RunOptions { Statistics = TraitSet.None });
        double total = mix.Weights.Sum();
        foreach (Ancestry a in Enum.GetValues<Ancestry>())
        {
            double p = mix.Weights[(int)a] / total;
            double share = (double)r.Alive(30, ancestry: a) / N;

            // 5 SE: SE = sqrt(p(1−p)/n) ≤ 0.0011 at n = 200,000.
            Assert.InRange(share, p - (MonteCarlo.Sigmas * Math.Sqrt(p * (1 - p) / N)), p + (MonteCarlo.Sigmas * Math.Sqrt(p * (1 - p) / N)));
        }
    }

    [Fact]
    public void SingleAncestry_PutsEveryoneInThatGroup()
    {
        SimulationResult r = Simulation.Run(Presets.Evidence, new CohortSpec(5_000) { EndAge = 31, Ancestry = AncestryMix.Single(Ancestry.SouthAsian) }, 7);
        Assert.Equal(5_000, r.Alive(30, ancestry: Ancestry.SouthAsian));
        Assert.Equal(0, r.Alive(30, ancestry: Ancestry.European));
    }
}
