using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Fitting;

public sealed class TargetEvaluatorTests
{
    // Small enough to run in well under a second, large enough that every age of 60-80 has people of both sexes.
    private static readonly Lazy<SimulationResult> s_result = new(() =>
        Simulation.Run(Presets.Evidence with { Definition = Definitions.Awgs2019 }, new CohortSpec(3_000) { StartAge = 40, EndAge = 90 }, seed: 11, Runs.Everything()));

    private static Target Prevalence(TargetStage stage, int? low, int? high, Sex? sex = Sex.Female, string population = "") => new()
    {
        Id = "P", Quantity = "Prevalence", Unit = "%", Statistic = TargetStatistic.Prevalence, Value = 10, Definition = "AWGS2019", Stage = stage,
        Sex = sex, AgeLow = low, AgeHigh = high, Metadata = [new("population", population)],
    };

    private static Target Norm(string quantity, string unit, TargetStatistic statistic, int low, int high) => new()
    {
        Id = "N", Quantity = quantity, Unit = unit, Statistic = statistic, Value = 1, Sex = Sex.Male, AgeLow = low, AgeHigh = high,
    };

    [Fact]
    public void Prevalence_CountsSurvivorsAtEachAgeOfTheBand()
    {
        SimulationResult r = s_result.Value;
        long cases = 0;
        long alive = 0;
        for (int age = 70; age <= 74; age++)
        {
            cases += r.Count(age, Stage.Sarcopenia, Sex.Female) + r.Count(age, Stage.Severe, Sex.Female);
            alive += r.Alive(age, Sex.Female);
        }

        SimulatedValue value = TargetEvaluator.Evaluate(r, Prevalence(TargetStage.Sarcopenia, 70, 74));

        Assert.Equal(100.0 * cases / alive, value.Value, 12);
        Assert.InRange(value.Value, value.Lower, value.Upper);
        Assert.Equal((70, 74), (value.AgeFrom, value.AgeTo));
    }

    [Theory]
    [InlineData(TargetStage.LowMass, SarcopeniaDefinition.LowMassBit)]
    [InlineData(TargetStage.Weakness, SarcopeniaDefinition.LowStrengthBit)]
    public void Deficit_CountsEveryoneWithIt_WhateverTheirStage(TargetStage stage, int bit)
    {
        SimulationResult r = s_result.Value;
        long cases = 0;
        for (int combination = 0; combination < SarcopeniaDefinition.Combinations; combination++)
        {
            cases += (combination & bit) != 0 ? r.CountWithDeficits(80, combination, Sex.Female) : 0;
        }

        SimulatedValue value = TargetEvaluator.Evaluate(r, Prevalence(stage, 80, 80));

        Assert.Equal(100.0 * cases / r.Alive(80, Sex.Female), value.Value, 12);
    }

    [Fact]
    public void Possible_IsProbableOrWorse()
    {
        SimulationResult r = s_result.Value;

        SimulatedValue value = TargetEvaluator.Evaluate(r, Prevalence(TargetStage.Possible, 75, 75));

        Assert.Equal(100.0 * r.PrevalenceAtLeast(75, Sex.Female, Stage.Probable), value.Value, 12);
    }

    [Fact]
    public void OpenBand_RunsToTheCohortsLastAge()
    {
        SimulatedValue value = TargetEvaluator.Evaluate(s_result.Value, Prevalence(TargetStage.Sarcopenia, 80, null, sex: null));

        Assert.Equal((80, 90), (value.AgeFrom, value.AgeTo));
        Assert.Equal(100.0 * s_result.Value.PrevalenceAtLeast(80, 90, null, Stage.Sarcopenia), value.Value, 12);
    }

