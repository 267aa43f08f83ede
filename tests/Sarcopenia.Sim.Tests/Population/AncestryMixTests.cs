using Sarcopenia.Sim.Population;

namespace Sarcopenia.Sim.Tests.Population;

/// <summary>Shipped ancestry mixes, lookup by name, and the cumulative thresholds used to draw ancestry.</summary>
public sealed class AncestryMixTests
{
    [Theory]
    [InlineData("european", "European")]
    [InlineData("UNITEDSTATES2020", "UnitedStates2020")]
    [InlineData("EastAsian", "EastAsian")]
    [InlineData("african", "African")]
    [InlineData("HispanicLatino", "HispanicLatino")]
    public void Get_FindsShippedMixesAndSingleAncestries(string query, string expected) =>
        Assert.Equal(expected, AncestryMix.Get(query).Name);

    [Theory]
    [InlineData("Martian")]
    [InlineData("")]
    [InlineData("7")]
    public void Get_UnknownName_ThrowsListingTheAllowedNames(string query)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => AncestryMix.Get(query));
        Assert.Contains("UnitedStates2020", e.Message);
        Assert.All(Enum.GetNames<Ancestry>(), n => Assert.Contains(n, e.Message));
    }

    [Fact]
    public void CumulativeThresholds_RiseToOneAndSkipEmptyGroups()
    {
        float[] t = AncestryMix.UnitedStates2020.CumulativeThresholds();
        Assert.Equal(5, t.Length);
        Assert.Equal(1f, t[^1]);
        for (int k = 1; k < t.Length; k++)
        {
            Assert.True(t[k] > t[k - 1]);
        }

        Assert.Equal(0.63f, t[0], 1e-6f);

        // A single ancestry: every uniform in (0, 1) lands in that group.
        float[] single = AncestryMix.Single(Ancestry.African).CumulativeThresholds();
        Assert.Equal([0f, 0f, 1f, 1f, 1f], single);
    }

    [Fact]
    public void Mixes_AreEqualByValue()
    {
        // AncestryMix is a record: two mixes with the same name and weights are equal (and hash alike), however they
        // were built. CohortSpec equality, and so SimulationResult.Merge, rely on it.
        Assert.Equal(AncestryMix.Get("African"), AncestryMix.Get("African"));
        Assert.Equal(AncestryMix.Single(Ancestry.EastAsian).GetHashCode(), AncestryMix.Single(Ancestry.EastAsian).GetHashCode());
        Assert.Equal(new CohortSpec(10) { Ancestry = AncestryMix.Single(Ancestry.African) }, new CohortSpec(10) { Ancestry = AncestryMix.Single(Ancestry.African) });
        Assert.NotEqual(AncestryMix.Single(Ancestry.African), AncestryMix.Single(Ancestry.European));
    }

    [Fact]
    public void UnitedStates2020_WeightsSumToOne()
    {
        Assert.Equal(1.0, AncestryMix.UnitedStates2020.Weights.Sum(), 1e-9);
        Assert.All(AncestryMix.All, m => Assert.Equal(AncestryMix.AncestryCount, m.Weights.Length));
    }
}
