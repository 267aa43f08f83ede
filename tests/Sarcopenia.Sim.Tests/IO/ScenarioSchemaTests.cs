using System.Text.Json;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class ScenarioSchemaTests
{
    [Fact]
    public void CommittedSchema_IsUpToDate()
    {
        string committed = File.ReadAllText(RepositoryFile("schemas/scenario.schema.json")).ReplaceLineEndings("\n");

        Assert.True(committed == ScenarioSchema.Generate(),
            "schemas/scenario.schema.json is stale: regenerate it with `dotnet run --project src/Sarcopenia.Sim.Cli -- schema --generate > schemas/scenario.schema.json`.");
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