    [Theory]
    [InlineData("community sample, mean age 67", 57, 77, "mean age 67 ± 10")]
    [InlineData("volunteers", TargetEvaluator.DefaultAgeLow, 90, "default 65+")]
    public void MissingAges_UseTheMeanAgeOrTheDefaultBand(string population, int from, int to, string note)
    {
        SimulatedValue value = TargetEvaluator.Evaluate(s_result.Value, Prevalence(TargetStage.Sarcopenia, null, null, population: population));

        Assert.Equal((from, to), (value.AgeFrom, value.AgeTo));
        Assert.Contains(note, value.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void BandsBeyondTheCohort_AreClippedOrNotModelled()
    {
        SimulatedValue clipped = TargetEvaluator.Evaluate(s_result.Value, Prevalence(TargetStage.Sarcopenia, 18, 50));
        SimulatedValue outside = TargetEvaluator.Evaluate(s_result.Value, Prevalence(TargetStage.Sarcopenia, 20, 29));

        Assert.Equal((40, 50), (clipped.AgeFrom, clipped.AgeTo));
        Assert.Contains("clipped to the simulated 40–50", clipped.Note, StringComparison.Ordinal);
        Assert.Contains("outside the simulated ages 40–90", outside.NotModelled, StringComparison.Ordinal);
    }

    [Fact]
    public void Mean_WeightsEachAgeByItsSurvivors_AndSdIncludesTheSpreadOfTheAgesMeans()
    {
        SimulationResult r = s_result.Value;
        TraitSummary[] ages = [.. Enumerable.Range(60, 11).Select(a => r.Summary(Trait.Grip, a, Sex.Male))];
        long n = ages.Sum(s => s.Count);
        double mean = ages.Sum(s => s.Count * s.Mean) / n;
        double variance = (ages.Sum(s => s.Count * ((s.Sd * s.Sd) + (s.Mean * s.Mean))) / n) - (mean * mean);

        SimulatedValue m = TargetEvaluator.Evaluate(r, Norm("Grip", "kg", TargetStatistic.Mean, 60, 70));
        SimulatedValue sd = TargetEvaluator.Evaluate(r, Norm("Grip", "kg", TargetStatistic.Sd, 60, 70));

        Assert.Equal(mean, m.Value, 9);
        Assert.Equal(Math.Sqrt(variance), sd.Value, 9);
    }

    [Fact]
    public void Centile_IsThePooledHistogramsCentile()
    {
        SimulationResult r = s_result.Value;

        SimulatedValue p10 = TargetEvaluator.Evaluate(r, Norm("Grip", "kg", TargetStatistic.P10, 60, 70));

        Assert.Equal(r.Centile(Trait.Grip, 60, 70, 10, Sex.Male), p10.Value, 12);
        Assert.True(p10.Lower < p10.Value && p10.Value < p10.Upper);
    }

    [Fact]
    public void Rates_AreCrossSectionalFromTheMeansAtTheBandsEnds()
    {
        SimulationResult r = s_result.Value;
        double grip60 = r.Summary(Trait.Grip, 60, Sex.Male).Mean;
        double grip80 = r.Summary(Trait.Grip, 80, Sex.Male).Mean;
        double asm60 = r.Summary(Trait.Asm, 60, Sex.Male).Mean;
        double asm80 = r.Summary(Trait.Asm, 80, Sex.Male).Mean;
        double gripRate = 100 * (grip80 - grip60) / grip60 / 20;

        SimulatedValue rate = TargetEvaluator.Evaluate(r, Norm("GripAnnualChangePercent", "%/yr", TargetStatistic.Mean, 60, 80));
        SimulatedValue ratio = TargetEvaluator.Evaluate(r, Norm("StrengthToMassDeclineRatio", "ratio", TargetStatistic.Mean, 60, 80));
        SimulatedValue change = TargetEvaluator.Evaluate(r, Norm("Grip", "kg", TargetStatistic.ChangeOver, 60, 80));

        Assert.Equal(gripRate, rate.Value, 9);
        Assert.Equal(gripRate / (100 * (asm80 - asm60) / asm60 / 20), ratio.Value, 9);
        Assert.Equal(grip80 - grip60, change.Value, 9);
    }

    [Fact]
    public void MassChangeRate_IsMinusTheLossRate()
    {
        SimulationResult r = s_result.Value;

        SimulatedValue mean = TargetEvaluator.Evaluate(r, Norm("AsmAnnualChangePercent", "%/yr", TargetStatistic.Mean, 75, 75));
        SimulatedValue median = TargetEvaluator.Evaluate(r, Norm("AsmAnnualChangePercent", "%/yr", TargetStatistic.P25, 75, 75));

        Assert.Equal(-r.Summary(Trait.LossRate, 75, Sex.Male).Mean, mean.Value, 9);
        Assert.Equal(-r.Centile(Trait.LossRate, 75, 75, Sex.Male), median.Value, 9);
    }

    [Fact]
    public void QuantitiesTheModelLacks_AreNotModelledWithTheReason()
    {
        SimulatedValue knee = TargetEvaluator.Evaluate(s_result.Value, Norm("KneeStrengthAnnualChangePercent", "%/yr", TargetStatistic.Mean, 70, 79));

        Assert.Contains("knee-extensor strength is not a trait", knee.NotModelled, StringComparison.Ordinal);
        Assert.True(double.IsNaN(knee.Value));
    }

    [Fact]
    public void Height_IsConvertedFromMetresToCentimetres_OrNotModelledUntilTheTraitExists()
    {
        SimulatedValue height = TargetEvaluator.Evaluate(s_result.Value, Norm("Height", "cm", TargetStatistic.Mean, 60, 69));

        if (Enum.TryParse("Height", out Trait trait))
        {
            Assert.Equal(100 * s_result.Value.Summary(trait, 65, Sex.Male).Mean, height.Value, 0);
        }
        else
        {
            Assert.Equal("the model has no Height trait yet", height.NotModelled);
        }
    }
}
