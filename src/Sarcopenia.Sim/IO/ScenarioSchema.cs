using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// The JSON Schema of scenario files, generated from the same records and serializer options that read them, so it
/// cannot drift from the reader: every field's description comes from the library's XML documentation (found beside
/// the assembly, as builds and the NuGet package place it), and every numeric field's range from the validation that
/// scenarios pass. The repository ships it as <c>schemas/scenario.schema.json</c>; a test fails when that file is stale.
/// </summary>
public static class ScenarioSchema
{
    /// <summary>
    /// The schema's identifier, which scenario files may give as <c>"$schema"</c>: the raw file in the repository, which
    /// editors fetch as JSON (the repository's web page for the file is HTML, which no editor can read as a schema).
    /// </summary>
    public const string Id = "https://raw.githubusercontent.com/sarcopenia-sim/sarcopenia-sim/main/schemas/scenario.schema.json";

    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Generates the schema as indented JSON (LF line ends, trailing newline).</summary>
    public static string Generate()
    {
        var documentation = Documentation.Load();
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) => Transform(context, schema, documentation),
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
            if (key != "description")
            {
                root[key] = value;
            }
        }

        foreach (ParameterRange range in Ranges())
        {
            ApplyRange(root, range);
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema, Documentation documentation)
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

        JsonObject result = obj;
        if (ScenarioShape.NamesFor(context.TypeInfo.Type) is { } names)
        {
            result = new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. names.Select(n => (JsonNode)n)]) },
                    obj),
            };
        }

        if ((documentation.Of(context.PropertyInfo?.AttributeProvider as MemberInfo) ?? documentation.Of(context.TypeInfo.Type)) is { } description)
        {
            result["description"] = description;
        }

        return result;
    }

    /// <summary>
    /// The ranges validation checks, by path with array indices as <c>[]</c>: of every preset staged by every shipped
    /// definition, so that a bound that depends on the definition (the mass cut-off's scale) is the widest of them.
    /// </summary>
    private static IEnumerable<ParameterRange> Ranges()
    {
        var v = new ParameterValidator();
        foreach (ModelParameters preset in Presets.All)
        {
            foreach (SarcopeniaDefinition definition in Definitions.All)
            {
                (preset with { Definition = definition }).Validate(v, "model");
            }
        }

        new CohortSpec(Scenario.DefaultPeople).Validate(v, "cohort");
        return v.Ranges
            .Select(r => r with { Path = Regex.Replace(r.Path, @"\[\d+\]", "[]") })
            .GroupBy(r => r.Path)
            .Select(g =>
            {
                ParameterRange lowest = g.MinBy(r => r.Minimum)!;
                ParameterRange highest = g.Any(r => r.Maximum is null) ? g.First(r => r.Maximum is null) : g.MaxBy(r => r.Maximum)!;
                return new ParameterRange(g.Key, lowest.Minimum, highest.Maximum, lowest.ExclusiveMinimum, highest.ExclusiveMaximum);
            });
    }

    private static void ApplyRange(JsonObject root, ParameterRange range)
    {
        if (Navigate(root, range.Path) is not JsonObject node)
        {
            return;
        }

        node[range.ExclusiveMinimum ? "exclusiveMinimum" : "minimum"] = range.Minimum;
        node.Remove(range.ExclusiveMinimum ? "minimum" : "exclusiveMinimum");
        node.Remove("maximum");
        node.Remove("exclusiveMaximum");
        if (range.Maximum is double maximum)
        {
            node[range.ExclusiveMaximum ? "exclusiveMaximum" : "maximum"] = maximum;
        }
    }

    /// <summary>
    /// The schema of the value at <paramref name="path"/> (e.g. <c>model.mechanisms[].lossRateRatio</c>). A <c>$ref</c> on
    /// the way is replaced by a copy of its target, so a range given to one use of a shared type stays with that use.
    /// </summary>
    private static JsonObject? Navigate(JsonObject root, string path)
    {
        JsonObject? node = root;
        foreach (string step in path.Replace("[]", ".[]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = ObjectAlternative(node);
            JsonObject? container = step == "[]" ? node : node?["properties"] as JsonObject;
            string key = step == "[]" ? "items" : step;
            if (container?[key] is JsonObject { } child && child["$ref"] is JsonValue reference)
            {
                container[key] = Pointer(root, reference.GetValue<string>())?.DeepClone();
            }

            node = container?[key] as JsonObject;
        }

        return node;

        // A named object is "anyOf": [name, object]; its fields are in the object.
        static JsonObject? ObjectAlternative(JsonObject? node) =>
            node?["anyOf"] is JsonArray options ? options.OfType<JsonObject>().FirstOrDefault(o => o.ContainsKey("properties") || o.ContainsKey("items")) : node;

        static JsonNode? Pointer(JsonObject root, string pointer) =>
            pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (node, step) => node?[step]);
    }

    /// <summary>Summaries from the library's XML documentation file, as plain text.</summary>
    private sealed class Documentation(XDocument? file)
    {
        private readonly Dictionary<string, XElement> _members = file?.Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .ToDictionary(m => m.Attribute("name")!.Value) ?? [];

        /// <summary>The documentation file beside the assembly, or none (then the schema has no descriptions).</summary>
        public static Documentation Load()
        {
            string path = Path.ChangeExtension(typeof(Scenario).Assembly.Location, ".xml");
            return new Documentation(File.Exists(path) ? XDocument.Load(path) : null);
        }

        /// <summary>A property's summary, or its record's <c>param</c> text.</summary>
        public string? Of(MemberInfo? member)
        {
            if (member?.DeclaringType is not Type type)
            {
                return null;
            }

            string owner = Name(type);
            return _members.TryGetValue($"P:{owner}.{member.Name}", out XElement? property) ? Text(property.Element("summary"))
                : _members.TryGetValue($"T:{owner}", out XElement? record) ? Text(record.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == member.Name))
                : null;
        }

        /// <summary>A type's summary.</summary>
        public string? Of(Type type) => _members.TryGetValue($"T:{Name(type)}", out XElement? member) ? Text(member.Element("summary")) : null;

        private static string Name(Type type) => (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName!.Replace('+', '.');

        private static string? Text(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            // References read as the name they point to; code and words as themselves.
            string text = string.Concat(element.Nodes().Select(node => node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("langword")?.Value ?? e.Attribute("cref")?.Value.Split('.', ':')[^1].Split('`')[0] ?? e.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
                XElement e => e.Value,
                _ => "",
            }));
            return Regex.Replace(text, @"\s+", " ").Trim() is { Length: > 0 } clean ? clean : null;
        }
    }
}
