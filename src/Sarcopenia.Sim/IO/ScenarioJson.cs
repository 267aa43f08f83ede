using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// The JSON conventions of scenario and result files: camelCase names that match the paths of
/// <see cref="Common.ParameterError"/>, enums as their names, unknown fields rejected, and no derived
/// (read-only) properties, so every field written can be read back.
/// </summary>
public static class ScenarioJson
{
    /// <summary>
    /// Serializer options for scenario files, manifests and results files. Strict on read: unknown fields, integers for
    /// enums, numbers in strings and duplicate fields are errors.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes <paramref name="value"/> with <see cref="Options"/> to a node that can be edited and merged.</summary>
    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options)!;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            IndentSize = 2,

            // Files, not HTML: keep '&', '<' and non-ASCII letters readable in sources and names.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropDerivedProperties } },
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    // Properties computed from others (CohortSpec.Years, SarcopeniaDefinition.Stages) are neither settable nor
    // constructor parameters; writing them would produce files that cannot be read back under strict reading.
    private static void DropDerivedProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (int i = info.Properties.Count - 1; i >= 0; i--)
        {
            JsonPropertyInfo property = info.Properties[i];
            if (property.Set is null && property.AssociatedParameter is null)
            {
                info.Properties.RemoveAt(i);
            }
            // A default (uninitialized) ImmutableArray means "none" to the library's validators; write it as [] rather than fail.
            else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
                && property.Get is { } get)
            {
                System.Reflection.PropertyInfo isDefault = property.PropertyType.GetProperty(nameof(ImmutableArray<int>.IsDefault))!;
                object empty = property.PropertyType.GetField(nameof(ImmutableArray<int>.Empty))!.GetValue(null)!;
                property.Get = obj => get(obj) is { } value && !(bool)isDefault.GetValue(value)! ? value : empty;
            }
        }
    }
}
