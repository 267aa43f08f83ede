using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.IO;

/// <summary>Values that replace a scenario file's own, e.g. from command-line options. <see langword="null"/> keeps the file's value.</summary>
/// <param name="BasedOn">The preset the file's values are laid over.</param>
/// <param name="Definition">The sarcopenia definition, by name.</param>
/// <param name="People">The cohort size.</param>
/// <param name="Seed">The seed.</param>
public sealed record ScenarioOverrides(string? BasedOn = null, string? Definition = null, long? People = null, ulong? Seed = null)
{
    /// <summary>The fields these values replace (all but <see cref="BasedOn"/>), by path in the scenario file.</summary>
    internal IEnumerable<string> Paths
    {
        get
        {
            if (Definition is not null)
            {
                yield return "model.definition";
            }

            if (People is not null)
            {
                yield return "cohort.people";
            }

            if (Seed is not null)
            {
                yield return "seed";
            }
        }
    }

    /// <summary>
    /// <paramref name="scenario"/> with these values in place of its own (all but <see cref="BasedOn"/>, which chooses the
    /// preset before the file is laid over it); an unknown definition name is added to <paramref name="errors"/>.
    /// </summary>
    internal Scenario ApplyTo(Scenario scenario, List<ScenarioError> errors)
    {
        ModelParameters model = scenario.Model;
        if (Definition is not null)
        {
            try
            {
                model = model with { Definition = Definitions.Get(Definition) };
            }
            catch (ArgumentException)
            {
                IEnumerable<string> names = Definitions.All.Select(d => d.Name);
                errors.Add(new ScenarioError("model.definition",
                    $"model.definition = \"{Definition}\" is not allowed; expected one of {string.Join(", ", names)}{NameSuggester.Hint(Definition, names)}"));
            }
        }

        return scenario with
        {
            Model = model,
            Cohort = People is long people ? scenario.Cohort with { People = people } : scenario.Cohort,
            Seed = Seed ?? scenario.Seed,
        };
    }
}

/// <summary>
/// Reads and writes scenario files. A file is a partial <see cref="Scenario"/> in JSON: every field it gives replaces the
/// value of the preset named by <c>basedOn</c> (objects merge field by field at any depth; arrays and other values replace
/// the preset's whole value). Names of shipped objects may stand for the objects: <c>"definition": "FNIH"</c>,
/// <c>"ancestry": "UnitedStates2020"</c>, <c>"table": "China2015To2020"</c>.
/// </summary>
/// <example>
/// <code>
/// { "name": "Women 60-100", "basedOn": "Evidence", "seed": 7,
///   "cohort": { "people": 200000, "startAge": 60, "femaleFraction": 1 },
///   "model": { "massLoss": { "personalSigma": 0.4 }, "definition": "AWGS2019" } }
/// </code>
/// </example>
public static class ScenarioFile
{
    // Messages quote at most this much of the text around a syntax error.
    private const int SnippetLength = 12;

