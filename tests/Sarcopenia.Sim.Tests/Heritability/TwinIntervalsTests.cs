using Sarcopenia.Sim.Heritability;
using Xunit.Abstractions;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Heritability;

public sealed class TwinIntervalsTests(ITestOutputHelper output)
{
    // Replicates of the coverage check: enough that the binomial standard error of a 95 % coverage,
    // √(0.95·0.05/200) = 0.0154, resolves a miscalibrated interval, while 200 fits with intervals take about a second.
    private const int Replicates = 200;

    private const double Level = 0.95;

    // Coverage is accepted within this many binomial standard errors; the seeds are fixed, so the test is deterministic.
    private const double CoverageSigmas = 3;

    [Fact]
    public void ProfileIntervals_OverRepeatedSamples_CoverTheTruthAtTheirNominalRate()
    {
        var spec = new TwinSampleSpec { MonozygoticPairs = 300, DizygoticPairs = 300, Female = new(0.4, 0.3, 0.3) };
        (VarianceComponent Component, double Truth)[] truths =
            [(VarianceComponent.Additive, 0.4), (VarianceComponent.SharedEnvironment, 0.3), (VarianceComponent.UniqueEnvironment, 0.3)];
        int[] covered = new int[truths.Length];
        for (int seed = 0; seed < Replicates; seed++)
        {
            TwinFit fit = TwinModels.Fit(TwinSamples.Generate(spec, 1000 + seed), TwinModel.Ace, new TwinFitOptions { Means = MeanModel.Common });
            for (int k = 0; k < truths.Length; k++)
            {
                VarianceEstimate estimate = fit[truths[k].Component]!;
                Assert.InRange(estimate.Proportion, estimate.Lower, estimate.Upper);
                covered[k] += estimate.Lower <= truths[k].Truth && truths[k].Truth <= estimate.Upper ? 1 : 0;
            }
        }

        double tolerance = CoverageSigmas * Math.Sqrt(Level * (1 - Level) / Replicates);
        output.WriteLine($"coverage of {Replicates} intervals: " + string.Join(", ", truths.Select((t, k) => $"{t.Component.Letter()} {(double)covered[k] / Replicates:F3}")) + $" (accepted {Level - tolerance:F3}-{Level + tolerance:F3})");
        for (int k = 0; k < truths.Length; k++)
        {
            Assert.InRange((double)covered[k] / Replicates, Level - tolerance, Level + tolerance);
        }
    }

    [Fact]
    public void ProfileInterval_OfAnInteriorEstimateInALargeSample_AgreesWithTheWaldInterval()
    {
        TwinPairs data = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 500, DizygoticPairs = 500 }, seed: 8);
        TwinFit fit = TwinModels.Fit(data, TwinModel.Ace);
        VarianceEstimate a = fit[VarianceComponent.Additive]!;

        // The Wald interval from the standard error and the profile interval agree to first order for an interior
        // estimate of a large sample: each end within a quarter of a standard error.
        Assert.Equal(a.Proportion - 1.96 * a.StandardError, a.Lower, a.StandardError / 4);
        Assert.Equal(a.Proportion + 1.96 * a.StandardError, a.Upper, a.StandardError / 4);
    }
}
