using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Heritability;

public sealed class SnpAssociationTests
{
    // Replicates of the power check; the binomial standard error of the rejection rate is at most √(0.25/400) = 0.025.
    private const int Replicates = 400;

    [Fact]
    public void BySubgroup_AnEffectInWomenOnly_IsFoundInWomenAndNotInMen()
    {
        var spec = new TwinSampleSpec { MonozygoticPairs = 2000, DizygoticPairs = 2000, SnpEffect = 0.3, SnpInWomenOnly = true, MaleDifference = 5 };
        TwinPairs data = TwinSamples.Generate(spec, seed: 31);

        IReadOnlyList<SnpAssociationResult> results = SnpAssociation.BySubgroup(data, TwinSamples.Snp, new TwinGrouping { BySex = true });

        SnpAssociationResult women = results.Single(r => r.Subgroup == "Female"), men = results.Single(r => r.Subgroup == "Male");
        Assert.Equal(0.3, women.Effect, MonteCarlo.Sigmas * women.StandardError);
        Assert.True(women.P < 1e-6, women.ToString());
        Assert.Equal(0, men.Effect, MonteCarlo.Sigmas * men.StandardError);
        Assert.Equal(0.4, women.AlleleFrequency, 0.03);
        Assert.Equal(2 * women.Pairs, women.Individuals);
    }

    [Fact]
    public void Test_ClusterRobustError_MatchesTheSpreadOfEstimatesOverSamples_WhereTheNaiveOneWouldNot()
    {
        // Monozygotic twins share genotype and most of the trait, so both twins of a pair add little information: the
        // cluster-robust error must match the Monte Carlo standard deviation of the estimates.
        var spec = new TwinSampleSpec { MonozygoticPairs = 400, DizygoticPairs = 0, Female = new(0.6, 0.2, 0.2), SnpEffect = 0.2 };
        var estimates = new List<double>();
        var errors = new List<double>();
        for (int seed = 0; seed < Replicates; seed++)
        {
            SnpAssociationResult result = SnpAssociation.Test(TwinSamples.Generate(spec, 500 + seed), TwinSamples.Snp);
            estimates.Add(result.Effect);
            errors.Add(result.StandardError);
        }

        (double mean, double sd) = MonteCarlo.MeanSd(estimates);
        double typical = errors.Average();
        Assert.Equal(0.2, mean, MonteCarlo.Sigmas * MonteCarlo.MeanError(sd, Replicates));
        Assert.Equal(sd, typical, MonteCarlo.Sigmas * MonteCarlo.SdError(sd, Replicates));
    }

    [Fact]
    public void Power_AgreesWithTheRejectionRateOverSimulatedSamples()
    {
        // One twin per pair: independent individuals, as the power formula assumes. Effect 0.15 SD per allele at
        // q = 0.4 in 300 people: power about 0.5, where the rate is least certain and most informative.
        var spec = new TwinSampleSpec { MonozygoticPairs = 150, DizygoticPairs = 150, Female = new(0.5, 0.2, 0.3), SnpEffect = 0.15 };
        double power = SnpAssociation.Power(0.15, 0.4, 300);
        int rejections = 0;
        for (int seed = 0; seed < Replicates; seed++)
        {
            rejections += SnpAssociation.Test(TwinSamples.Generate(spec, 900 + seed), TwinSamples.Snp, sample: AssociationSample.FirstTwin).P < 0.05 ? 1 : 0;
        }

        Assert.InRange(power, 0.4, 0.7);
        double rate = (double)rejections / Replicates;
        Assert.Equal(power, rate, MonteCarlo.Sigmas * Math.Sqrt(power * (1 - power) / Replicates));
    }

    [Fact]
    public void RequiredIndividuals_ReachesThePowerItWasAskedFor()
    {
        double n = SnpAssociation.RequiredIndividuals(0.1, 0.3, power: 0.8, alpha: 5e-8);

        Assert.InRange(SnpAssociation.Power(0.1, 0.3, n, 5e-8), 0.8, 0.8005);
        Assert.True(SnpAssociation.Power(0.1, 0.3, n - 1, 5e-8) < 0.8);
        Assert.Equal(2 * 1000 / 1.25, SnpAssociation.EffectiveIndividuals(1000, 0.5, 0.5), 1e-9);
    }

    [Fact]
    public void Test_MonomorphicSnp_SaysWhy()
    {
        var spec = new TwinSampleSpec { MonozygoticPairs = 20, DizygoticPairs = 20, AlleleFrequency = 1e-9 };

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SnpAssociation.Test(TwinSamples.Generate(spec, 1), TwinSamples.Snp));

        Assert.Equal("all: every individual has the same genotype of rs1815739, so its effect cannot be estimated.", e.Message);
    }
}
