using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Heritability;

public sealed class TwinSubsetsTests
{
    [Fact]
    public void Split_BySexAndAgeBand_HoldsSameSexPairsOfEachBand()
    {
        TwinPairs data = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 300, DizygoticPairs = 300, OppositeSexShare = 0.5 }, seed: 2);

        IReadOnlyList<TwinSubset> subsets = TwinSubsets.Split(data, new TwinGrouping { BySex = true, AgeBandEdges = [40, 60, 80] });

        Assert.Equal(["Female, age 40-60", "Female, age 60-80", "Female, age 80+", "Male, age 40-60", "Male, age 60-80", "Male, age 80+"], subsets.Select(s => s.Label));
        Assert.Equal(data.Count - data.CountOf(Zygosity.DizygoticOppositeSex), subsets.Sum(s => s.Pairs.Count));
        foreach (TwinSubset subset in subsets)
        {
            Assert.All(Enumerable.Range(0, subset.Pairs.Count), r =>
            {
                Assert.Equal(subset.Sex, subset.Pairs.Sex1[r]);
                Assert.Equal(subset.Sex, subset.Pairs.Sex2[r]);
                Assert.InRange(subset.Pairs.Age[r], subset.AgeLow!.Value, subset.AgeHigh ?? double.MaxValue);
            });
        }
    }

    [Fact]
    public void Split_EdgesNotAscending_NamesThem()
    {
        TwinPairs data = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 10, DizygoticPairs = 10 }, seed: 2);

        ArgumentException e = Assert.Throws<ArgumentException>(() => TwinSubsets.Split(data, new TwinGrouping { AgeBandEdges = [60, 40] }));

        Assert.StartsWith("Age band edges 60,40 are not allowed; expected finite ages in strictly ascending order, e.g. 40,60,80.", e.Message);
    }

    [Fact]
    public void TwinPairs_SexesThatContradictTheZygosity_AreRefusedNamingThePair()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new TwinPairs(
            [Zygosity.Monozygotic], [Sex.Female], [Sex.Male], [60], [Ancestry.European], [new TwinColumn<double>("grip", [30.0], [31.0])], []));

        Assert.StartsWith("Pair 0: a Monozygotic pair of a Female and a Male twin is not allowed; expected opposite-sex twins to be DizygoticOppositeSex.", e.Message);
    }
}
