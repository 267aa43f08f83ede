using System.Text.Json;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class ScenarioSchemaTests
{
    [Theory]
    [InlineData("schemas/scenario.schema.json", "")]
    [InlineData("schemas/projection.schema.json", " --projection")]
    public void CommittedSchema_IsUpToDate(string file, string option)
    {
        string committed = File.ReadAllText(RepositoryFile(file)).ReplaceLineEndings("\n");
        string generated = option.Length == 0 ? ScenarioSchema.Generate() : ProjectionSchema.Generate();

        Assert.True(committed == generated, $"{file} is stale: regenerate it with `dotnet run --project src/Sarcopenia.Sim.Cli -- schema --generate{option} > {file}`.");
    }

    [Fact]
    public void Generate_DescribesNamedObjectsAndForbidsUnknownFields()
    {
        using JsonDocument schema = JsonDocument.Parse(ScenarioSchema.Generate());
        JsonElement model = schema.RootElement.GetProperty("properties").GetProperty("model");

        Assert.False(model.GetProperty("additionalProperties").GetBoolean());
        JsonElement definition = model.GetProperty("properties").GetProperty("definition").GetProperty("anyOf");
        Assert.Contains("EWGSOP2", definition[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schema.RootElement.TryGetProperty("required", out _));
    }

    [Fact]
    public void Generate_GivesEditorsTheValidatorsRangesAndTheDocumentedDescriptions()
    {
        using JsonDocument schema = JsonDocument.Parse(ScenarioSchema.Generate());
        JsonElement properties = schema.RootElement.GetProperty("properties");
        JsonElement sigma = properties.GetProperty("model").GetProperty("properties").GetProperty("massLoss").GetProperty("properties").GetProperty("personalSigma");
        JsonElement people = properties.GetProperty("cohort").GetProperty("properties").GetProperty("people");
        JsonElement gripMean = properties.GetProperty("model").GetProperty("properties").GetProperty("peak").GetProperty("properties")
            .GetProperty("gripKg").GetProperty("properties").GetProperty("female").GetProperty("properties").GetProperty("mean");

        Assert.Equal(0, sigma.GetProperty("minimum").GetDouble());
        Assert.Equal(3, sigma.GetProperty("maximum").GetDouble());
        Assert.Equal("Log-scale SD of the personal base rate between people.", sigma.GetProperty("description").GetString());
        Assert.Equal(1, people.GetProperty("minimum").GetDouble());
        Assert.Equal(Sim.Population.CohortSpec.MaxPeople, people.GetProperty("maximum").GetInt64());

        // NormalSpec is shared by height, grip and the rest; each use keeps its own bound.
        Assert.Equal(100, gripMean.GetProperty("maximum").GetDouble());
        Assert.Equal(0, gripMean.GetProperty("exclusiveMinimum").GetDouble());
        Assert.StartsWith("https://raw.githubusercontent.com/", schema.RootElement.GetProperty("$id").GetString());
    }

    [Fact]
    public void ProjectionSchema_IsTheScenarioSchemaWithTheProjectionsSections()
    {
        using JsonDocument schema = JsonDocument.Parse(ProjectionSchema.Generate());
        JsonElement properties = schema.RootElement.GetProperty("properties");

        Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
        Assert.True(properties.TryGetProperty("model", out _));
        Assert.Equal(ProjectionFile.Sections.Order(), properties.EnumerateObject().Select(p => p.Name).Where(ProjectionFile.Sections.Contains).Order());
        JsonElement intervention = properties.GetProperty("interventions").GetProperty("items");
        Assert.False(intervention.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(1, intervention.GetProperty("properties").GetProperty("coverage").GetProperty("maximum").GetDouble());
        string[] stages = [.. intervention.GetProperty("properties").GetProperty("stages").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Contains("Probable", stages);
        Assert.Contains("Possible", stages);
        Assert.Equal(ProjectionSchema.Id, schema.RootElement.GetProperty("$id").GetString());
    }

    [Theory]
    [InlineData("{ \"population\": { \"country\": \"Japan\" } }", true)]
    [InlineData("// a comment\n{ \"basedOn\": \"Evidence\", \"replicates\": 3, }", true)]
    [InlineData("{ \"basedOn\": \"Evidence\", \"cohort\": { \"people\": 10 } }", false)]
    [InlineData("not json", false)]
    public void IsProjection_RecognisesAnyOfTheProjectionsSections(string json, bool expected) =>
        Assert.Equal(expected, ProjectionFile.IsProjection(json));

    private static string RepositoryFile(string relative)
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sarcopenia.Sim.sln")))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }

        throw new InvalidOperationException("No Sarcopenia.Sim.sln above the test's output folder.");
    }
}
