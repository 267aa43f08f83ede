using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.Results;

/// <summary>The Monte Carlo interval of a simulated prevalence.</summary>
public sealed class PrevalenceIntervalTests
{
    private static readonly Lazy<SimulationResult> s_small = new(() => Simulation.Run(Presets.Evidence, new CohortSpec(4_000), seed: 5));

    [Fact]
    public void Interval_ContainsTheEstimate_AndMatchesTheWilsonFormula()
    {
        PrevalenceEstimate e = s_small.Value.PrevalenceAtLeastInterval(70, 89, Sex.Female, Stage.Sarcopenia);

        Assert.Equal(s_small.Value.PrevalenceAtLeast(70, 89, Sex.Female, Stage.Sarcopenia), e.Prevalence);
        Assert.InRange(e.Prevalence, e.Lower, e.Upper);

        // Independent Wilson interval with z = 1.959964 (the 97.5 % normal quantile).
        const double Z = 1.959963984540054;
        double n = e.PersonYears;
        double p = e.Prevalence;
        double centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n);
        double half = Z * Math.Sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n);
        Assert.Equal(centre - half, e.Lower, 12);
        Assert.Equal(centre + half, e.Upper, 12);
    }

    [Fact]
    public void Interval_CoversTheLargeRunPrevalence_ForMostSeeds()
    {
        // At one age each person contributes one independent person-year, so the 95 % intervals of 20 small runs (other
        // seeds) should cover the prevalence of a run 25 times larger about 19 times (that reference has an SE 5 times
        // smaller, which lowers coverage a little). Require 15: P(X ≤ 14) ≈ 0.003 for X ~ Binomial(20, 0.95).
        double truth = Simulation.Run(Presets.Evidence, new CohortSpec(100_000), seed: 999).PrevalenceAtLeast(75, 75, Sex.Male, Stage.Sarcopenia);
        int covered = 0;
        for (ulong seed = 1; seed <= 20; seed++)
        {
            PrevalenceEstimate e = Simulation.Run(Presets.Evidence, new CohortSpec(4_000), seed).PrevalenceAtLeastInterval(75, 75, Sex.Male, Stage.Sarcopenia);
            covered += e.Lower <= truth && truth <= e.Upper ? 1 : 0;
        }

        Assert.True(covered >= 15, $"{covered} of 20 intervals covered {truth:P2}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Interval_RejectsConfidenceOutsideTheOpenUnitInterval(double confidence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => s_small.Value.PrevalenceAtLeastInterval(70, 80, null, Stage.Sarcopenia, confidence: confidence));
    }
}
