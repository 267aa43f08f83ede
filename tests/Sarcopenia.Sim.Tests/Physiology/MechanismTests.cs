using System.Collections.Immutable;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Physiology;

/// <summary>
/// The documented mechanism rule on replayed lives (common random numbers make each person's exposure visible):
/// a person is exposed from the first age at which their uniform falls below Prevalence(age) and stays exposed; while
/// exposed the loss rate is multiplied by LossRateRatio and strength by StrengthRatio.
/// </summary>
public sealed class MechanismTests
{
    private const ulong Seed = 606;

    [Fact]
    public void Exposure_StartsWhenPrevalenceFirstExceedsThePersonsUniformAndPersists()
    {
        // Review2014 (loss from 31) with InsulinResistance (prevalence 0.1 at 30, 0.3 at 60, 0.4 from 80) doubling the
        // loss rate. Comparing each life with the neutral preset, the loss ratio is 1 before onset and exactly 2 after.
        ModelParameters neutral = Presets.Review2014.WithoutMortality() with { MassLoss = Presets.Review2014.MassLoss with { MinAnnualLoss = 0, MaxAnnualLoss = 0.5 } };
        int k = neutral.Mechanisms.ToList().FindIndex(m => m.Name == "InsulinResistance");
        Mechanism mechanism = neutral.Mechanisms[k];
        ModelParameters exposed = neutral with { Mechanisms = neutral.Mechanisms.AsImmutableArray().SetItem(k, mechanism with { LossRateRatio = 2.0 }) };

        const int N = 1_500;
        var cohort = new CohortSpec(N) { FemaleFraction = 1.0 };
        int[] ages = [31, 45, 60, 70, 80, 95];
        var exposedBy = new int[ages.Length];
        for (long id = 0; id < N; id++)
        {
            PersonLife a = Simulation.TracePerson(neutral, cohort, Seed, id);
            PersonLife b = Simulation.TracePerson(exposed, cohort, Seed, id);
            bool onset = false;
            for (int row = 1; row < a.Years.Count; row++)
            {
                double ratio = b.Years[row].LossPercent / a.Years[row].LossPercent;
                bool now = Math.Abs(ratio - 2) < 1e-5;
                Assert.True(now || Math.Abs(ratio - 1) < 1e-5, $"person {id} at {a.Years[row].Age}: loss ratio {ratio}");
                Assert.False(onset && !now, $"person {id} stopped being exposed at {a.Years[row].Age}");
                onset = now;
                int index = Array.IndexOf(ages, a.Years[row].Age);
                if (index >= 0 && now)
                {
                    exposedBy[index]++;
                }
            }
        }

        for (int i = 0; i < ages.Length; i++)
        {
            // 5 SE: SE = sqrt(p(1−p)/n) ≤ sqrt(0.25/1,500) = 0.013.
            double p = mechanism.Prevalence.Female.At(ages[i]);
            double share = (double)exposedBy[i] / N;
            double se = Math.Sqrt(p * (1 - p) / N);
            Assert.True(Math.Abs(share - p) <= MonteCarlo.Sigmas * se, $"exposed by {ages[i]}: {share:F3} vs prevalence {p:F3}");
        }
    }

    [Fact]
    public void StrengthRatio_ScalesGripOfTheExposedShareOnly()
    {
        // Vitamin D deficiency: prevalence 40 % at every age, strength ratio 0.973. Against the same preset with a neutral
        // ratio, about 40 % of people have exactly 0.973 of the grip at every age and the rest identical grip.
        ModelParameters evidence = Presets.Evidence.WithoutMortality();
        int k = evidence.Mechanisms.ToList().FindIndex(m => m.Name == "VitaminDDeficiency");
        Assert.Equal(0.973, evidence.Mechanisms[k].StrengthRatio);
        ModelParameters neutral = evidence with { Mechanisms = evidence.Mechanisms.AsImmutableArray().SetItem(k, evidence.Mechanisms[k] with { StrengthRatio = 1.0 }) };

        const int N = 1_500;
        var cohort = new CohortSpec(N) { EndAge = 60 };
        int scaled = 0;
        for (long id = 0; id < N; id++)
        {
            PersonLife a = Simulation.TracePerson(neutral, cohort, Seed, id);
            PersonLife b = Simulation.TracePerson(evidence, cohort, Seed, id);
            double ratio = b.Years[0].GripKg / a.Years[0].GripKg;
            bool exposed = Math.Abs(ratio - 0.973) < 1e-5;
            Assert.True(exposed || ratio == 1, $"person {id}: grip ratio {ratio}");
            scaled += exposed ? 1 : 0;
            foreach ((LifeYear x, LifeYear y) in a.Years.Zip(b.Years))
            {
                Assert.Equal(x.AsmKg, y.AsmKg);
                Assert.True(Math.Abs((y.GripKg / x.GripKg) - ratio) < 1e-5, $"person {id} at {x.Age}");
            }
        }

        // 5 SE: SE = sqrt(0.4 · 0.6 / 1,500) = 0.0126.
        double share = (double)scaled / N;
        Assert.InRange(share, 0.4 - (MonteCarlo.Sigmas * Math.Sqrt(0.24 / N)), 0.4 + (MonteCarlo.Sigmas * Math.Sqrt(0.24 / N)));
    }
}
