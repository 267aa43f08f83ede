using Sarcopenia.Sim.ReferenceData;

namespace Sarcopenia.Sim.Tests.ReferenceData;

/// <summary>The shipped international grip norms are the fact sheet's table (physiology §3), internally consistent.</summary>
public sealed class GripNormsTests
{
    [Fact]
    public void International_HasEightBandsPerSexWithOrderedCentiles()
    {
        IReadOnlyList<GripCentiles> t = GripNorms.International;
        Assert.Equal(16, t.Count);
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            GripCentiles[] bands = [.. t.Where(b => b.Sex == sex).OrderBy(b => b.FromAge)];
            Assert.Equal([20, 30, 40, 50, 60, 70, 80, 90], bands.Select(b => b.FromAge));
            Assert.All(bands, b => Assert.Equal(b.FromAge + 4, b.ToAge));
            Assert.All(bands, b => Assert.True(b.P10 < b.P50 && b.P50 < b.P90));

            // Medians peak at 30–34 and fall in every later band.
            for (int i = 2; i < bands.Length; i++)
            {
                Assert.True(bands[i].P50 < bands[i - 1].P50);
            }
        }

        // Men are stronger than women in every band and centile.
        foreach (GripCentiles m in t.Where(b => b.Sex == Sex.Male))
        {
            GripCentiles f = t.Single(b => b.Sex == Sex.Female && b.FromAge == m.FromAge);
            Assert.True(m.P10 > f.P10 && m.P50 > f.P50 && m.P90 > f.P90);
        }
    }

    [Theory]
    [InlineData(30, Sex.Male, 38.3, 49.7, 61.5)]
    [InlineData(70, Sex.Male, 25.2, 37.7, 50.6)]
    [InlineData(90, Sex.Male, 16.1, 26.3, 38.1)]
    [InlineData(30, Sex.Female, 21.8, 29.7, 38.0)]
    [InlineData(80, Sex.Female, 12.9, 20.4, 28.0)]
    public void International_MatchesTheFactSheetTranscription(int fromAge, Sex sex, double p10, double p50, double p90)
    {
        GripCentiles b = GripNorms.International.Single(x => x.FromAge == fromAge && x.Sex == sex);
        Assert.Equal((p10, p50, p90), (b.P10, b.P50, b.P90));
        Assert.Equal(fromAge + 2, b.MidAge);
        Assert.Contains("Tomkinson", GripNorms.InternationalSource);
    }
}
