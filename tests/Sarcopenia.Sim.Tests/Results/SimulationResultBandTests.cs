using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.Results;

/// <summary>Age-band histograms and centiles pool the single-age tables.</summary>
public sealed class SimulationResultBandTests
{
    private static readonly Lazy<SimulationResult> s_result = new(() => Simulation.Run(
        Presets.Evidence,
        new CohortSpec(5_000) { Ancestry = AncestryMix.UnitedStates2020 },
        seed: 11,
        new RunOptions { Histograms = TraitSet.Grip | TraitSet.LossRate }));

    [Fact]
    public void BandHistogram_IsTheSumOfSingleAgeHistograms()
    {
        SimulationResult r = s_result.Value;
        (double low, double width, long[] band) = r.Histogram(Trait.Grip, 70, 79, Sex.Female);
        var sum = new long[band.Length];
        for (int age = 70; age <= 79; age++)
        {
            (double l, double w, long[] counts) = r.Histogram(Trait.Grip, age, Sex.Female);
            Assert.Equal(low, l);
            Assert.Equal(width, w);
            for (int b = 0; b < counts.Length; b++)
            {
                sum[b] += counts[b];
            }
        }

        Assert.Equal(sum, band);
        Assert.Equal(r.Alive(70, 79, Sex.Female), band.Sum());
    }

    [Fact]
    public void BandCentile_OfOneAge_IsTheSingleAgeCentile_AndPoolsBetweenTheExtremes()
    {
        SimulationResult r = s_result.Value;
        foreach (double percent in new[] { 5.0, 50, 95 })
        {
            Assert.Equal(r.Centile(Trait.Grip, 75, percent), r.Centile(Trait.Grip, 75, 75, percent));

            // A pooled centile cannot lie outside the range of the single-age centiles it pools.
            double[] single = [.. Enumerable.Range(70, 10).Select(a => r.Centile(Trait.Grip, a, percent))];
            Assert.InRange(r.Centile(Trait.Grip, 70, 79, percent), single.Min(), single.Max());
        }
    }

    [Fact]
    public void LossRateCentiles_BeforeOnset_AreZeroToWithinHalfABin()
    {
        // Evidence applies no loss before 50: every loss is exactly zero. The first bin, [-0.05, 0.05) %/yr, is centred
        // on zero, so the median reads 0 and no centile strays more than half a bin (0.05 %/yr) from it.
        SimulationResult r = s_result.Value;
        Assert.Equal(0, r.Centile(Trait.LossRate, 31, 49, 50), 9);
        Assert.InRange(r.Centile(Trait.LossRate, 31, 49, 95), 0, 0.05);
        Assert.Equal(0, r.Centile(Trait.LossRate, 31, 49, 5));
    }
}
