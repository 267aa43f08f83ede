using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// Checks a scenario's JSON against the shape of the records it will be read into, before the serializer sees it,
/// so that every unknown field, wrong type and missing field is reported at once, by path, with a hint. It also
/// replaces names of shipped objects (a definition, an ancestry mix, a life table) by the objects themselves.
/// </summary>
internal sealed class ScenarioShape(JsonSerializerOptions options)
{
    // Longer values are cut in messages: a message names the value, it does not reproduce a whole object.
    private const int MaxShownValueLength = 60;

    private static readonly Dictionary<Type, NamedObjects> s_named = new()
    {
        [typeof(SarcopeniaDefinition)] = new([.. Definitions.All.Select(d => d.Name)], name => Definitions.Get(name)),
        [typeof(AncestryMix)] = new([.. AncestryMix.All.Select(m => m.Name).Concat(Enum.GetNames<Ancestry>()).Distinct()], name => AncestryMix.Get(name)),
        [typeof(LifeTable)] = new([.. LifeTables.All.Select(t => t.Name)], name => LifeTables.Get(name)),
    };

    private readonly List<ScenarioError> _errors = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<ScenarioError> Errors => _errors;

    /// <summary>The names a field of <paramref name="type"/> may hold instead of an object, or none.</summary>
    public static IReadOnlyList<string>? NamesFor(Type type) => s_named.TryGetValue(type, out NamedObjects? named) ? named.Names : null;

    /// <summary>Checks <paramref name="node"/> as a value of <paramref name="type"/> at <paramref name="path"/>.</summary>
    /// <returns>The node to keep in its place: itself, or the object a name stands for.</returns>
    public JsonNode? Check(JsonNode? node, Type type, string path, bool nullable)
    {
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (node is null)
        {
            if (!nullable && underlying is null)
            {
                Fail(path, $"{Where(path)} = null is not allowed; expected {Describe(type)}.");
            }

            return node;
        }

        if (underlying is not null)
        {
            return Check(node, underlying, path, nullable: true);
        }

        if (s_named.TryGetValue(type, out NamedObjects? named) && node.GetValueKind() == JsonValueKind.String)
        {
            return Resolve(node.GetValue<string>(), named, path);
        }

        JsonTypeInfo info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                CheckObject(node, info, path);
                break;
            case JsonTypeInfoKind.Enumerable:
                CheckArray(node, info, path);
                break;
            default:
                CheckValue(node, type, path);
                break;
        }

