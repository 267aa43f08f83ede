using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Projection;

/// <summary>
/// A projection's deaths add up to the period life tables by age band, sex and calendar year, although every birth
/// cohort enters at its own age, with its own history, and follows its own diagonal of the tables
/// (<c>MortalityBaseline.SolveCohorts</c>).
/// </summary>
public sealed class ProjectionMortalityTests
{
    // People of each sex in the baseline's pilot (MortalityBaseline.PilotPeople, half of each sex).
    private const double PilotPeoplePerSex = 1 << 15;

    [Fact]
    public void Run_DeathsByAgeBandSexAndYear_ReproduceThePeriodLifeTables()
    {
        // Japan aged 60+ at 1:200 (about 220,000 simulated people) for ten years, the Evidence preset's hazard ratio.
        AssertDeathsAddUp(MicrosimProjectionTests.Setup(scale: 200));
    }

    [Fact]
    public void Run_StrongSelection_DeathsStillReproduceThePeriodLifeTables()
    {
        // Japan aged 85+ at 1:100 with a hazard ratio of 3: people with sarcopenia die three times as often, so the
        // survivors' sarcopenic share falls steeply with the years since entry, and a cohort that enters at 95 (nobody
        // dead before) has far more of it than one that reached 95 dying all along. A baseline solved once on a pilot
        // that dies from the start age gave 10 % too many deaths at 95-99 here (14 binomial SEs); each cohort's own
        // baseline adds up.
        Scenario evidence = Scenario.FromPreset("Evidence");
        Scenario strong = evidence with
        {
            Cohort = new CohortSpec(1) { StartAge = 85 },
            Model = evidence.Model with { Mortality = evidence.Model.Mortality with { SarcopeniaHazardRatio = 3, HazardRatios = [] } },
        };
        AssertDeathsAddUp(MicrosimProjectionTests.Setup(scale: 100, scenario: strong));
    }

    /// <summary>
    /// Checks every cell (year, sex, five-year band) and every band over all years and both sexes: simulated deaths
    /// against those at risk (alive at the end of the year before, one year younger) times the period table of the year
    /// they lived in. Two Monte Carlo errors bound the difference: the deaths' binomial error, and the pilot's error in
    /// the sarcopenic share p that sets the baseline, which moves deaths by (HR − 1) · SE(p) / (1 + p · (HR − 1)) of
    /// them, SE(p) = sqrt(p(1 − p) / n) with n the pilot's people of the sex weighted by survival since the cohort's
    /// entry (as the simulated cohort survived). The pilot's errors share its people, so they add linearly.
    /// </summary>
    private static void AssertDeathsAddUp(MicrosimSetup setup)
    {
        MicrosimResult r = MicrosimProjection.Run(setup);
        double hazardRatio = setup.Scenario.Model.Mortality.HazardRatioFor(setup.Scenario.Model.Definition.Name);
        for (int low = setup.FirstAge; low <= setup.LastAge; low += 5)
        {
            Cell band = default;
            for (int year = setup.BaseYear + 1; year <= setup.Horizon; year++)
            {
                LifeTable table = setup.LifeTables.ForYear(year - 1);
                foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
                {
                    Cell cell = default;
                    for (int age = Math.Max(low, setup.FirstAge + 1); age <= Math.Min(low + 4, setup.LastAge); age++)
                    {
                        long atRisk = r.Alive(year - 1, age - 1, sex);
                        double q = table.ProbabilityOfDeath(sex, age - 1);
                        int born = year - age;
                        int entryYear = Math.Max(setup.BaseYear, born + setup.FirstAge);
                        double survival = (double)atRisk / r.Alive(entryYear, entryYear - born, sex);
                        double p = (double)(r.Simulated(year - 1, age - 1, Stage.Sarcopenia, sex) + r.Simulated(year - 1, age - 1, Stage.Severe, sex)) / atRisk;
                        cell += new Cell(
                            Enumerable.Range(0, 5).Sum(s => r.Transitions(year, age, sex, (Stage)s, null)),
                            atRisk * q,
                            atRisk * q * (1 - q),
                            atRisk * q * (hazardRatio - 1) * Math.Sqrt(p * (1 - p) / (PilotPeoplePerSex * survival)) / (1 + (p * (hazardRatio - 1))));
                    }

                    cell.AssertWithin($"{year} {sex} {low}-{low + 4}");
                    band += cell;
                }
            }

            band.AssertWithin($"{low}-{low + 4}, all years and both sexes");
        }
    }

    private readonly record struct Cell(long Deaths, double Expected, double BinomialVariance, double PilotSd)
    {
        public static Cell operator +(Cell a, Cell b) =>
            new(a.Deaths + b.Deaths, a.Expected + b.Expected, a.BinomialVariance + b.BinomialVariance, a.PilotSd + b.PilotSd);

        public void AssertWithin(string where)
        {
            double tolerance = MonteCarlo.Sigmas * (Math.Sqrt(BinomialVariance) + PilotSd);
            Assert.True(Math.Abs(Deaths - Expected) <= tolerance, $"{where}: {Deaths} deaths, expected {Expected:F0} ± {tolerance:F0}");
        }
    }
}
