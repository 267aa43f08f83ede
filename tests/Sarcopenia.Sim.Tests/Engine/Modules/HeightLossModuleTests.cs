using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine.Modules;

/// <summary>The height-loss module: off by default, and when on, height falls by the schedule's sum and nothing else moves.</summary>
public sealed class HeightLossModuleTests
{
    private const ulong Seed = 20_261_201;

    private static readonly ModelParameters s_model = Presets.Evidence.WithoutMortality().Mechanical() with { Definition = Definitions.Ewgsop2 };

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(7L)]
    public void ReplayedLife_LosesTheScheduledHeight_AndKeepsItsMuscle(long personId)
    {
        CohortSpec cohort = Runs.Mixed(100, startAge: 30, endAge: 90);
        PersonLife without = Simulation.TracePerson(s_model, cohort, Seed, personId);
        PersonLife with = Simulation.TracePerson(s_model with { HeightLoss = HeightLoss.Sorkin1999 }, cohort, Seed, personId);

        double lost = 0;
        for (int i = 0; i < with.Years.Count; i++)
        {
            LifeYear a = without.Years[i];
            LifeYear b = with.Years[i];
            if (i > 0)
            {
                lost += HeightLoss.Sorkin1999.CentimetresPerYear[with.Sex].At(b.Age) / 100;
            }

            // Muscle, strength and function do not depend on height; the index does.
            Assert.Equal(a.AsmKg, b.AsmKg);
            Assert.Equal(a.GripKg, b.GripKg);
            Assert.Equal(a.GaitMps, b.GaitMps);
            Assert.Equal(a.Stage is Stage.None, b.Stage is Stage.None);
            double heightBefore = Math.Sqrt(a.AsmKg / a.AsmiKgPerM2);
            double heightAfter = Math.Sqrt(b.AsmKg / b.AsmiKgPerM2);
            Assert.Equal(lost, heightBefore - heightAfter, 1e-4);
        }

        // Sorkin 1999: about 5 cm (women 8 cm, men 5 cm) by 80 and more by 90.
        Assert.InRange(lost, with.Sex == Sex.Female ? 0.10 : 0.07, with.Sex == Sex.Female ? 0.12 : 0.08);
    }

    [Fact]
    public void ShorterPeople_MeetTheAsmiCutOffLessOften()
    {
        // Low mass under EWGSOP2 is ASMI below a cut-off; the same muscle over a smaller height is a higher index.
        CohortSpec cohort = Runs.Mixed(20_000, startAge: 30, endAge: 85);
        SimulationResult without = Simulation.Run(s_model, cohort, Seed);
        SimulationResult with = Simulation.Run(s_model with { HeightLoss = HeightLoss.Sorkin1999 }, cohort, Seed);
        const int LowMassOnly = 1;
        Assert.Equal(without.Alive(85), with.Alive(85));
        Assert.True(with.CountWithDeficits(85, LowMassOnly) < without.CountWithDeficits(85, LowMassOnly));
        Assert.Equal(without.CountWithDeficits(30, LowMassOnly), with.CountWithDeficits(30, LowMassOnly));
    }

    [Fact]
    public void ShorterPeople_MeetTheAlmPerBmiCutOffMoreOften()
    {
        // Under FNIH low mass is ALM/BMI; at an unchanged weight BMI rises as height falls, so ALM/BMI falls.
        ModelParameters fnih = s_model with { Definition = Definitions.Fnih };
        CohortSpec cohort = Runs.Mixed(20_000, startAge: 30, endAge: 85);
        SimulationResult without = Simulation.Run(fnih, cohort, Seed);
        SimulationResult with = Simulation.Run(fnih with { HeightLoss = HeightLoss.Sorkin1999 }, cohort, Seed);
        const int LowMassOnly = 1;
        Assert.True(with.CountWithDeficits(85, LowMassOnly) > without.CountWithDeficits(85, LowMassOnly));
        Assert.Equal(without.CountWithDeficits(30, LowMassOnly), with.CountWithDeficits(30, LowMassOnly));
        Assert.Equal(without.Summary(Trait.Asm, 85), with.Summary(Trait.Asm, 85));
    }

    [Fact]
    public void ZeroLoss_ChangesNoBit()
    {
        // A schedule of zeros is on, but every year is skipped: the tables are those of the model without it.
        var none = new HeightLoss(new BySex<AgeCurve>(AgeCurve.Constant(0), AgeCurve.Constant(0)));
        CohortSpec cohort = Runs.Mixed(3_000);
        RunOptions everything = Runs.Everything();
        Assert.True(Simulation.Run(s_model with { HeightLoss = none }, cohort, Seed, everything)
            .TablesEqual(Simulation.Run(s_model, cohort, Seed, everything)));
    }

    [Fact]
    public void Validate_NamesANegativeRateByItsPath()
    {
        ModelParameters model = s_model with
        {
            HeightLoss = new HeightLoss(new BySex<AgeCurve>(AgeCurve.Constant(-0.1), AgeCurve.Constant(0.1))),
        };
        ParameterValidationException error = Assert.Throws<ParameterValidationException>(model.Validate);
        Assert.Contains("model.heightLoss.centimetresPerYear.female.values[0]", error.Message, StringComparison.Ordinal);
    }
}
