using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Heritability;

public sealed class TwinCorrelationsTests
{
    [Fact]
    public void ByZygosity_WithoutAgeing_MatchesTheClosedForms()
    {
        // rMZ = (A + C)/V = 0.7 and rDZ = (A/2 + C)/V = 0.45; the Fisher-z standard error of each is about
        // (1 − r²)/√(n − 3/2).
        var spec = new TwinSampleSpec { MonozygoticPairs = 3000, DizygoticPairs = 3000, Female = new(0.5, 0.2, 0.3) };
        IReadOnlyList<TwinCorrelation> correlations = TwinCorrelations.ByZygosity(TwinSamples.Generate(spec, seed: 21));

        Assert.Equal([Zygosity.Monozygotic, Zygosity.DizygoticSameSex], correlations.Select(c => c.Zygosity));
        foreach ((TwinCorrelation r, double truth) in correlations.Zip([0.7, 0.45]))
        {
            double error = (1 - truth * truth) / Math.Sqrt(r.Pairs - 1.5);
            Assert.Equal(truth, r.Correlation, MonteCarlo.Sigmas * error);
            Assert.InRange(r.Correlation, r.Lower, r.Upper);
            Assert.Equal(2 * 1.96 * error, r.Upper - r.Lower, 0.1 * error);
        }

        FalconerEstimate falconer = TwinCorrelations.Falconer(correlations)!;
        Assert.Equal(1, falconer.A + falconer.C + falconer.E, 1e-12);
    }

    [Fact]
    public void Falconer_FitsaGripCorrelations_GivesThePublishedDerivation()
    {
        // physiology.md §5: Tiainen 2004 grip rMZ 0.435, rDZ 0.345 give h² ≈ 0.18, c² ≈ 0.26, e² ≈ 0.57.
        FalconerEstimate estimate = TwinCorrelations.Falconer(0.435, 0.345);

        Assert.Equal(0.18, estimate.A, 1e-12);
        Assert.Equal(0.255, estimate.C, 1e-12);
        Assert.Equal(0.565, estimate.E, 1e-12);
    }

    [Fact]
    public void Falconer_CorrelationOutOfRange_NamesIt()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => TwinCorrelations.Falconer(1.2, 0.3));

        Assert.StartsWith("monozygotic correlation 1.2 is not allowed; expected a number in [-1, 1].", e.Message);
    }
}