        return node;
    }

    private void CheckObject(JsonNode node, JsonTypeInfo info, string path)
    {
        if (node is not JsonObject obj)
        {
            Fail(path, $"{Where(path)} = {Show(node)} is not allowed; expected {Describe(info.Type)}.");
            return;
        }

        foreach (string key in obj.Select(p => p.Key).ToList())
        {
            JsonPropertyInfo? property = info.Properties.FirstOrDefault(p => p.Name == key);
            if (property is null)
            {
                string[] names = [.. info.Properties.Select(p => p.Name)];
                string hint = NameSuggester.Nearest(key, names) is { } nearest
                    ? $"; did you mean '{nearest}'?"
                    : $"; expected one of {string.Join(", ", names)}";
                Fail(Child(path, key), $"unknown field '{key}' at {Where(path)}{hint}");
                continue;
            }

            JsonNode? value = obj[key];
            JsonNode? replacement = Check(value, property.PropertyType, Child(path, key), property.IsSetNullable);
            if (!ReferenceEquals(value, replacement))
            {
                obj[key] = replacement;
            }
        }

        foreach (JsonPropertyInfo property in info.Properties)
        {
            bool required = property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false };
            if (required && !obj.ContainsKey(property.Name))
            {
                Fail(Child(path, property.Name), $"{Where(path)} is missing the field '{property.Name}' ({Describe(property.PropertyType)}).");
            }
        }
    }

    private void CheckArray(JsonNode node, JsonTypeInfo info, string path)
    {
        if (node is not JsonArray array)
        {
            Fail(path, $"{Where(path)} = {Show(node)} is not allowed; expected {Describe(info.Type)}.");
            return;
        }

        Type element = info.ElementType!;
        for (int i = 0; i < array.Count; i++)
        {
            JsonNode? value = array[i];
            JsonNode? replacement = Check(value, element, $"{path}[{i}]", nullable: false);
            if (!ReferenceEquals(value, replacement))
            {
                array[i] = replacement;
            }
        }
    }

    private void CheckValue(JsonNode node, Type type, string path)
    {
        JsonValueKind kind = node.GetValueKind();
        bool ok = type switch
        {
            _ when type == typeof(string) => kind == JsonValueKind.String,
            _ when type == typeof(bool) => kind is JsonValueKind.True or JsonValueKind.False,
            _ when type == typeof(double) => kind == JsonValueKind.Number && node.AsValue().TryGetValue(out double d) && double.IsFinite(d),
            _ when type == typeof(float) => kind == JsonValueKind.Number && node.AsValue().TryGetValue(out float f) && float.IsFinite(f),
            _ when type == typeof(int) => kind == JsonValueKind.Number && node.AsValue().TryGetValue(out int _),
            _ when type == typeof(long) => kind == JsonValueKind.Number && node.AsValue().TryGetValue(out long _),
            _ when type == typeof(ulong) => kind == JsonValueKind.Number && node.AsValue().TryGetValue(out ulong _),
            _ when type.IsEnum => kind == JsonValueKind.String && IsEnumName(type, node.GetValue<string>()),
            _ => true,
        };

        if (!ok)
        {
            string hint = type.IsEnum && kind == JsonValueKind.String ? NameSuggester.Hint(node.GetValue<string>(), Enum.GetNames(type)) : "";
            Fail(path, $"{Where(path)} = {Show(node)} is not allowed; expected {Describe(type)}{hint}");
        }
    }

    private JsonNode? Resolve(string name, NamedObjects named, string path)
    {
        try
        {
            return JsonSerializer.SerializeToNode(named.Get(name), named.Get(name).GetType(), options);
        }
        catch (ArgumentException)
        {
            Fail(path, $"{Where(path)} = \"{name}\" is not allowed; expected one of {string.Join(", ", named.Names)} or an object{NameSuggester.Hint(name, named.Names)}");
            return null;
        }
    }

    private static bool IsEnumName(Type type, string name) =>
        Enum.GetNames(type).Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    private void Fail(string path, string message) => _errors.Add(new ScenarioError(path, message.EndsWith('.') || message.EndsWith('?') ? message : message + "."));

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Where(string path) => path.Length == 0 ? "the top level" : path;

    private static string Show(JsonNode node)
    {
        string text = node.ToJsonString();
        return text.Length <= MaxShownValueLength ? text : string.Concat(text.AsSpan(0, MaxShownValueLength), "…");
    }

    /// <summary>Describes what a value of <paramref name="type"/> looks like in JSON, for messages.</summary>
    internal string Describe(Type type)
    {
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Describe(underlying) + " or null";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return "a finite number";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "an integer";
        }

        if (type == typeof(ulong))
        {
            return "a non-negative integer below 2^64";
        }

        if (type.IsEnum)
        {
            return $"one of {string.Join(", ", Enum.GetNames(type))}";
        }

        JsonTypeInfo info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            return $"an array of {Plural(Describe(info.ElementType!))}";
        }

        string fields = $"an object with fields {string.Join(", ", info.Properties.Select(p => p.Name))}";
        return NamesFor(type) is { } names ? $"one of {string.Join(", ", names)} or {fields}" : fields;
    }

    private static string Plural(string description) => description switch
    {
        "a string" => "strings",
        "a finite number" => "finite numbers",
        "an integer" => "integers",
        _ => $"items, each {description}",
    };

    private sealed record NamedObjects(IReadOnlyList<string> Names, Func<string, object> Get);
}
