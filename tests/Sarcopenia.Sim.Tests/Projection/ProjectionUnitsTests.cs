using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Projection;

namespace Sarcopenia.Sim.Tests.Projection;

/// <summary>
/// Replicates as work units: ranges of replicates run apart are the single run's replicates bit for bit (with parameter
/// draws too); the projection hash tells projections apart; the partial file reads back exactly and refuses tampering.
/// </summary>
public sealed class ProjectionUnitsTests
{
    private const int Replicates = 4;

    private static readonly ParameterDistribution s_rate = new("model.massLoss.medianRate.female", DistributionKind.LogNormal, 0.01, 0.2);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RunRange_UnitsTogether_AreTheSingleRunBitForBit(int units)
    {
        MicrosimSetup setup = MicrosimProjectionTests.Setup(horizon: 2023);
        ReplicateDraws draws = ParameterDraws.Draw(setup.Scenario, [s_rate], Replicates);
        ProjectionRuns single = ProjectionRuns.Run(setup, Replicates, draws);

        // Units run in reverse order and each with only the draws it needs, as separate processes would.
        MicrosimResult[] parts = [.. Enumerable.Range(0, units).Reverse()
            .SelectMany(k =>
            {
                ReplicateRange range = ReplicateRange.OfUnit(Replicates, k, units);
                return ProjectionRuns.RunRange(setup, range, ParameterDraws.Draw(setup.Scenario, [s_rate], range.End), new RunOptions { Threads = 1, ChunkSize = 1000 });
            })
            .OrderBy(r => r.Replicate)];
        ProjectionRuns merged = ProjectionRuns.FromReplicates(parts, draws);

        Assert.Equal(single.Replicates.Select(r => r.CountsHash()), merged.Replicates.Select(r => r.CountsHash()));
        Assert.Equal(single.Cases(2023, null, 65), merged.Cases(2023, null, 65));
    }

    [Fact]
    public void FromReplicates_RefusesAReplicateOutOfPlace()
    {
        MicrosimSetup setup = MicrosimProjectionTests.Setup(horizon: 2021);
        IReadOnlyList<MicrosimResult> two = ProjectionRuns.RunRange(setup, new ReplicateRange(0, 2));

        ArgumentException e = Assert.Throws<ArgumentException>(() => ProjectionRuns.FromReplicates([two[1], two[0]]));
        Assert.Contains("replicates[0] is replicate 1", e.Message);
    }

    [Fact]
    public void OfUnit_TilesTheReplicatesExactlyOnce()
    {
        foreach ((int replicates, int units) in ((int, int)[])[(20, 3), (7, 7), (1000, 64), (5, 1)])
        {
            ReplicateRange[] ranges = [.. Enumerable.Range(0, units).Select(k => ReplicateRange.OfUnit(replicates, k, units))];
            Assert.Equal(Enumerable.Range(0, replicates), ranges.SelectMany(r => Enumerable.Range(r.First, r.Count)));
            Assert.InRange(ranges.Max(r => r.Count) - ranges.Min(r => r.Count), 0, 1);
        }
    }

    [Fact]
    public void ProjectionHash_ChangesWithSeedScaleYearsInterventionsAndUncertainty_NotWithOptions()
    {
        MicrosimSetup setup = MicrosimProjectionTests.Setup();
        string hash = ProjectionIdentity.Hash(setup, []);

        Assert.Equal(hash, ProjectionIdentity.Hash(MicrosimProjectionTests.Setup(), []));
        Assert.NotEqual(hash, ProjectionIdentity.Hash(setup with { Scenario = setup.Scenario with { Seed = 9 } }, []));
        Assert.NotEqual(hash, ProjectionIdentity.Hash(setup with { Scale = 4999 }, []));
        Assert.NotEqual(hash, ProjectionIdentity.Hash(setup with { Horizon = 2029 }, []));
        Assert.NotEqual(hash, ProjectionIdentity.Hash(setup with { Interventions = [Interventions.VitaminD] }, []));
        Assert.NotEqual(ProjectionIdentity.Hash(setup with { Interventions = [Interventions.VitaminD] }, []), ProjectionIdentity.Hash(setup with { Interventions = [Interventions.VitaminD with { Coverage = 0.5 }] }, []));
        Assert.NotEqual(hash, ProjectionIdentity.Hash(setup, [s_rate]));
        Assert.NotEqual(ProjectionIdentity.Hash(setup, [s_rate]), ProjectionIdentity.Hash(setup, [s_rate with { B = 0.3 }]));
    }

    [Fact]
    public void PartialFile_ReadsBackExactly_AndRefusesTampering()
    {
        MicrosimSetup setup = MicrosimProjectionTests.Setup(horizon: 2021);
        IReadOnlyList<MicrosimResult> results = ProjectionRuns.RunRange(setup, new ReplicateRange(1, 2));
        var arm = new ProjectionArm("japan.json", "{}", ProjectionIdentity.Hash(setup, []), setup.Scenario.Seed, [.. results.Select(ReplicateCounts.Of)]);
        string path = Path.Combine(Path.GetTempPath(), $"sarcosim-partial-{Guid.NewGuid():N}.json");
        try
        {
            ProjectionPartialFile.Write(new ProjectionPartial("unused", 4, new ReplicateRange(1, 2), 1, 2, [arm]), path);
            ProjectionPartial read = ProjectionPartialFile.Read(path);

            Assert.Equal(new ReplicateRange(1, 2), read.Range);
            Assert.Equal(results.Select(r => r.CountsHash()), read.Arms[0].Replicates.Select(r => r.ToResult(setup).CountsHash()));

            File.WriteAllText(path, File.ReadAllText(path).Replace("\"transitions\":[", "\"transitions\":[2", StringComparison.Ordinal));
            InvalidDataException e = Assert.Throws<InvalidDataException>(() => ProjectionPartialFile.Read(path));
            Assert.Contains($"{path} is damaged", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
