using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Physiology;

/// <summary>
/// The documented physiology, checked on replayed lives: strength is mass times muscle quality
/// (<c>grip = grip₀ · ASM/ASM₀ · exp(−Σλ)</c>, λ scaled by the ancestry's quality ratio), gait follows relative strength
/// (<c>gait = gait₀ · (grip/grip₀)^γ · exp(−δ · max(0, a − from))</c>), ASMI is ASM over a fixed height², and the
/// mass-loss acceleration switches on at menopause (women) and at the old-age threshold.
/// </summary>
public sealed class TrajectoryFormulaTests
{
    /// <summary>Single-precision arithmetic over a handful of products: 1e-5 relative is about 80 float ulp.</summary>
    private const double Relative = 1e-5;

    [Property(Replay = "(20251128,13)", MaxTest = 60)]
    public void GripAndGait_FollowMassQualityAndTheGaitLaw(DoNotSize<ulong> seed, DoNotSize<uint> person, byte presetIndex)
    {
        ModelParameters model = Presets.All[presetIndex % Presets.All.Count].WithoutMortality().Mechanical();
        PersonLife life = Simulation.TracePerson(model, Runs.Mixed(1_000_000), seed.Item, person.Item % 1_000_000);

        // Strength ratios (vitamin D, menopause) are constant here: the Evidence mechanisms have constant prevalence, so
        // exposure starts at 30 or never, and the menopause strength ratio is 1. They cancel in the ratios below.
        Assert.Equal(1.0, model.Menopause.StrengthRatio);
        LifeYear peak = life.Years[0];
        double qualityRatio = model.EffectsFor(life.Ancestry).QualityDecline[life.Sex];
        double cumulative = 0;
        double gamma = model.Gait.StrengthExponent[life.Sex];
        double delta = model.Gait.AgeDeclinePerYear[life.Sex];
        foreach (LifeYear y in life.Years.Skip(1))
        {
            cumulative += model.Strength.QualityDeclinePerYear[life.Sex].At(y.Age) * qualityRatio;
            double gripRatio = y.AsmKg / peak.AsmKg * Math.Exp(-cumulative);
            AssertRelative(gripRatio, y.GripKg / peak.GripKg, $"grip at {y.Age}");
            double gaitRatio = Math.Pow(y.GripKg / peak.GripKg, gamma) * Math.Exp(-delta * Math.Max(0, y.Age - model.Gait.AgeDeclineFrom));
            AssertRelative(gaitRatio, y.GaitMps / peak.GaitMps, $"gait at {y.Age}");
            AssertRelative(peak.AsmiKgPerM2 / peak.AsmKg, y.AsmiKgPerM2 / y.AsmKg, $"1/height² at {y.Age}");
        }
    }

    [Property(Replay = "(20251128,15)", MaxTest = 40)]
    public void Acceleration_StartsAtMenopauseForWomenAndAtTheOldAgeThresholdForAll(DoNotSize<ulong> seed, DoNotSize<uint> person)
    {
        // RW1 without year noise: each year's loss is exactly r · acc, with acc = 1 + 0.5·[woman ≥ 50] + 0.5·[age ≥ 70]
        // (clamped to 20 %, never reached: r ≤ 5 %, acc ≤ 2).
        ModelParameters model = Presets.ReferenceWorkload with { MassLoss = Presets.ReferenceWorkload.MassLoss with { YearNoiseSigma = 0 } };
        PersonLife life = Simulation.TracePerson(model, Presets.ReferenceWorkloadCohort(1_000_000), seed.Item, person.Item % 1_000_000);
        double rate = life.Years[1].LossPercent;
        Assert.InRange(rate, 1 - 1e-5, 5 + 1e-5);
        foreach (LifeYear y in life.Years.Skip(1))
        {
            double acc = 1 + (life.Sex == Sex.Female && y.Age >= 50 ? 0.5 : 0) + (y.Age >= 70 ? 0.5 : 0);
            AssertRelative(rate * acc, y.LossPercent, $"{life.Sex} loss at {y.Age}");
        }
    }

    [Fact]
    public void EvidenceMenopause_IsDrawnPerWomanAndHasNoMassEffect()
    {
        // Evidence draws menopause ~ N(48.8, 4) per woman but adds no mass-loss acceleration (MassLossExtra 0), so with
        // the year noise off a woman's loss is flat from 51 to 69 and steps up by exactly the old-age factor at 70.
        ModelParameters model = Presets.Evidence.WithoutMortality().Mechanical() with { MassLoss = Presets.Evidence.MassLoss with { YearNoiseSigma = 0 } };
        var cohort = new CohortSpec(1_000) { FemaleFraction = 1.0 };
        for (long id = 0; id < 20; id++)
        {
            PersonLife life = Simulation.TracePerson(model, cohort, 3, id);
            Assert.Equal(Sex.Female, life.Sex);
            double rate = life.Years[51 - 30].LossPercent;
            Assert.True(rate > 0);
            for (int age = 51; age <= 69; age++)
            {
                AssertRelative(rate, life.Years[age - 30].LossPercent, $"loss at {age}");
            }

            AssertRelative(rate * (1 + model.MassLoss.OldAgeExtra), life.Years[70 - 30].LossPercent, "loss at 70");
        }
    }