    /// <summary>Reads, merges over its preset and validates the scenario file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="overrides">Values that replace the file's.</param>
    /// <exception cref="ScenarioException">The file cannot be read, is not valid JSON, has unknown or mistyped fields, or fails validation.</exception>
    public static Scenario Load(string path, ScenarioOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        if (Directory.Exists(path))
        {
            throw new ScenarioException(path, [new ScenarioError("", "this is a folder, not a scenario file; give the path of a .json file.")]);
        }

        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ScenarioException(path, [new ScenarioError("", $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, Path.GetFileName(path), overrides);
    }

    /// <summary>Parses, merges over its preset and validates a scenario held in <paramref name="json"/>.</summary>
    /// <param name="json">The scenario file's text.</param>
    /// <param name="source">The name errors are reported under, usually the file name.</param>
    /// <param name="overrides">Values that replace the file's.</param>
    /// <exception cref="ScenarioException">The text is not valid JSON, has unknown or mistyped fields, or fails validation.</exception>
    public static Scenario Parse(string json, string source, ScenarioOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonObject user = ParseObject(json, source);
        (JsonObject merged, JsonObject preset) = Resolve(user, source, overrides?.BasedOn);

        // A field an override replaces is not the file's any more: the preset's value holds its place until the
        // override is applied, so a bad value there is neither reported nor read.
        foreach (string path in overrides?.Paths ?? [])
        {
            ReplaceAt(merged, preset, path);
        }

        var shape = new ScenarioShape(ScenarioJson.ShapeOptions);
        shape.Check(merged, typeof(Scenario), "", nullable: false);
        if (shape.Errors.Count > 0)
        {
            throw new ScenarioException(source, [.. shape.Errors, .. ValuesBeside(merged, preset, shape.Errors, overrides)]);
        }

        Scenario scenario;
        try
        {
            scenario = merged.Deserialize<Scenario>(ScenarioJson.Options)!;
        }
        catch (JsonException e)
        {
            // The shape check catches what it can name; anything left is reported by the serializer's own path.
            string path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            throw new ScenarioException(source, [new ScenarioError(path, $"{(path.Length == 0 ? "the file" : path)} cannot be read: {e.Message}")]);
        }

        // Typed values from the caller replace the file's, and the result is checked once.
        var errors = new List<ScenarioError>();
        scenario = overrides?.ApplyTo(scenario, errors) ?? scenario;
        errors.AddRange(Values(scenario));
        if (errors.Count > 0)
        {
            throw new ScenarioException(source, errors);
        }

        return scenario;
    }

    /// <summary>The problems of the scenario's values (ranges and relations between fields).</summary>
    private static IReadOnlyList<ScenarioError> Values(Scenario scenario)
    {
        var v = new ParameterValidator();
        scenario.Model.Validate(v, "model");
        scenario.Cohort.Validate(v, "cohort");
        return [.. v.Errors.Select(e => new ScenarioError(e.Path, $"{e.Path} = {e.Value} is not allowed; expected {e.Allowed}."))];
    }

    /// <summary>
    /// The value problems of a scenario whose shape is wrong, so that one reading reports every problem: each field with a
    /// shape error takes the preset's value (or is dropped), and the values of the rest are checked as usual. Problems at
    /// or below a field already reported are left out; if the repaired scenario still cannot be read, there are none.
    /// </summary>
    private static IEnumerable<ScenarioError> ValuesBeside(JsonObject merged, JsonObject preset, IReadOnlyList<ScenarioError> shapeErrors, ScenarioOverrides? overrides)
    {
        var repaired = (JsonObject)merged.DeepClone();
        foreach (ScenarioError error in shapeErrors)
        {
            ReplaceAt(repaired, preset, error.Path);
        }

        var shape = new ScenarioShape(ScenarioJson.ShapeOptions);
        shape.Check(repaired, typeof(Scenario), "", nullable: false);
        Scenario? scenario = null;
        if (shape.Errors.Count == 0)
        {
            try
            {
                scenario = repaired.Deserialize<Scenario>(ScenarioJson.Options);
            }
            catch (JsonException)
            {
                // The shape errors already reported are the ones to fix first.
            }
        }

        var errors = new List<ScenarioError>();
        if (scenario is not null)
        {
            scenario = overrides?.ApplyTo(scenario, errors) ?? scenario;
            errors.AddRange(Values(scenario));
        }

        return errors.Where(e => !shapeErrors.Any(s => s.Path.Length == 0 || e.Path == s.Path || e.Path.StartsWith(s.Path + ".", StringComparison.Ordinal)));
    }

    /// <summary>Sets the node at <paramref name="path"/> (e.g. <c>model.mechanisms[0].name</c>) to the preset's, or removes it.</summary>
    private static void ReplaceAt(JsonObject root, JsonObject preset, string path)
    {
        string[] steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? node = root;
        JsonNode? original = preset;
        for (int i = 0; i < steps.Length - 1 && node is not null; i++)
        {
            node = Step(node, steps[i]);
            original = original is null ? null : Step(original, steps[i]);
        }

        string last = steps.Length > 0 ? steps[^1] : "";
        JsonNode? replacement = original is null ? null : Step(original, last)?.DeepClone();
        if (node is JsonObject obj && !last.StartsWith('['))
        {
            if (replacement is null)
            {
                obj.Remove(last);
            }
            else
            {
                obj[last] = replacement;
            }
        }
        else if (node is JsonArray array && Index(last) is int index && index < array.Count && replacement is not null)
        {
            array[index] = replacement;
        }

        static JsonNode? Step(JsonNode node, string step) => step.StartsWith('[')
            ? node is JsonArray array && Index(step) is int i && i < array.Count ? array[i] : null
            : node is JsonObject obj ? obj[step] : null;

        static int? Index(string step) =>
            int.TryParse(step.AsSpan(1, step.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : null;
    }

    /// <summary>Writes the complete scenario as JSON: every field, so the file reproduces the run without any preset.</summary>
    public static string Serialize(Scenario scenario) => JsonSerializer.Serialize(scenario, ScenarioJson.Options);

    /// <summary>Deep-merges <paramref name="patch"/> into <paramref name="target"/>: objects field by field, everything else replaced.</summary>
    internal static void Merge(JsonObject target, JsonObject patch)
    {
        foreach ((string key, JsonNode? value) in patch.ToList())
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>The file's JSON object, with comments and trailing commas allowed; a syntax error, a repeated field or another value is a <see cref="ScenarioException"/>.</summary>
    internal static JsonObject ParseObject(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonSerializer.Deserialize<JsonNode>(json, ScenarioJson.Options);
        }
        catch (JsonException e)
        {
            throw new ScenarioException(source, [SyntaxError(json, e)]);
        }
        catch (ArgumentException e)
        {
            // JsonObject refuses a repeated field name with the dictionary's "same key" error, which names the key last.
            string key = e.Message.Split("Key: ", 2) is [_, string rest] ? rest.Split(" (Parameter", 2)[0] : "?";
            throw new ScenarioException(source, [new ScenarioError("", $"the field '{key}' appears twice in one object; give each field once.")]);
        }

        return node as JsonObject
            ?? throw new ScenarioException(source, [new ScenarioError("", $"the file must hold one JSON object ({{ ... }}), not {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())}.")]);
    }

    private static ScenarioError SyntaxError(string json, JsonException e)
    {
        string path = PathAtSyntaxError(json);
        long line = (e.LineNumber ?? 0) + 1;
        long column = (e.BytePositionInLine ?? 0) + 1;
        string at = $"line {line.ToString(CultureInfo.InvariantCulture)}, column {column.ToString(CultureInfo.InvariantCulture)}" + (path.Length > 0 ? $" ({path})" : "");
        string snippet = SnippetAt(json, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
        string trimmed = snippet.TrimStart('-', '+');
        if (trimmed.StartsWith("NaN", StringComparison.Ordinal) || trimmed.StartsWith("Infinity", StringComparison.Ordinal))
        {
            return new ScenarioError(path, $"{at}: NaN and Infinity are not allowed; JSON numbers must be finite, e.g. 0.5 or 1e-3.");
        }

        string reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
        return new ScenarioError(path, $"{at}: not valid JSON: {reason}.");
    }

    /// <summary>
    /// Reads <paramref name="json"/> token by token up to its first syntax error and returns the path of the value being
    /// read there (the serializer reports a JSON node's errors without one).
    /// </summary>
    private static string PathAtSyntaxError(string json)
    {
        var path = new List<string>();
        var arrayIndex = new Stack<int>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path.Add("." + reader.GetString());
                        continue;
                    case JsonTokenType.StartArray:
                        arrayIndex.Push(path.Count);
                        path.Add("[0]");
                        continue;
                    case JsonTokenType.StartObject:
                        arrayIndex.Push(-1);
                        continue;
                    case JsonTokenType.EndArray or JsonTokenType.EndObject:
                        int start = arrayIndex.Pop();
                        if (start >= 0)
                        {
                            path.RemoveAt(start);
                        }

                        break;
                }

                // A value (or a closed container) ends the property it belonged to, or advances its array's index.
                if (path.Count > 0 && path[^1].StartsWith('.'))
                {
                    path.RemoveAt(path.Count - 1);
                }
                else if (path.Count > 0 && arrayIndex.Count > 0 && arrayIndex.Peek() == path.Count - 1)
                {
                    path[^1] = $"[{int.Parse(path[^1].AsSpan(1, path[^1].Length - 2), CultureInfo.InvariantCulture) + 1}]";
                }
            }
        }
        catch (JsonException)
        {
            return string.Concat(path).TrimStart('.');
        }

        return "";
    }

    private static string SnippetAt(string json, long line, long byteInLine)
    {
        string[] lines = json.Split('\n');
        if (line >= lines.Length)
        {
            return "";
        }

        // Byte and character positions agree on ASCII lines; this snippet is only a hint, so that is enough.
        string text = lines[line];
        int start = (int)Math.Min(byteInLine, text.Length);
        return text.Substring(start, Math.Min(SnippetLength, text.Length - start));
    }

    /// <summary>The user's object merged over its preset's scenario, and that preset scenario alone.</summary>
    private static (JsonObject Merged, JsonObject Preset) Resolve(JsonObject user, string source, string? basedOnOverride)
    {
        string presetName = Scenario.DefaultPreset;
        if (basedOnOverride is not null)
        {
            presetName = basedOnOverride;
        }
        else if (user["basedOn"] is { } basedOn)
        {
            if (basedOn.GetValueKind() != JsonValueKind.String)
            {
                throw new ScenarioException(source, [new ScenarioError("basedOn", $"basedOn = {basedOn.ToJsonString()} is not allowed; expected a preset name: {PresetNames()}.")]);
            }

            presetName = basedOn.GetValue<string>();
        }

        ModelParameters preset;
        try
        {
            preset = Presets.Get(presetName);
        }
        catch (ArgumentException)
        {
            throw new ScenarioException(source, [new ScenarioError("basedOn",
                $"basedOn = \"{presetName}\" is not allowed; expected one of {PresetNames()}{NameSuggester.Hint(presetName, Presets.All.Select(p => p.Name))}")]);
        }

        var presetScenario = (JsonObject)ScenarioJson.ToNode(Scenario.FromPreset(preset.Name));
        var merged = (JsonObject)presetScenario.DeepClone();
        Merge(merged, user);
        merged["basedOn"] = preset.Name;
        return (merged, presetScenario);
    }

    private static string PresetNames() => string.Join(", ", Presets.All.Select(p => p.Name));
}
