using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class ResultsFileTests : IDisposable
{
    // A folder of its own for each test (xunit creates an instance per test), deleted after it.
    private readonly string _folder = Directory.CreateTempSubdirectory("sarcosim-results-").FullName;

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
        var paths = new List<string>();
        for (int shard = 0; shard < 3; shard++)
        {
            SimulationResult part = Simulation.Run(Presets.Evidence, s_cohort, seed: 9, s_options with { ShardIndex = shard, ShardCount = 3 });
            string path = Path.Combine(_folder, $"shard-{shard}.json");
            ResultsFile.Write(part, path);
            paths.Add(path);
        }

        SimulationResult merged = ResultsFile.ReadShards(paths);

        Assert.True(whole.TablesEqual(merged));
        Assert.Equal(whole.People, merged.People);
        Assert.True(merged.IsComplete);
    }

    [Fact]
    public void WriteThenRead_KeepsThePersonRangeAndRunHash()
    {
        SimulationResult shard = Simulation.Run(Presets.Evidence, s_cohort, seed: 9, s_options with { ShardIndex = 1, ShardCount = 4 });

        SimulationResult back = RoundTrip(shard);

        Assert.Equal([new PersonRange(750, 750)], back.PersonRanges);
        Assert.Equal(shard.RunHash, back.RunHash);
        Assert.False(back.IsComplete);
    }

    [Theory]
    [InlineData("a table entry", "\"deaths\":[", "\"deaths\":[1")]
    [InlineData("the person range", "\"first\":750", "\"first\":751")]
    [InlineData("the generator rounds", "\"philoxRounds\":10", "\"philoxRounds\":7")]
    [InlineData("the seed", "\"seed\":9,", "\"seed\":8,")]
    public void Read_ChangedFile_IsRefusedAsDamaged(string what, string find, string replace)
    {
        string path = WriteFile("shard-1.json", Written(Simulation.Run(Presets.Evidence, s_cohort, seed: 9, s_options with { ShardIndex = 1, ShardCount = 4 })));
        string text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, ReplaceFirst(text, find, replace));

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));

        Assert.True(error.Message.StartsWith($"{path} is damaged: ", StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Contains("changed after it was written", error.Message);
    }

    [Theory]
    [InlineData("\"elapsedSeconds\":[^,}]+", "\"elapsedSeconds\":1e300", "elapsedSeconds is 1E+300, not a duration")]
    [InlineData("\"shardIndex\":1", "\"shardIndex\":9", "shardIndex")]
    public void Read_UncheckedFieldOutOfRange_IsRefusedAndNamed(string pattern, string replacement, string expected)
    {
        // Fields outside the checksum: read like any input, and refused with the field's name.
        string path = WriteFile("shard-1.json", Written(Simulation.Run(Presets.Evidence, s_cohort, seed: 9, s_options with { ShardIndex = 1, ShardCount = 4 })));
        string text = File.ReadAllText(path);
        Assert.Matches(pattern, text);
        File.WriteAllText(path, new System.Text.RegularExpressions.Regex(pattern).Replace(text, replacement, 1));

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedFile_IsRefusedAndNamed()
    {
        string text = Written(Simulation.Run(Presets.Evidence, s_cohort with { People = 200 }, seed: 1, s_options));
        string path = WriteFile("cut.json", text[..(text.Length / 2)]);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));

        Assert.StartsWith($"{path} cannot be read", error.Message);
    }

    [Fact]
    public void ReadShards_RefusesFilesOfOtherRunsOverlapsAndGaps_NamingTheFiles()
    {
        string Shard(string name, ulong seed, int index, int count) =>
            WriteFile(name, Written(Simulation.Run(Presets.Evidence, s_cohort with { People = 400, EndAge = 62 }, seed, s_options with { ShardIndex = index, ShardCount = count })));
        string a = Shard("a.json", 9, 0, 2);
        string b = Shard("b.json", 9, 1, 2);
        string otherSeed = Shard("seed8.json", 8, 1, 2);
        string third = Shard("third.json", 9, 1, 3);

        Assert.Equal(400, ResultsFile.ReadShards([b, a]).People);
        Assert.Contains($"{otherSeed} is not part of the same run as {a} (seed 8 instead of 9)", Refusal(a, otherSeed));
        Assert.Contains($"{a} (people 0–199) and {third} (people 133–265) overlap", Refusal(a, third));
        Assert.Contains($"{a} and {a} both hold people 0–199", Refusal(a, b, a));
        Assert.Contains("no partial result holds people 200–399", Refusal(a));
        Assert.False(ResultsFile.ReadShards([a], allowPartial: true).IsComplete);

        static string Refusal(params string[] paths) => Assert.Throws<InvalidDataException>(() => ResultsFile.ReadShards(paths)).Message;
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

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Written(SimulationResult result)
    {
        using var buffer = new MemoryStream();
        ResultsFile.Write(result, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }

    private static SimulationResult RoundTrip(SimulationResult result)
    {
        using var buffer = new MemoryStream();
        ResultsFile.Write(result, buffer);
        buffer.Position = 0;
        return ResultsFile.Read(buffer);
    }
}
