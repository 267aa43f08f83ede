using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Demography;

/// <summary>
/// Mortality that adds up (<see cref="Mortality"/>): the population's deaths reproduce the life table whatever the
/// hazard ratio, and the hazard ratio moves deaths towards people whose last stage was sarcopenia.
/// </summary>
public sealed class MortalityTests
{
    // The solved baseline comes from a pilot of up to 2^16 people per ancestry (the cohort's own size when smaller); its
    // sampling error in the sarcopenic share (under 0.5 points where the fewest of a full pilot are alive, growing as one
    // over the square root of a smaller pilot's size) moves expected deaths by at most (HR − 1) times that: 1.5 % at HR 3
    // (MortalityBaseline). The tests allow that plus 5 SE of the deaths' own binomial noise.
    private const double FullPilotShareError = 0.005;

    private static double PilotShareError(long cohortPeople) =>
        FullPilotShareError * Math.Sqrt((double)MortalityBaseline.PilotPeople / MortalityBaseline.PilotPeopleFor(cohortPeople));

    [Theory]
    [InlineData("Evidence", 2.0, 200_000)]
    [InlineData("Review2014", 3.0, 200_000)]
    [InlineData("Review2014", 3.0, 20_000)]
    public void Deaths_AddUpToTheLifeTable_ByAgeBandAndSex(string preset, double hazardRatio, int people)
    {
        // Finding 4 of issue #11: before, the hazard ratio multiplied the all-cause table, so deaths from 85 on exceeded
        // the table by 13–25 %. Expected deaths in a band are Σ alive(a − 1) · q(a − 1) over its ages.
        LifeTable table = LifeTables.UnitedStates2021;
        ModelParameters model = Presets.Get(preset) with { Mortality = new Mortality(table, hazardRatio) };
        var cohort = new CohortSpec(people) { StartAge = 60 };
        SimulationResult r = Simulation.Run(model, cohort, 5, new RunOptions { Statistics = TraitSet.None });
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            for (int from = 61; from <= 96; from += 5)
            {
                double expected = 0, variance = 0;
                long deaths = 0;
                for (int age = from; age < from + 5; age++)
                {
                    double q = table.ProbabilityOfDeath(sex, age - 1);
                    expected += r.Alive(age - 1, sex) * q;
                    variance += r.Alive(age - 1, sex) * q * (1 - q);
                    deaths += r.Deaths(age, sex);
                }

                double tolerance = (MonteCarlo.Sigmas * Math.Sqrt(variance)) + ((hazardRatio - 1) * PilotShareError(cohort.People) * expected);
                Assert.True(Math.Abs(deaths - expected) <= tolerance,
                    $"{preset} {sex} {from}-{from + 4}: {deaths} deaths vs {expected:F1} from the table (tolerance {tolerance:F1})");
            }
        }
    }

    [Theory]
    [InlineData(1_000L, MortalityBaseline.MinPilotPeople)]
    [InlineData(20_000L, 20_000)]
    [InlineData(MortalityBaseline.PilotPeople, MortalityBaseline.PilotPeople)]
    [InlineData(10_000_000L, MortalityBaseline.PilotPeople)]
    public void Pilot_IsTheCohortsOwnSize_WithinItsBounds(long people, int expected) =>
        Assert.Equal(expected, MortalityBaseline.PilotPeopleFor(people));

    [Fact]
    public void SarcopenicPeople_DieHazardRatioTimesAsOften()
    {
        // Replayed lives: within each age the baseline is common to everyone, so the Mantel–Haenszel rate ratio of deaths
        // after a sarcopenic year to deaths after any other year estimates the hazard ratio. SE of ln HR ≈
        // sqrt(1/D_s + 1/D_o) (deaths are rare events); the test allows 5 SE.
        const double HazardRatio = 3.0;
        ModelParameters model = Presets.Evidence with { Mortality = new Mortality(LifeTables.UnitedStates2021, HazardRatio) };
        var cohort = new CohortSpec(1_000_000) { StartAge = 60 };
        var byAge = new Dictionary<int, (double Sarcopenic, double Other, double DeathsSarcopenic, double DeathsOther)>();
        foreach (PersonLife life in Simulation.TracePeople(model, cohort, 17, Enumerable.Range(0, 8_000).Select(i => (long)i)))
        {
            for (int row = 1; row < life.Years.Count && life.Years[row - 1].Alive; row++)
            {
                bool sarcopenic = life.Years[row - 1].Stage is Stage.Sarcopenia or Stage.Severe;
                double died = life.Years[row].Alive ? 0 : 1;
                (double s, double o, double ds, double d) = byAge.GetValueOrDefault(life.Years[row].Age);
                byAge[life.Years[row].Age] = sarcopenic ? (s + 1, o, ds + died, d) : (s, o + 1, ds, d + died);
            }
        }

        double numerator = byAge.Values.Sum(c => c.DeathsSarcopenic * c.Other / (c.Sarcopenic + c.Other));
        double denominator = byAge.Values.Sum(c => c.DeathsOther * c.Sarcopenic / (c.Sarcopenic + c.Other));
        double deathsSarcopenic = byAge.Values.Sum(c => c.DeathsSarcopenic);
        double deathsOther = byAge.Values.Sum(c => c.DeathsOther);
        Assert.True(deathsSarcopenic > 100 && deathsOther > 100, $"too few deaths: {deathsSarcopenic} / {deathsOther}");
        double logRatio = Math.Log(numerator / denominator);
        double se = Math.Sqrt((1 / deathsSarcopenic) + (1 / deathsOther));
        Assert.True(Math.Abs(logRatio - Math.Log(HazardRatio)) <= MonteCarlo.Sigmas * se,
            $"rate ratio {Math.Exp(logRatio):F2} vs {HazardRatio} (5 SE on the log scale: {MonteCarlo.Sigmas * se:F3})");
    }

    [Fact]
    public void HigherHazardRatio_KeepsTotalDeaths_AndLowersThePrevalenceOfTheSurvivors()
    {
        // The same people and draws; only the hazard ratio differs. Deaths add up to the table in both, so the number
        // alive at 90 differs by little (the pilot's error and the binomial noise of who dies), while a higher ratio
        // removes more of the sarcopenic and leaves a less sarcopenic population.
        var cohort = new CohortSpec(50_000);
        ModelParameters neutral = Presets.Evidence with { Mortality = new Mortality(LifeTables.UnitedStates2021, 1.0) };
        ModelParameters harsh = Presets.Evidence with { Mortality = new Mortality(LifeTables.UnitedStates2021, 5.0) };
        SimulationResult a = Simulation.Run(neutral, cohort, 21, new RunOptions { Statistics = TraitSet.None });
        SimulationResult b = Simulation.Run(harsh, cohort, 21, new RunOptions { Statistics = TraitSet.None });
        double alive = a.Alive(90);
        double tolerance = (MonteCarlo.Sigmas * Math.Sqrt(2 * alive)) + (4 * PilotShareError(cohort.People) * alive);
        Assert.True(Math.Abs(b.Alive(90) - alive) <= tolerance, $"alive at 90: {b.Alive(90)} vs {alive} (tolerance {tolerance:F0})");
        Assert.True(b.PrevalenceAtLeast(80, 95, null, Stage.Sarcopenia) < a.PrevalenceAtLeast(80, 95, null, Stage.Sarcopenia));
    }

    [Fact]
    public void HazardRatio_FollowsTheDefinition()
    {
        Mortality m = Presets.Evidence.Mortality;
        Assert.Equal(2.15, m.HazardRatioFor("AWGS2019"));
        Assert.Equal(2.15, m.HazardRatioFor("awgs2019"));
        Assert.Equal(m.SarcopeniaHazardRatio, m.HazardRatioFor("FNIH"));
    }
}
