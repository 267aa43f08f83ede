using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Projection;

public sealed class MicrosimProjectionTests
{
    // Japan aged 60+ at 1:5,000 over ten years: about 10,000 simulated people, a run of well under a second.
    private const double Scale = 5_000;
    private const int BaseYear = 2020;
    internal const int Horizon = 2030;

    private static readonly Lazy<(PopulationTable People, PeriodLifeTables Deaths)> s_japan =
        new(() => (Wpp2019.Population(Wpp2019.FindLocation("Japan")), Wpp2019.LifeTables(Wpp2019.FindLocation("Japan"))));

    private static readonly Lazy<MicrosimResult> s_baseline = new(() => MicrosimProjection.Run(Setup()));

    internal static MicrosimSetup Setup(double scale = Scale, int horizon = Horizon, Scenario? scenario = null, params Intervention[] interventions) => new()
    {
        Scenario = scenario ?? Scenario.FromPreset("Evidence") with { Cohort = new Sarcopenia.Sim.Population.CohortSpec(1) { StartAge = 60 } },
        Population = s_japan.Value.People,
        LifeTables = s_japan.Value.Deaths,
        BaseYear = BaseYear,
        Horizon = horizon,
        Scale = scale,
        Interventions = [.. interventions],
    };

    [Fact]
    public void Run_EntersEveryBirthCohortAtItsScaledSize()
    {
        MicrosimResult r = s_baseline.Value;
        foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
        {
            foreach (int age in (int[])[60, 75, 90, 100])
            {
                Assert.Equal((long)Math.Round(s_japan.Value.People.AtAge(BaseYear, sex, age) / Scale, MidpointRounding.ToEven), r.Alive(BaseYear, age, sex));
            }

            // Cohorts younger than the first age enter as they reach it.
            Assert.Equal((long)Math.Round(s_japan.Value.People.AtAge(2027, sex, 60) / Scale, MidpointRounding.ToEven), r.Alive(2027, 60, sex));
        }
    }

    [Fact]
    public void Run_WeightsAddUpToTheProjectedPopulation()
    {
        MicrosimResult r = s_baseline.Value;
        double all = 0;
        for (int year = BaseYear; year <= Horizon; year++)
        {
            double projected = s_japan.Value.People.Total(year, minimumAge: 60);
            all += projected;
            if (year == BaseYear)
            {
                Assert.Equal(projected, r.People(year), projected * 1e-12);
            }
        }

        // At 1:5,000 the few simulated centenarian men of a birth cohort may all have died by 2030: their cell is then
        // not represented, and counted as such.
        Assert.InRange(r.UnrepresentedPeople, 0, all * 1e-3);
        Assert.Equal(all - r.UnrepresentedPeople, Enumerable.Range(BaseYear, Horizon - BaseYear + 1).Sum(y => r.People(y)), all * 1e-12);
    }

    [Fact]
    public void Run_DeathsFollowTheCohortLifeTable()
    {
        // Deaths of everyone aged 61–100 in 2025 against the period table of 2024 (the year they lived at a − 1).
        MicrosimResult r = s_baseline.Value;
        LifeTable table = s_japan.Value.Deaths.ForYear(2024);
        double expected = 0, variance = 0;
        long deaths = 0;
        foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
        {
            for (int age = 61; age <= 100; age++)
            {
                long atRisk = r.Alive(2024, age - 1, sex);
                double q = table.ProbabilityOfDeath(sex, age - 1);
                expected += atRisk * q;
                variance += atRisk * q * (1 - q);
                deaths += Enumerable.Range(0, 5).Sum(s => r.Transitions(2025, age, sex, (Stage)s, null));
            }
        }

        // The hazard ratio moves deaths between stages but keeps their total (within the pilot's error, under 1 %).
        Assert.InRange(deaths, expected - (MonteCarlo.Sigmas * Math.Sqrt(variance)) - (0.01 * expected), expected + (MonteCarlo.Sigmas * Math.Sqrt(variance)) + (0.01 * expected));
        Assert.True(r.Deaths(2025, Stage.Sarcopenia) / r.InStage(2024, Stage.Sarcopenia) > r.Deaths(2025, Stage.None) / r.InStage(2024, Stage.None),
            "people with sarcopenia die more often than people without any stage");
    }

