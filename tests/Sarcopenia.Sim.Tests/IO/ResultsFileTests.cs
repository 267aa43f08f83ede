using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class ResultsFileTests
{
    private static readonly CohortSpec s_cohort = new(People: 3000) { StartAge = 60, EndAge = 90, Ancestry = AncestryMix.UnitedStates2020 };

    private static readonly RunOptions s_options = new() { Statistics = TraitSet.All, Histograms = TraitSet.Grip | TraitSet.Asmi, ChunkSize = 512 };

    [Fact]
    public void WriteThenRead_GivesTheSameTablesAndAnswers()
    {
        SimulationResult result = Simulation.Run(Presets.Evidence, s_cohort, seed: 5, s_options);

        SimulationResult back = RoundTrip(result);

        Assert.True(result.TablesEqual(back));
        Assert.Equal(result.People, back.People);
        Assert.Equal(result.Seed, back.Seed);
        Assert.Equal(result.Statistics, back.Statistics);
        Assert.Equal(result.Histograms, back.Histograms);
        Assert.Equal(result.Prevalence(70, 80, Sex.Female, Stage.Sarcopenia), back.Prevalence(70, 80, Sex.Female, Stage.Sarcopenia));
        Assert.Equal(result.Summary(Trait.Gait, 85, Sex.Male, Ancestry.African), back.Summary(Trait.Gait, 85, Sex.Male, Ancestry.African));
        Assert.Equal(result.Centile(Trait.Grip, 75, 10), back.Centile(Trait.Grip, 75, 10));
        Assert.Equal(ScenarioFile.Serialize(new Scenario { Model = result.Model }), ScenarioFile.Serialize(new Scenario { Model = back.Model }));
    }

    [Fact]
    public void WriteThenRead_KeepsARunWithoutStandardDeviations()
    {
        SimulationResult result = Simulation.Run(Presets.Evidence, s_cohort, seed: 5, s_options with { StandardDeviations = false });

        SimulationResult back = RoundTrip(result);

        Assert.True(result.TablesEqual(back));
        Assert.False(back.Options.StandardDeviations);
        TraitSummary summary = back.Summary(Trait.Grip, 75);
        Assert.Equal(result.Summary(Trait.Grip, 75).Mean, summary.Mean);
        Assert.True(double.IsNaN(summary.Sd));
    }

    [Fact]
    public void ReadShards_AddsUpToTheUnshardedRun()
    {
        SimulationResult whole = Simulation.Run(Presets.Evidence, s_cohort, seed: 9, s_options);
        string folder = Directory.CreateTempSubdirectory("sarcosim-shards-").FullName;
        try
        {
            var paths = new List<string>();
            for (int shard = 0; shard < 3; shard++)
            {
                SimulationResult part = Simulation.Run(Presets.Evidence, s_cohort, seed: 9, s_options with { ShardIndex = shard, ShardCount = 3 });
                string path = Path.Combine(folder, $"shard-{shard}.json");
                ResultsFile.Write(part, path);
                paths.Add(path);
            }

            SimulationResult merged = ResultsFile.ReadShards(paths);

            Assert.True(whole.TablesEqual(merged));
            Assert.Equal(whole.People, merged.People);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Read_OtherFormatVersion_IsRefused()
    {
        using var stream = new MemoryStream("""{ "format": "sarcosim-results", "formatVersion": 99 }"""u8.ToArray());

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(stream, "old.json"));

        Assert.Contains($"format version {ResultsFile.FormatVersion}", error.Message);
        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public void Read_TruncatedTables_AreRefused()
    {
        SimulationResult result = Simulation.Run(Presets.Evidence, s_cohort with { People = 200 }, seed: 1, s_options);
        using var buffer = new MemoryStream();
        ResultsFile.Write(result, buffer);
        string text = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Replace("\"deaths\":[", "\"deaths\":[1,", StringComparison.Ordinal);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "bad.json"));

        Assert.Contains("deaths has", error.Message);
    }

    private static SimulationResult RoundTrip(SimulationResult result)
    {
        using var buffer = new MemoryStream();
        ResultsFile.Write(result, buffer);
        buffer.Position = 0;
        return ResultsFile.Read(buffer);
    }
}
