using Sarcopenia.Sim.Heritability;
using Xunit.Abstractions;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Heritability;

public sealed class TwinModelsTests(ITestOutputHelper output)
{
    private static readonly TwinFitOptions s_commonMean = new() { Means = MeanModel.Common };

    [Fact]
    public void Fit_BalancedDataWithACommonMean_EqualsTheClosedFormSolution()
    {
        // Each zygosity group is centered on one mean and scaled to one total variance, so the sample moments satisfy
        // the ACE model's constraint (equal variances of MZ and DZ twins, a common mean). The ML estimates of the
        // groups' covariance matrices are then the sample moments (divisor n), and A, C, E follow from them in closed
        // form; the issue asks for agreement within 0.01 with a standard ML fit.
        TwinPairs raw = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 2000, DizygoticPairs = 2000 }, seed: 12);
        (TwinPairs balanced, double covarianceMz, double covarianceDz) = Balance(raw, mean: 10, variance: 1);
        double a = 2 * (covarianceMz - covarianceDz), c = 2 * covarianceDz - covarianceMz, e = 1 - covarianceMz;
        Assert.True(a > 0.1 && c > 0.05 && e > 0.1, $"the solution must be interior: a {a}, c {c}, e {e}");

        TwinFit fit = TwinModels.Fit(balanced, TwinModel.Ace, s_commonMean with { Intervals = false });

        output.WriteLine($"closed form a {a:F6} c {c:F6} e {e:F6}; ML a {fit.Proportion(VarianceComponent.Additive):F6} c {fit.Proportion(VarianceComponent.SharedEnvironment):F6} e {fit.Proportion(VarianceComponent.UniqueEnvironment):F6}");
        Assert.Equal(a, fit.Proportion(VarianceComponent.Additive), 0.001);
        Assert.Equal(c, fit.Proportion(VarianceComponent.SharedEnvironment), 0.001);
        Assert.Equal(e, fit.Proportion(VarianceComponent.UniqueEnvironment), 0.001);
        Assert.Equal(1, fit.TotalVariance, 0.001);
        Assert.Equal(10, fit.Means[0].Value, 1e-6);
    }

    [Fact]
    public void MinusTwoLogLikelihood_FromSufficientStatistics_EqualsTheSumOverPairs()
    {
        // A second implementation of the likelihood, pair by pair, at the estimates of a fit whose mean depends on sex
        // and age: the sums of cross-products must give the same −2 log L.
        TwinSampleSpec spec = new() { MonozygoticPairs = 400, DizygoticPairs = 500, OppositeSexShare = 0.4, MaleDifference = 3, AgeSlope = -0.1 };
        TwinPairs data = TwinSamples.Generate(spec, seed: 3);

        TwinFit fit = TwinModels.Fit(data, TwinModel.Ace, new TwinFitOptions { Means = MeanModel.SexAndAge, Intervals = false });

        double[] v = [.. fit.Estimates.Select(x => x.Variance)];
        double total = v.Sum(), meanAge = data.Age.Average();
        double Mean(Sex sex, double age) => fit.Means[0].Value + (sex == Sex.Male ? fit.Means[1].Value : 0) + fit.Means[2].Value * (age - meanAge);
        double sum = 0;
        TwinColumn<double> trait = data.Trait(null);
        for (int i = 0; i < data.Count; i++)
        {
            double covariance = data.Zygosity[i] == Zygosity.Monozygotic ? v[0] + v[1] : 0.5 * v[0] + v[1];
            double r1 = trait.Twin1[i] - Mean(data.Sex1[i], data.Age[i]), r2 = trait.Twin2[i] - Mean(data.Sex2[i], data.Age[i]);
            double determinant = total * total - covariance * covariance;
            sum += 2 * Math.Log(2 * Math.PI) + Math.Log(determinant) + (total * r1 * r1 - 2 * covariance * r1 * r2 + total * r2 * r2) / determinant;
        }

        Assert.Equal(["intercept", "male", "age"], fit.Means.Select(m => m.Term));
        Assert.Equal(sum, fit.MinusTwoLogLikelihood, sum * 1e-12);
        Assert.Equal(3 + 3, fit.Parameters);
    }

    [Theory]
    [InlineData(300, 1)]
    [InlineData(1000, 2)]
    [InlineData(5000, 3)]
    public void Fit_DataWithKnownComponents_RecoversThemWithinThreeStandardErrors(int pairsPerZygosity, int seed)
    {
        TwinSampleSpec spec = new() { MonozygoticPairs = pairsPerZygosity, DizygoticPairs = pairsPerZygosity, Female = new(2, 0.8, 1.2), MaleDifference = 4 };
        TwinPairs data = TwinSamples.Generate(spec, seed);

        TwinFit fit = TwinModels.Fit(data, TwinModel.Ace, TwinFitOptions.Default with { Intervals = false });

        foreach ((VarianceComponent component, double truth) in new[] { (VarianceComponent.Additive, 0.5), (VarianceComponent.SharedEnvironment, 0.2), (VarianceComponent.UniqueEnvironment, 0.3) })
        {
            VarianceEstimate estimate = fit[component]!;
            output.WriteLine($"{pairsPerZygosity} pairs per zygosity: {component.Letter()} {estimate.Proportion:F4} (SE {estimate.StandardError:F4}), truth {truth}");
            Assert.True(double.IsFinite(estimate.StandardError) && estimate.StandardError > 0, $"{component}: SE {estimate.StandardError}");
            Assert.True(Math.Abs(estimate.Proportion - truth) <= 3 * estimate.StandardError,
                $"{component}: {estimate.Proportion:F4} is more than 3 SE ({estimate.StandardError:F4}) from {truth}");
        }

        // The standard error shrinks as 1/√n.
        Assert.InRange(fit[VarianceComponent.Additive]!.StandardError * Math.Sqrt(pairsPerZygosity), 1.5, 4.5);
    }

    private static (TwinPairs Data, double CovarianceMz, double CovarianceDz) Balance(TwinPairs data, double mean, double variance)
    {
        TwinColumn<double> trait = data.Trait(null);
        double[] y1 = [.. trait.Twin1], y2 = [.. trait.Twin2];
        double[] covariances = new double[2];
        foreach (bool mz in new[] { true, false })
        {
            int[] rows = [.. Enumerable.Range(0, data.Count).Where(r => (data.Zygosity[r] == Zygosity.Monozygotic) == mz)];
            double groupMean = rows.Sum(r => y1[r] + y2[r]) / (2.0 * rows.Length);
            double scale = Math.Sqrt(variance / (rows.Sum(r => Math.Pow(y1[r] - groupMean, 2) + Math.Pow(y2[r] - groupMean, 2)) / (2.0 * rows.Length)));
            foreach (int r in rows)
            {
                y1[r] = (y1[r] - groupMean) * scale;
                y2[r] = (y2[r] - groupMean) * scale;
            }

            covariances[mz ? 0 : 1] = rows.Sum(r => y1[r] * y2[r]) / rows.Length;
            foreach (int r in rows)
            {
                y1[r] += mean;
                y2[r] += mean;
            }
        }

        var balanced = new TwinPairs(data.Zygosity, data.Sex1, data.Sex2, data.Age, data.Ancestry, [new TwinColumn<double>(trait.Name, y1, y2)], []);
        return (balanced, covariances[0], covariances[1]);
    }
}