    [Fact]
    public void Run_IsTheSameForAnyThreadCountAndChunkSize()
    {
        MicrosimResult other = MicrosimProjection.Run(Setup(), options: new RunOptions { Threads = 1, ChunkSize = 64 });
        Assert.Equal(s_baseline.Value.CountsHash(), other.CountsHash());
        Assert.NotEqual(s_baseline.Value.CountsHash(), MicrosimProjection.Run(Setup(), replicate: 1).CountsHash());
    }

    [Fact]
    public void Run_IsTheSameAtEveryVectorWidth()
    {
        foreach (int bits in Sim.Numerics.VectorWidth.Available)
        {
            Assert.True(s_baseline.Value.CountsHash() == MicrosimProjection.Run(Setup(), options: new RunOptions { MaxVectorBits = bits }).CountsHash(), $"at {bits} bits");
        }

        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => MicrosimProjection.Run(Setup(), options: new RunOptions { MaxVectorBits = 200 }));
        Assert.Equal("options.maxVectorBits", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void Run_InterventionWithoutEffect_ChangesNoBit()
    {
        var none = Interventions.ResistanceTraining with { StrengthSmd = 0, StrengthSmdSe = 0, Coverage = 0.5 };
        Assert.Equal(s_baseline.Value.CountsHash(), MicrosimProjection.Run(Setup(interventions: none)).CountsHash());
    }

    [Fact]
    public void Compare_WaningTraining_AvertsFewerCasesThanLastingTraining()
    {
        // The same programme on the same people, once lasting and once with its effect halving every 2 years: by the
        // horizon the waned effect is a small fraction of the lasting one, so fewer cases are averted, replicate by
        // replicate (common random numbers), though still some (the effect never reaches zero).
        var lasting = Interventions.ResistanceTraining with { Coverage = 0.5, StartYear = 2021, StrengthSmdSe = 0 };
        var waning = lasting with { WaningHalfLifeYears = 2 };
        ProjectionComparison full = ProjectionComparison.Run(Setup(), Setup(interventions: lasting), replicates: 2);
        ProjectionComparison faded = ProjectionComparison.Run(Setup(), Setup(interventions: waning), replicates: 2);

        Assert.True(faded.CasesAverted(Horizon).Mean < full.CasesAverted(Horizon).Mean, $"{faded.CasesAverted(Horizon)} vs {full.CasesAverted(Horizon)}");
        Assert.True(faded.CasesAverted(Horizon).Mean > 0);
    }

    [Fact]
    public void Compare_ResistanceTraining_AvertsCasesWithATightPairedInterval()
    {
        var training = Interventions.ResistanceTraining with { Coverage = 0.5, StartYear = 2022 };
        ProjectionComparison c = ProjectionComparison.Run(Setup(), Setup(interventions: training), replicates: 4);

        // Nothing before the start year; after it, cases averted in every replicate.
        Assert.Equal(0, c.CasesAverted(2021).Mean);
        Interval averted = c.CasesAverted(Horizon);
        Assert.True(averted.Lower > 0, $"cases averted {averted}");
        Assert.True(c.LifeYearsGained(Horizon).Mean > 0);

        // Pairing: the spread of the differences is far below that of either arm's cases.
        Interval cases = c.Baseline.Cases(Horizon);
        Assert.True(averted.Upper - averted.Lower < cases.Upper - cases.Lower);
    }

    [Fact]
    public void Replicates_WithoutParameterUncertainty_AreStochastic_AndParametersAddVariance()
    {
        ProjectionRuns stochastic = ProjectionRuns.Run(Setup(horizon: 2022), replicates: 12);
        Interval pure = stochastic.Cases(2022);

        // The binomial variance explains the replicates' variance: the ratio's sampling SD with 11 degrees of freedom is
        // sqrt(2/11) = 0.43, so the share is far from the ~0 it would be if the formula missed most of the variance.
        Assert.InRange(pure.StochasticShare, 0.3, 1);

        ParameterDistribution rate = new("model.massLoss.medianRate.female", DistributionKind.LogNormal, 0.01, 0.5);
        ProjectionRuns both = ProjectionRuns.Run(Setup(horizon: 2022), 12, ParameterDraws.Draw(Setup().Scenario, [rate], 12));
        Interval mixed = both.Cases(2022, Sex.Female);
        Assert.True(mixed.StochasticShare < 0.5, $"stochastic share {mixed.StochasticShare}");
        Assert.Equal(12, both.Draws.Select(d => d[0]).Distinct().Count());
    }

    [Fact]
    public void Run_ScaleLeavingACohortEmpty_NamesTheScaleAndTheCell()
    {
        var e = Assert.Throws<ParameterValidationException>(() => MicrosimProjection.Run(Setup(scale: 5e6)));
        Assert.Contains("population.scale", e.Message, StringComparison.Ordinal);
        Assert.Contains("aged 100+ in 2020", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardisedPrevalence_LiesBetweenTheBandPrevalences()
    {
        MicrosimResult r = s_baseline.Value;
        double[] bands = [.. Enumerable.Range(0, 8).Select(k => r.Prevalence(Horizon, minimumAge: 60 + (5 * k), maximumAge: 64 + (5 * k)))];
        foreach (StandardPopulation standard in StandardPopulation.All)
        {
            double p = r.StandardisedPrevalence(Horizon, standard);
            Assert.InRange(p, bands.Min(), bands.Max());
        }

        Assert.Equal(100_000, StandardPopulation.Esp2013.Weights.Sum());
        Assert.All(StandardPopulation.All, standard => Assert.Equal(20, standard.Weights.Count));
    }

    [Fact]
    public void Incidence_IsPositive_AndTransitionsAddUpToThePeople()
    {
        MicrosimResult r = s_baseline.Value;
        Assert.True(r.IncidencePer1000(2025, minimumAge: 65) > 0);
        for (int age = 61; age <= 100; age += 13)
        {
            long into = Enumerable.Range(0, 5).Sum(to => Enumerable.Range(0, 5).Sum(from => r.Transitions(2025, age, Sex.Female, (Stage)from, (Stage)to)));
            Assert.Equal(r.Alive(2025, age, Sex.Female), into);
        }
    }

    [Fact]
    public void Run_TargetingEveryStage_IsNoFilterBitForBit()
    {
        var training = Interventions.ResistanceTraining with { Coverage = 0.5, StartYear = 2022, StrengthSmdSe = 0 };
        MicrosimSetup open = Setup(interventions: training);
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
        MicrosimSetup setup = Setup(interventions: probable);

        Assert.Equal(MicrosimProjection.Run(setup).CountsHash(), MicrosimProjection.Run(setup, options: new RunOptions { Threads = 1, ChunkSize = 64 }).CountsHash());
    }

    [Fact]
    public void Compare_ProgrammeForProbableSarcopenia_AvertsCases()
    {
        // Training offered to people with low grip only (EWGSOP2 "probable"), before they lose mass too: cases averted in
        // every replicate on common random numbers, none before the start year.
        var probable = Interventions.ResistanceTraining with { Coverage = 0.5, StartYear = 2022, Stages = [Stage.Probable] };
        ProjectionComparison c = ProjectionComparison.Run(Setup(), Setup(interventions: probable), replicates: 4);

        Assert.Equal(0, c.CasesAverted(2021).Mean);
        Assert.True(c.CasesAverted(Horizon).Lower > 0, $"cases averted {c.CasesAverted(Horizon)}");
    }

    [Fact]
    public void Validate_StageOfAnotherDefinition_NamesTheStagesAllowed()
    {
        // EWGSOP2 has no presarcopenia.
        var presarcopenia = Interventions.VitaminD with { Stages = [Stage.Presarcopenia] };
        var e = Assert.Throws<ParameterValidationException>(() => Setup(interventions: presarcopenia).Validate());

        Assert.Contains("interventions[0].stages[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("None, Probable, Sarcopenia, Severe", e.Message, StringComparison.Ordinal);
    }
}
