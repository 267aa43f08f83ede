using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// The JSON Schema of projection files (<see cref="ProjectionFile"/>): the scenario schema (<see cref="ScenarioSchema"/>)
/// with the four sections a projection adds, generated from the same field list the projection reader checks against,
/// so the two cannot drift. The repository ships it as <c>schemas/projection.schema.json</c>; a test fails when that
/// file is stale.
/// </summary>
public static class ProjectionSchema
{
    /// <summary>The schema's identifier, which projection files may give as <c>"$schema"</c> (the raw file in the repository).</summary>
    public const string Id = "https://raw.githubusercontent.com/sarcopenia-sim/sarcopenia-sim/main/schemas/projection.schema.json";

    /// <summary>Generates the schema as indented JSON (LF line ends, trailing newline).</summary>
    public static string Generate()
    {
        // The scenario schema's header is replaced in place, so its fields keep their order.
        var root = (JsonObject)JsonNode.Parse(ScenarioSchema.Generate())!;
        root["$id"] = Id;
        root["title"] = "Sarcopenia.Sim projection";
        root["description"] = "A projection file for 'sarcosim project' and 'sarcosim compare': a scenario file (every field optional, over the preset named by basedOn) "
            + "with up to four more sections, population, interventions, uncertainty and replicates. The cohort's startAge and endAge are the ages simulated, "
            + "its ancestry the population's; cohort.people is not used (the population and its scale say how many people are simulated).";
        var properties = (JsonObject)root["properties"]!;
        properties["population"] = Section("Where, which years and which scaling: a WPP 2019 location or your own tables.", ProjectionFile.PopulationFields);
        properties["interventions"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "Programmes added after the model's mechanisms (they replace none), each one more exposure of the people it enrols.",
            ["items"] = Section("An intervention: its effect, target group, start, coverage, adherence and waning.", ProjectionFile.InterventionFields),
        };
        properties["uncertainty"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "Scenario numbers drawn from a distribution once per replicate, clamped into the range the field allows.",
            ["items"] = Section("A parameter and its distribution.", ProjectionFile.DistributionFields, "path", "distribution"),
        };
        properties["replicates"] = Field(ProjectionFile.ReplicatesField);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Section(string description, ProjectionField[] fields, params string[] required)
    {
        var section = new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["properties"] = new JsonObject([.. fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Field(f)))]),
            ["additionalProperties"] = false,
        };
        if (required.Length > 0)
        {
            section["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }

        return section;
    }

    private static JsonObject Field(ProjectionField field)
    {
        var node = new JsonObject { ["type"] = field.Type, ["description"] = field.Description };
        if (field.Minimum is double minimum)
        {
            node["minimum"] = minimum;
        }

        if (field.Maximum is double maximum)
        {
            node["maximum"] = maximum;
        }

        if (field.Choices is { } choices)
        {
            // Names are matched ignoring case: the schema lists them as the documentation writes them.
            var names = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]) };
            if (field.Type == "array")
            {
                node["items"] = names;
                node["minItems"] = 1;
            }
            else
            {
                node["enum"] = names["enum"]!.DeepClone();
            }
        }

        return node;
    }
}
