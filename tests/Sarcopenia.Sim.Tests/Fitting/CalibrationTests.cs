using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Fitting;

public sealed class CalibrationTests
{
    private const string Parameter = "model.massLoss.medianRate.female";
    private const double TrueRate = 0.0075;
    private const long People = 4_000;
    private const ulong TargetSeed = 101;

    private static readonly (int Low, int High)[] s_bands = [(55, 59), (65, 69), (75, 79)];

    // Women only, 30-80, European: one run per evaluation, and the ASM means at three ages pin the mass-loss rate.
    private static Scenario Women(ulong seed, double rate) => new()
    {
        Name = "women",
        Model = Presets.Evidence with { MassLoss = Presets.Evidence.MassLoss with { MedianRate = Presets.Evidence.MassLoss.MedianRate with { Female = rate } } },
        Cohort = new CohortSpec(People) { EndAge = 80, FemaleFraction = 1 },
        Seed = seed,
    };

    private static Target AsmMean((int Low, int High) band) => new()
    {
        Id = $"A{band.Low}", Quantity = "Asm", Unit = "kg", Statistic = TargetStatistic.Mean, Value = 1, Sex = Sex.Female, Ancestry = Ancestry.European,
        AgeLow = band.Low, AgeHigh = band.High,
    };

    /// <summary>Targets the model itself produces at <see cref="TrueRate"/> with another seed, with their Monte Carlo SEs.</summary>
    private static Target[] TargetsAtTrueRate()
    {
        Target[] templates = [.. s_bands.Select(AsmMean)];
        IReadOnlyList<SimulatedValue> values = TargetRuns.Evaluate(Women(TargetSeed, TrueRate), templates, People, null);
        return [.. templates.Select((t, i) => t with { Value = values[i].Value, Se = values[i].Se })];
    }

    [Fact]
    public void Fit_RecoversTheRateTheTargetsWereMadeWith_WithinItsMonteCarloError()
    {
        Target[] targets = TargetsAtTrueRate();
        Scenario start = Women(seed: 7, rate: 0.0055);

        CalibrationResult fit = Calibration.Fit(start, targets, [Parameter], new CalibrationOptions { People = People });

        // The rate's Monte Carlo SE from the curvature of the fit's own runs: σ = 1/√Σ(∂sim/∂rate / se)². The targets
        // carry noise of the same size from their own seed, so the fitted rate's error is √2·σ; 4·√2·σ allows for it.
        const double Step = 0.0005;
        IReadOnlyList<SimulatedValue> up = TargetRuns.Evaluate(Women(7, TrueRate + Step), targets, People, null);
        IReadOnlyList<SimulatedValue> down = TargetRuns.Evaluate(Women(7, TrueRate - Step), targets, People, null);
        double information = targets.Select((t, i) => Math.Pow((up[i].Value - down[i].Value) / (2 * Step) / t.Se!.Value, 2)).Sum();
        double sigma = 1 / Math.Sqrt(information);

        Assert.True(fit.Converged, fit.Message);
        Assert.InRange(fit.Parameters[0].Fitted, TrueRate - (4 * Math.Sqrt(2) * sigma), TrueRate + (4 * Math.Sqrt(2) * sigma));
        Assert.True(fit.ObjectiveAfter < fit.ObjectiveBefore);
        Assert.Equal(fit.Parameters[0].Fitted, fit.Fitted.Model.MassLoss.MedianRate.Female, 12);
        Assert.Equal((0.0055, 0.0, 1.0), (fit.Parameters[0].Start, fit.Parameters[0].Lower, fit.Parameters[0].Upper));
    }

    [Fact]
    public void Fit_WithTooFewIterations_SaysItDidNotConverge_AndReportsTheBestPointSoFar()
    {
        CalibrationResult fit = Calibration.Fit(Women(7, 0.0055), TargetsAtTrueRate(), [Parameter], new CalibrationOptions { People = People, MaxIterations = 1 });

        Assert.False(fit.Converged);
        Assert.Contains("did not converge within 1 iterations", fit.Message, StringComparison.Ordinal);
        Assert.True(fit.ObjectiveAfter <= fit.ObjectiveBefore);
        Assert.True(fit.Evaluations > 1);
    }

    [Theory]
    [InlineData("model.massLoss.medianRat.female", "has no field 'medianRat'", "did you mean 'medianRate'?")]
    [InlineData("model.strength.qualityDeclinePerYear.female.values[99]", "[99] does not exist", "an index from 0")]
    [InlineData("model.massLoss.onsetAge", "whole numbers only", "model.massLoss.onsetAge")]
    [InlineData("name", "not a number", "name")]
    public void Fit_RefusesPathsThatNameNoFittableNumber(string path, string message, string more)
    {
        var e = Assert.Throws<ScenarioException>(() => Calibration.Fit(Women(7, 0.0055), TargetsAtTrueRate(), [path], new CalibrationOptions { People = 100, Source = "s.json" }));

        Assert.StartsWith("s.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains(more, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioParameter_MapsTheRangeToTheRealLineAndBack()
    {
        ScenarioParameter p = ScenarioParameter.Of(Women(7, 0.0055), Parameter, "s");

        Assert.Equal(0.0055, p.FromFree(p.ToFree(0.0055)), 12);
        Assert.InRange(p.FromFree(-50), 0, 1e-15);
        Assert.InRange(p.FromFree(50), 1 - 1e-12, 1);
    }
}
