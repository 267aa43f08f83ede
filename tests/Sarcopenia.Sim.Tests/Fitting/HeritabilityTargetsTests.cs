using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Fitting;

public sealed class HeritabilityTargetsTests
{
    private static readonly ModelParameters s_model = Presets.Evidence.WithoutMortality();
    private static readonly CohortSpec s_cohort = new(1) { StartAge = 40, EndAge = 80 };

    [Fact]
    public void Fit_RaisesTheDeclineSharesUntilLateLifeGripMeetsItsTarget()
    {
        // With the defaults grip a² falls to about 0.3 by 80; a target of 0.45 needs more heritable decline.
        HeritabilityTarget target = new("grip", 80, Sex.Female, 0.45);
        HeritabilityFitResult fit = HeritabilityTargets.Fit(s_model, s_cohort, seed: 5, [target], [GeneticTrait.LossRate, GeneticTrait.QualityDecline],
            new HeritabilityFitOptions { Pairs = 6_000, MaxIterations = 30, Tolerance = 1e-3 });

        HeritabilityTargetResult result = Assert.Single(fit.Targets);
        Assert.True(result.Before < target.Additive - 0.05, $"before: {result.Before:0.000}");
        Assert.True(Math.Abs(result.After - target.Additive) < 0.03, $"after: {result.After:0.000}");
        Assert.All(fit.Additive, a => Assert.True(a > 0.1, $"a² of decline {a:0.000}, was 0.1"));
        Assert.Equal(fit.Additive[0], fit.Genetics.LossRate.Female.Additive);
    }

    [Fact]
    public void Fit_RefusesBadTargets()
    {
        ParameterValidationException e = Assert.Throws<ParameterValidationException>(() => HeritabilityTargets.Fit(s_model, s_cohort, 1,
            [new HeritabilityTarget("strength", 60, Sex.Male, 1.5), new HeritabilityTarget("grip", 95, Sex.Male, 0.5)], [],
            new HeritabilityFitOptions { Pairs = 12 }));
        Assert.Contains("targets[0].trait", e.Message, StringComparison.Ordinal);
        Assert.Contains("targets[0].additive", e.Message, StringComparison.Ordinal);
        Assert.Contains("targets[1].age", e.Message, StringComparison.Ordinal);
        Assert.Contains("free", e.Message, StringComparison.Ordinal);
        Assert.Contains("options.pairs", e.Message, StringComparison.Ordinal);
    }
}
