using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Heritability;

public sealed class TwinModelComparisonTests
{
    private static readonly TwinModel[] s_all = TwinModelInfo.All.ToArray();

    [Fact]
    public void FitAll_NoSharedEnvironment_KeepsAEAndRejectsCE()
    {
        // With no C, about half of all samples have a DZ correlation below half the MZ one, and then ACE's C estimate
        // sits on the boundary: take the first seed that draws such a sample.
        var spec = new TwinSampleSpec { MonozygoticPairs = 800, DizygoticPairs = 800, Female = new(0.6, 0, 0.4) };
        TwinPairs data = Enumerable.Range(0, 20).Select(seed => TwinSamples.Generate(spec, seed)).First(pairs =>
        {
            IReadOnlyList<TwinCorrelation> r = TwinCorrelations.ByZygosity(pairs);
            return 2 * r[1].Correlation < r[0].Correlation;
        });

        TwinModelTable table = TwinModels.FitAll(data, s_all);

        TwinFit ace = table[TwinModel.Ace]!;
        VarianceEstimate c = ace[VarianceComponent.SharedEnvironment]!;
        Assert.True(c.Proportion < 1e-6, $"c² {c.Proportion}");
        Assert.True(double.IsNaN(c.StandardError));
        Assert.Equal(0, c.Lower);
        Assert.InRange(c.Upper, 0.01, 0.3);

        // AE is ACE at its boundary: the same likelihood, one parameter fewer, so the lower AIC and p = 1.
        TwinFit ae = table[TwinModel.Ae]!;
        Assert.Equal(ace.MinusTwoLogLikelihood, ae.MinusTwoLogLikelihood, 1e-5);
        Assert.Equal(ace.Proportion(VarianceComponent.Additive), ae.Proportion(VarianceComponent.Additive), 1e-4);
        ModelComparison aeVsAce = table.Comparisons.Single(x => x.Model == TwinModel.Ae && x.Against == TwinModel.Ace);
        Assert.True(aeVsAce.Test.P > 0.99 && aeVsAce.Test.BoundaryP > 0.99, aeVsAce.ToString());
        Assert.Equal(1, aeVsAce.Test.DegreesOfFreedom);

        ModelComparison ceVsAce = table.Comparisons.Single(x => x.Model == TwinModel.Ce && x.Against == TwinModel.Ace);
        Assert.True(ceVsAce.Test.BoundaryP < 1e-6, ceVsAce.ToString());
        Assert.Equal(ceVsAce.Test.P / 2, ceVsAce.Test.BoundaryP, 1e-12);
        Assert.Contains(table.Best.Model, new[] { TwinModel.Ae, TwinModel.Ade });

        // Every nested pair is compared, and only those: ACE and ADE are not nested in each other.
        Assert.Equal(7, table.Comparisons.Count);
        Assert.DoesNotContain(table.Comparisons, x => x.Model is TwinModel.Ace or TwinModel.Ade);
        Assert.Equal(2, table.Comparisons.Single(x => x.Model == TwinModel.E && x.Against == TwinModel.Ace).Test.DegreesOfFreedom);
    }

    [Fact]
    public void FitAll_ADominanceComponent_IsRecoveredByADE()
    {
        // rMZ = 0.7 against rDZ = 0.5·0.3 + 0.25·0.4 = 0.25: far below half of rMZ, which only dominance explains.
        var spec = new TwinSampleSpec { MonozygoticPairs = 4000, DizygoticPairs = 4000, Female = new(0.3, 0, 0.3, D: 0.4) };
        TwinPairs data = TwinSamples.Generate(spec, seed: 5);

        TwinModelTable table = TwinModels.FitAll(data, [TwinModel.Ade, TwinModel.Ae], TwinFitOptions.Default with { Intervals = false });

        TwinFit ade = table[TwinModel.Ade]!;
        foreach ((VarianceComponent component, double truth) in new[] { (VarianceComponent.Additive, 0.3), (VarianceComponent.Dominance, 0.4), (VarianceComponent.UniqueEnvironment, 0.3) })
        {
            VarianceEstimate estimate = ade[component]!;
            Assert.True(Math.Abs(estimate.Proportion - truth) <= 3 * estimate.StandardError, $"{component}: {estimate.Proportion} vs {truth} (SE {estimate.StandardError})");
        }

        Assert.True(table.Comparisons.Single().Test.BoundaryP < 1e-3);
        Assert.Equal(TwinModel.Ade, table.Best.Model);
    }

