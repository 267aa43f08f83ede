using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Demography;

/// <summary>
/// The documented mortality rule on replayed lives: a person alive at age a − 1 dies before a with probability
/// <c>min(1, q(a − 1) · HR)</c>, HR applying when last year's stage was sarcopenia or severe.
/// </summary>
public sealed class MortalityTests
{
    [Fact]
    public void Deaths_FollowTheLifeTableTimesTheHazardRatioForTheSarcopenic()
    {
        // Review2014 stages by EWGSOP 2010 and loses mass fast, so many person-years are sarcopenic; HR 3 makes the
        // effect large. Expected deaths are Σ q·HR over sarcopenic person-years and Σ q over the others; deaths are
        // sums of independent Bernoulli trials, so 5 SE with SE = sqrt(Σ p(1 − p)).
        const double HazardRatio = 3.0;
        LifeTable table = LifeTables.UnitedStates2021;
        ModelParameters model = Presets.Review2014 with { Mortality = new Mortality(table, HazardRatio) };
        var cohort = new CohortSpec(1_000_000) { StartAge = 60 };
        double expectedSarcopenic = 0, varianceSarcopenic = 0, expectedOther = 0, varianceOther = 0;
        int deathsSarcopenic = 0, deathsOther = 0;
        for (long id = 0; id < 2_000; id++)
        {
            PersonLife life = Simulation.TracePerson(model, cohort, 17, id);
            for (int row = 1; row < life.Years.Count; row++)
            {
                LifeYear last = life.Years[row - 1];
                if (!last.Alive)
                {
                    break;
                }

                bool sarcopenic = last.Stage is Stage.Sarcopenia or Stage.Severe;
                double q = (float)table.ProbabilityOfDeath(life.Sex, life.Years[row].Age - 1);
                double p = Math.Min(1, sarcopenic ? (float)q * (float)HazardRatio : q);
                bool died = !life.Years[row].Alive;
                if (sarcopenic)
                {
                    expectedSarcopenic += p;
                    varianceSarcopenic += p * (1 - p);
                    deathsSarcopenic += died ? 1 : 0;
                }
                else
                {
                    expectedOther += p;
                    varianceOther += p * (1 - p);
                    deathsOther += died ? 1 : 0;
                }
            }
        }

        Assert.True(expectedSarcopenic > 150, $"only {expectedSarcopenic:F0} expected sarcopenic deaths");
        Assert.True(expectedOther > 150, $"only {expectedOther:F0} expected other deaths");
        Assert.True(Math.Abs(deathsSarcopenic - expectedSarcopenic) <= MonteCarlo.Sigmas * Math.Sqrt(varianceSarcopenic),
            $"sarcopenic: {deathsSarcopenic} deaths vs {expectedSarcopenic:F1} expected (SE {Math.Sqrt(varianceSarcopenic):F1})");
        Assert.True(Math.Abs(deathsOther - expectedOther) <= MonteCarlo.Sigmas * Math.Sqrt(varianceOther),
            $"others: {deathsOther} deaths vs {expectedOther:F1} expected (SE {Math.Sqrt(varianceOther):F1})");
    }

    [Fact]
    public void HigherHazardRatio_KillsMoreOfTheSarcopenicAndLowersTheirPrevalence()
    {
        // Common random numbers: the same people and draws; only the hazard ratio differs.
        var cohort = new CohortSpec(20_000);
        ModelParameters baseline = Presets.Evidence with { Mortality = Presets.Evidence.Mortality with { SarcopeniaHazardRatio = 1.0 } };
        ModelParameters harsh = Presets.Evidence with { Mortality = Presets.Evidence.Mortality with { SarcopeniaHazardRatio = 5.0 } };
        SimulationResult a = Simulation.Run(baseline, cohort, 21, new RunOptions { Statistics = TraitSet.None });
        SimulationResult b = Simulation.Run(harsh, cohort, 21, new RunOptions { Statistics = TraitSet.None });
        Assert.True(b.Alive(90) < a.Alive(90));
        Assert.True(b.PrevalenceAtLeast(85, null, Stage.Sarcopenia) < a.PrevalenceAtLeast(85, null, Stage.Sarcopenia));

        // With common random numbers and traits that do not depend on who is alive, the survivors under the higher hazard
        // are a subset of those under the lower one, at every age and in every cell.
        foreach (int age in a.Ages)
        {
            foreach (Sex sex in new[] { Sex.Female, Sex.Male })
            {
                Assert.True(b.Alive(age, sex) <= a.Alive(age, sex), $"{sex} at {age}");

                // Each survivor has the same stage in both runs, so every stage count can only shrink.
                foreach (Stage stage in a.Stages)
                {
                    Assert.True(b.Count(age, stage, sex) <= a.Count(age, stage, sex), $"{sex} {stage} at {age}");
                }
            }
        }
    }
}
