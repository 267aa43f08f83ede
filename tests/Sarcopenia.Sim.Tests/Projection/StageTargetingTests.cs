using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Projection;

/// <summary>Programmes that enrol by measured stage (<see cref="Intervention.Stages"/>, the engine's <see cref="StageScreening"/>).</summary>
public sealed class StageTargetingTests
{
    private const int Horizon = 2030;

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
                Assert.True(Math.Abs(ratio - expected) <= 1e-5 * expected, $"person {id} at {year.Age}: grip ratio {ratio}, expected {expected} (enrolled at {enrolment})");
            }
        }

        Assert.True(enrolled > 10 && never > 10, $"{enrolled} enrolled, {never} never");
    }

    [Fact]
    public void Run_TargetingEveryStage_IsNoFilterBitForBit()
    {
        var training = Interventions.ResistanceTraining with { Coverage = 0.5, StartYear = 2022, StrengthSmdSe = 0 };
        MicrosimSetup open = MicrosimProjectionTests.Setup(horizon: Horizon, interventions: training);
        var everyone = training with { Stages = [.. open.Scenario.Model.Definition.Stages] };
        var some = training with { Stages = [Stage.Probable] };

        string hash = MicrosimProjection.Run(open).CountsHash();
        Assert.Equal(hash, MicrosimProjection.Run(open with { Interventions = [everyone] }).CountsHash());
        Assert.NotEqual(hash, MicrosimProjection.Run(open with { Interventions = [some] }).CountsHash());
    }

    [Fact]
    public void Run_StageTargeted_IsTheSameForAnyThreadCountAndChunkSize()
    {
        var probable = Interventions.ResistanceTraining with { Coverage = 0.5, StartYear = 2022, Stages = [Stage.Probable] };
        MicrosimSetup setup = MicrosimProjectionTests.Setup(horizon: Horizon, interventions: probable);

        Assert.Equal(MicrosimProjection.Run(setup).CountsHash(), MicrosimProjection.Run(setup, options: new RunOptions { Threads = 1, ChunkSize = 64 }).CountsHash());
    }

    [Fact]
    public void Compare_ProgrammeForProbableSarcopenia_AvertsCases()
    {
        // Training offered to people with low grip only (EWGSOP2 "probable"), before they lose mass too: cases averted in
        // every replicate on common random numbers, none before the start year.
        var probable = Interventions.ResistanceTraining with { Coverage = 0.5, StartYear = 2022, Stages = [Stage.Probable] };
        ProjectionComparison c = ProjectionComparison.Run(MicrosimProjectionTests.Setup(horizon: Horizon), MicrosimProjectionTests.Setup(horizon: Horizon, interventions: probable), replicates: 4);

        Assert.Equal(0, c.CasesAverted(2021).Mean);
        Assert.True(c.CasesAverted(Horizon).Lower > 0, $"cases averted {c.CasesAverted(Horizon)}");
    }

    [Fact]
    public void Validate_StageOfAnotherDefinition_NamesTheStagesAllowed()
    {
        // EWGSOP2 has no presarcopenia.
        var presarcopenia = Interventions.VitaminD with { Stages = [Stage.Presarcopenia] };
        var e = Assert.Throws<ParameterValidationException>(() => MicrosimProjectionTests.Setup(interventions: presarcopenia).Validate());

        Assert.Contains("interventions[0].stages[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("None, Probable, Sarcopenia, Severe", e.Message, StringComparison.Ordinal);
    }
}
