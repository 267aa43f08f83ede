using System.Collections.Immutable;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sarcopenia.Sim.Common;

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

    /// <summary>
    /// <see cref="Options"/> as tools that walk the contract see it (the shape check, the schema exporter): every
    /// <see cref="EquatableArray{T}"/> property appears as the <see cref="ImmutableArray{T}"/> it reads and writes as, so
    /// they see an array of <c>T</c> where the serializer sees only a custom converter. For walking and writing, never
    /// for reading: such a property cannot be set through it.
    /// </summary>
    internal static JsonSerializerOptions ShapeOptions { get; } = CreateOptions(ShowEquatableArraysAsArrays);

    /// <summary>Serializes <paramref name="value"/> with <see cref="Options"/> to a node that can be edited and merged.</summary>
    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options)!;

    private static JsonSerializerOptions CreateOptions(params Action<JsonTypeInfo>[] modifiers)
    {
        var resolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropDerivedProperties } };
        foreach (Action<JsonTypeInfo> modifier in modifiers)
        {
            resolver.Modifiers.Add(modifier);
        }

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
            TypeInfoResolver = resolver,
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
        }
    }

    private static void ShowEquatableArraysAsArrays(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (int i = 0; i < info.Properties.Count; i++)
        {
            Type type = info.Properties[i].PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                info.Properties[i] = (JsonPropertyInfo)typeof(ScenarioJson).GetMethod(nameof(AsImmutableArray), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, [info, info.Properties[i]])!;
            }
        }
    }

    private static JsonPropertyInfo AsImmutableArray<T>(JsonTypeInfo owner, JsonPropertyInfo property)
    {
        JsonPropertyInfo shown = owner.CreateJsonPropertyInfo(typeof(ImmutableArray<T>), property.Name);
        Func<object, object?> get = property.Get!;
        shown.Get = obj => ((EquatableArray<T>)get(obj)!).AsImmutableArray();

        // The member behind the property, so that the schema finds its documentation.
        shown.AttributeProvider = property.AttributeProvider;

        // A property must be settable to count as required; this view is never read into (see ShapeOptions).
        shown.Set = (_, _) => throw new NotSupportedException($"{nameof(ShapeOptions)} is for walking and writing, not for reading.");
        shown.IsRequired = property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false };
        return shown;
    }
}