    [Fact]
    public void WaningMechanism_HalvesItsStrengthEffectEveryHalfLife()
    {
        // Everyone is exposed from 60 (prevalence 0 up to 59, 1 from 60) to a strength ratio of 1.5 that halves every
        // 5 years. Mass and quality do not depend on it, and the exposure's uniform has its own stream, so the same
        // person's grip with and without it differs by exactly the factor 1 + 0.5·2^(−(age − 60)/5): 1.5 at 60, 1.25 at
        // 65, 1.125 at 70, and 1 before 60 (up to single-precision rounding).
        AgeCurve from60 = AgeCurve.FromKnots((59, 0), (60, 1));
        ModelParameters plain = Presets.Evidence.WithoutMortality().Mechanical() with { Mechanisms = [] };
        ModelParameters trained = plain with
        {
            Mechanisms = [new Mechanism("Training", new BySex<AgeCurve>(from60, from60), 1, 1.5, "test") { WaningHalfLifeYears = 5 }],
        };
        var cohort = new CohortSpec(1_000);
        for (long id = 0; id < 10; id++)
        {
            PersonLife without = Simulation.TracePerson(plain, cohort, 3, id);
            PersonLife with = Simulation.TracePerson(trained, cohort, 3, id);
            foreach (int age in new[] { 50, 59, 60, 65, 70, 80 })
            {
                double expected = age < 60 ? 1 : 1 + (0.5 * Math.Pow(2, -(age - 60) / 5.0));
                AssertRelative(expected, with.Years[age - 30].GripKg / without.Years[age - 30].GripKg, $"grip ratio at {age}");
                Assert.Equal(without.Years[age - 30].AsmKg, with.Years[age - 30].AsmKg);
            }
        }
    }

    [Fact]
    public void ScreenedExposure_StartsTheYearAfterTheFirstQualifyingStage_AndNeverElse()
    {
        // Everyone is eligible from 60 (prevalence 1), screened to 85 for sarcopenia or severe sarcopenia (EWGSOP2), and
        // the exposure multiplies strength by 1.5. Mass does not depend on it, so the same person's life without it shows
        // their stages up to enrolment; enrolment at age A needs a qualifying stage measured at A − 1 (the end of the
        // year before), and the grip ratio is 1 before A and 1.5 from A on.
        AgeCurve from60 = AgeCurve.FromKnots((59, 0), (60, 1));
        ModelParameters plain = Presets.Evidence.WithoutMortality().Mechanical() with { Mechanisms = [] };
        Stage[] stages = [Stage.Sarcopenia, Stage.Severe];
        ModelParameters screened = plain with
        {
            Mechanisms = [new Mechanism("Programme", new BySex<AgeCurve>(from60, from60), 1, 1.5, "test") { Screening = new StageScreening([.. stages], 85) }],
        };
        var cohort = new CohortSpec(1_000);
        int enrolled = 0, never = 0;
        for (long id = 0; id < 300; id++)
        {
            PersonLife without = Simulation.TracePerson(plain, cohort, 5, id);
            PersonLife with = Simulation.TracePerson(screened, cohort, 5, id);
            int? enrolment = null;
            for (int age = 60; age <= 85 && enrolment is null; age++)
            {
                if (stages.Contains(without.Years[age - 1 - cohort.StartAge].Stage))
                {
                    enrolment = age;
                }
            }

            _ = enrolment is null ? never++ : enrolled++;
            foreach (LifeYear year in with.Years)
            {
                double ratio = year.GripKg / without.Years[year.Age - cohort.StartAge].GripKg;
                double expected = year.Age >= (enrolment ?? int.MaxValue) ? 1.5 : 1;
                Assert.True(Math.Abs(ratio - expected) <= Relative * expected, $"person {id} at {year.Age}: grip ratio {ratio}, expected {expected} (enrolled at {enrolment})");
            }
        }

        Assert.True(enrolled > 10 && never > 10, $"{enrolled} enrolled, {never} never");
    }

    private static void AssertRelative(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Relative * Math.Abs(expected), $"{what}: expected {expected:R}, actual {actual:R}");
}
