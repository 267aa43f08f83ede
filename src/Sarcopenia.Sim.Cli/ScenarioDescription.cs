using System.Text.Json;
using System.Text.Json.Nodes;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Makes a scenario's descriptions say what is run. A preset's description names its definition and data ("US 2021
/// mortality; EWGSOP2 staging"); once a file or an option changes the model, the resolved scenario (printed by
/// <c>validate --resolved</c> and written as scenario.json) says what changed, and the options that changed the
/// scenario are named in its description.
/// </summary>
internal static class ScenarioDescription
{
    // Fields that describe a model rather than parameterize it.
    private static readonly HashSet<string> s_descriptive = ["name", "description", "sources"];

    /// <summary>The scenario with its model's description extended by the changes from its preset, and its own by <paramref name="options"/>.</summary>
    /// <param name="scenario">A resolved scenario.</param>
    /// <param name="options">The overriding options as typed, e.g. <c>--preset Review2014</c>.</param>
    public static Scenario Describe(Scenario scenario, IReadOnlyList<string> options)
    {
        ModelParameters preset = Presets.Get(scenario.BasedOn);
        Scenario described = scenario;
        if (scenario.Model.Description == preset.Description)
        {
            var changes = new List<string>();
            Compare(ScenarioJson.ToNode(scenario.Model), ScenarioJson.ToNode(preset), "", changes);
            if (changes.Count > 0)
            {
                described = described with { Model = scenario.Model with { Description = $"{preset.Description} Changed from the {preset.Name} preset: {string.Join("; ", changes)}." } };
            }
        }

        if (options.Count > 0)
        {
            string run = $"Run with {string.Join(" ", options)}.";
            described = described with { Description = string.IsNullOrWhiteSpace(scenario.Description) ? run : $"{scenario.Description.TrimEnd()} {run}" };
        }

        return described;
    }

    /// <summary>Adds "path value (preset: value)" for every value of <paramref name="model"/> that differs from <paramref name="preset"/>.</summary>
    private static void Compare(JsonNode? model, JsonNode? preset, string path, List<string> changes)
    {
        if (JsonNode.DeepEquals(model, preset))
        {
            return;
        }

        if (path == "definition")
        {
            changes.Add($"definition {model?["name"]} (preset: {preset?["name"]})");
        }
        else if (model is JsonObject fields && preset is JsonObject presetFields)
        {
            foreach ((string key, JsonNode? value) in fields)
            {
                if (!(path.Length == 0 && s_descriptive.Contains(key)))
                {
                    Compare(value, presetFields[key], path.Length == 0 ? key : $"{path}.{key}", changes);
                }
            }
        }
        else if (model is JsonArray list && preset is JsonArray presetList && Names(list) is string[] names && Names(presetList) is string[] presetNames)
        {
            // A list replaces the preset's whole list: say which of its entries are gone, so none is dropped silently.
            string Listed(IEnumerable<string> entries) => entries.Any() ? string.Join(", ", entries) : "none";
            changes.Add($"{path} replaces the preset's {presetNames.Length} {(presetNames.Length == 1 ? "entry" : "entries")} (kept {Listed(presetNames.Intersect(names))}; dropped {Listed(presetNames.Except(names))}; added {Listed(names.Except(presetNames))})");
        }
        else
        {
            changes.Add(model is JsonValue && preset is JsonValue ? $"{path} {Show(model)} (preset: {Show(preset)})" : $"{path} (replaced)");
        }
    }

    /// <summary>The entries' names when every entry of <paramref name="list"/> is an object with a name (mechanisms) or a definition (hazard ratios); else <see langword="null"/>.</summary>
    private static string[]? Names(JsonArray list)
    {
        string?[] names = [.. list.Select(e => e is JsonObject entry && (entry["name"] ?? entry["definition"]) is JsonValue v && v.TryGetValue(out string? name) ? name : null)];
        return names.All(n => n is not null) ? [.. names.Select(n => n!)] : null;
    }

    /// <summary>The changes from its preset that <see cref="Describe"/> wrote into the model's description, or <see langword="null"/> for none.</summary>
    public static string? ChangesOf(Scenario scenario)
    {
        string marker = $"Changed from the {Presets.Get(scenario.BasedOn).Name} preset: ";
        int at = scenario.Model.Description.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : scenario.Model.Description[(at + marker.Length)..];
    }

    private static string Show(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString() ?? "null";
}