    [Fact]
    public void SexLimitation_DifferentComponentsBySex_IsDetected_AndEqualOnesAreNot()
    {
        var different = new TwinSampleSpec { MonozygoticPairs = 2000, DizygoticPairs = 2000, OppositeSexShare = 0.3, Female = new(0.3, 0.3, 0.4), Male = new(0.6, 0.1, 0.3), MaleDifference = 5 };
        var equal = different with { Male = null };

        SexLimitationTest detected = TwinModels.SexLimitation(TwinSamples.Generate(different, seed: 6), TwinModel.Ace, TwinFitOptions.Default with { Intervals = false });
        SexLimitationTest notDetected = TwinModels.SexLimitation(TwinSamples.Generate(equal, seed: 6), TwinModel.Ace, TwinFitOptions.Default with { Intervals = false });

        Assert.True(detected.Test.P < 1e-6, detected.Test.ToString());
        Assert.Equal(3, detected.Test.DegreesOfFreedom);
        (double A, double C, double E)[] truths = [(0.3, 0.3, 0.4), (0.6, 0.1, 0.3)];
        foreach ((IReadOnlyList<VarianceEstimate> estimates, (double A, double C, double E) truth) in new[] { detected.Female, detected.Male }.Zip(truths))
        {
            Assert.All(estimates.Zip(new[] { truth.A, truth.C, truth.E }), x =>
                Assert.True(Math.Abs(x.First.Proportion - x.Second) <= 3 * x.First.StandardError, $"{x.First} vs {x.Second}"));
        }

        // Under no sex difference the statistic is χ²₃: a fixed seed gives one draw of it, well inside its bulk.
        Assert.True(notDetected.Test.P > 0.01, notDetected.Test.ToString());
    }

    [Fact]
    public void Fit_TooFewPairs_NamesTheCounts()
    {
        TwinPairs data = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 9, DizygoticPairs = 50 }, seed: 1);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => TwinModels.Fit(data, TwinModel.Ace));

        Assert.Equal("grip: 9 monozygotic and 50 dizygotic pairs are too few; twin models need at least 10 pairs of each zygosity.", e.Message);
    }

    [Fact]
    public void Compare_ModelsThatAreNotNested_IsRefused()
    {
        TwinPairs data = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 100, DizygoticPairs = 100 }, seed: 1);
        TwinModelTable table = TwinModels.FitAll(data, [TwinModel.Ace, TwinModel.Ade], TwinFitOptions.Default with { Intervals = false });

        ArgumentException e = Assert.Throws<ArgumentException>(() => TwinModels.Compare(table[TwinModel.Ade]!, table[TwinModel.Ace]!));

        Assert.StartsWith("ADE is not nested in ACE", e.Message);
    }

    [Theory]
    [InlineData("ace", TwinModel.Ace)]
    [InlineData(" AE ", TwinModel.Ae)]
    [InlineData("E", TwinModel.E)]
    public void Parse_KnownNames_GivesTheModel(string name, TwinModel expected) => Assert.Equal(expected, TwinModelInfo.Parse(name));

    [Fact]
    public void Parse_UnknownName_ListsTheModels()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => TwinModelInfo.Parse("ACDE"));

        Assert.StartsWith("Twin model 'ACDE' is not allowed; expected one of ACE, ADE, AE, CE, E.", e.Message);
    }
}
