using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// The JSON Schema of scenario files, generated from the same records and serializer options that read them, so it
/// cannot drift from the reader. The repository ships it as <c>schemas/scenario.schema.json</c>; a test fails when
/// that file is stale.
/// </summary>
public static class ScenarioSchema
{
    /// <summary>The schema's identifier, which scenario files may give as <c>"$schema"</c>.</summary>
    public const string Id = "https://github.com/sarcopenia-sim/sarcopenia-sim/blob/main/schemas/scenario.schema.json";

    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Generates the schema as indented JSON (LF line ends, trailing newline).</summary>
    public static string Generate()
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
        var schema = (JsonObject)ScenarioJson.ShapeOptions.GetJsonSchemaAsNode(typeof(Scenario), exporterOptions);
        var root = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = Id,
            ["title"] = "Sarcopenia.Sim scenario",
            ["description"] = "A scenario for sarcosim. Every field is optional: missing fields come from the preset named by basedOn (default Evidence). "
                + "Objects merge field by field over the preset; arrays replace the preset's array. "
                + "A definition, ancestry mix or life table may be given by name instead of as an object.",
        };
        foreach ((string key, JsonNode? value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema;
        }

        // Outside arrays every field is an override of the preset and so optional; an array item is a whole new object.
        if (!context.Path.Contains("items"))
        {
            obj.Remove("required");
        }

        if (ScenarioShape.NamesFor(context.TypeInfo.Type) is { } names)
        {
            return new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. names.Select(n => (JsonNode)n)]) },
                    obj),
            };
        }

        return obj;
    }
}
