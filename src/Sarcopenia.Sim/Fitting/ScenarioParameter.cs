using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Fitting;

/// <summary>
/// A number in a scenario named by its path in scenario files (<c>model.massLoss.medianRate.female</c>,
/// <c>model.strength.qualityDeclinePerYear.female.values[2]</c>), with the range validation allows it. Values are set
/// by writing the scenario to JSON with <see cref="ScenarioJson"/>, editing the node and reading it back with
/// <see cref="ScenarioFile.Parse"/>, so a bad value is reported by the same path, and validated, as in a file.
/// </summary>
/// <param name="Path">The path, as in a scenario file.</param>
/// <param name="Lower">The least value validation allows.</param>
/// <param name="Upper">The largest value validation allows, or <see langword="null"/> for no bound.</param>
internal sealed partial record ScenarioParameter(string Path, double Lower, double? Upper)
{
    /// <summary>Finds <paramref name="path"/> in <paramref name="scenario"/> and its validation range.</summary>
    /// <exception cref="ScenarioException">The path names no number of the scenario, or one that validation does not bound, or a whole number.</exception>
    public static ScenarioParameter Of(Scenario scenario, string path, string source)
    {
        double value = Get(ScenarioJson.ToNode(scenario), path, source);
        var v = new ParameterValidator();
        scenario.Model.Validate(v);
        scenario.Cohort.Validate(v);
        ParameterRange? range = v.Ranges.LastOrDefault(r => r.Path == path);
        if (range is null)
        {
            throw Error(source, path, $"{path} = {ParameterValidator.Format(value)} has no range that validation checks, so it cannot be fitted; expected a parameter of the model with a range (see 'sarcosim schema').");
        }

        var parameter = new ScenarioParameter(path, range.Minimum, range.Maximum);

        // Whole-number fields (ages) refuse fractions; a continuous optimiser cannot fit them.
        double inside = parameter.Inside(value) + (parameter.Span is double span ? span * FractionProbe : FractionProbe);
        try
        {
            With(scenario, [parameter], [parameter.Clamp(inside)], source);
        }
        catch (ScenarioException)
        {
            throw Error(source, path, $"{path} = {ParameterValidator.Format(value)} cannot be fitted: it takes whole numbers only, and the optimiser moves parameters continuously; expected a parameter that may take any value in its range.");
        }

        return parameter;
    }

    // A small step off the start to see whether the field accepts fractions.
    private const double FractionProbe = 1e-3;

    /// <summary>The width of the range, or <see langword="null"/> without an upper bound.</summary>
    public double? Span => Upper - Lower;

    /// <summary>The value of this parameter in <paramref name="scenario"/>.</summary>
    public double ValueIn(Scenario scenario, string source) => Get(ScenarioJson.ToNode(scenario), Path, source);

    /// <summary><paramref name="value"/> moved strictly inside the range (the transform never reaches the bounds).</summary>
    public double Inside(double value)
    {
        double margin = (Span ?? Math.Max(1, Math.Abs(value))) * BoundMargin;
        return Math.Min(Math.Max(value, Lower + margin), Upper is double upper ? upper - margin : double.MaxValue);
    }

    // How far inside a bound a start value is moved, as a share of the range: the transform maps bounds to infinity.
    private const double BoundMargin = 1e-6;

    /// <summary>The unbounded coordinate of <paramref name="value"/>: the logit of its place in the range, or the log of its distance above a lone lower bound.</summary>
    public double ToFree(double value)
    {
        double x = Inside(value);
        if (Span is double span)
        {
            double share = (x - Lower) / span;
            return Math.Log(share / (1 - share));
        }

        return Math.Log(x - Lower);
    }

    /// <summary>The value at the unbounded coordinate <paramref name="free"/> (the inverse of <see cref="ToFree"/>), always inside the range.</summary>
    public double FromFree(double free) =>
        Span is double span ? Clamp(Lower + (span / (1 + Math.Exp(-free)))) : Clamp(Lower + Math.Exp(free));

    private double Clamp(double value) => Math.Min(Math.Max(value, Lower), Upper ?? double.MaxValue);

    /// <summary>
    /// <paramref name="scenario"/> with <paramref name="parameters"/> set to <paramref name="values"/>, read back through
    /// the scenario-file reader, so that validation applies.
    /// </summary>
    /// <exception cref="ScenarioException">A value is invalid (named by its path).</exception>
    public static Scenario With(Scenario scenario, IReadOnlyList<ScenarioParameter> parameters, IReadOnlyList<double> values, string source)
    {
        JsonNode root = ScenarioJson.ToNode(scenario);
        for (int i = 0; i < parameters.Count; i++)
        {
            (JsonNode parent, object key) = Locate(root, parameters[i].Path, source);
            JsonValue number = JsonValue.Create(values[i]);
            if (key is int index)
            {
                parent.AsArray()[index] = number;
            }
            else
            {
                parent.AsObject()[(string)key] = number;
            }
        }

        return ScenarioFile.Parse(root.ToJsonString(ScenarioJson.Options), source);
    }

    private static double Get(JsonNode root, string path, string source)
    {
        (JsonNode parent, object key) = Locate(root, path, source);
        JsonNode? node = key is int index ? parent.AsArray()[index] : parent.AsObject()[(string)key];
        if (node is JsonValue value && value.TryGetValue(out double number))
        {
            return number;
        }

        throw Error(source, path, $"{path} is {(node is null ? "null" : node.ToJsonString())}, not a number; expected the path of a number, e.g. model.massLoss.medianRate.female.");
    }

    /// <summary>The container of the node at <paramref name="path"/> and its key there (a property name or an index).</summary>
    private static (JsonNode Parent, object Key) Locate(JsonNode root, string path, string source)
    {
        JsonNode parent = root;
        object? key = null;
        string walked = "";
        foreach (Match step in StepPattern().Matches(path))
        {
            if (key is not null)
            {
                parent = (key is int i ? parent.AsArray()[i] : parent.AsObject()[(string)key])
                    ?? throw Error(source, path, $"{walked} is null, so {path} does not exist; expected a path to a number.");
            }

            if (step.Groups["name"].Success)
            {
                string name = step.Groups["name"].Value;
                if (parent is not JsonObject obj || !obj.ContainsKey(name))
                {
                    IEnumerable<string> names = parent is JsonObject o ? o.Select(p => p.Key) : [];
                    throw Error(source, path, $"{path}: {(walked.Length == 0 ? "the scenario" : walked)} has no field '{name}'; expected one of {string.Join(", ", names)}{NameSuggester.Hint(name, names)}");
                }

                key = name;
                walked = walked.Length == 0 ? name : $"{walked}.{name}";
            }
            else
            {
                int index = int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture);
                if (parent is not JsonArray array || index >= array.Count)
                {
                    throw Error(source, path, $"{path}: {walked} {(parent is JsonArray a ? $"has {a.Count} entries, so [{index}] does not exist; expected an index from 0 to {a.Count - 1}" : "is not a list, so it has no index")}.");
                }

                key = index;
                walked += $"[{index}]";
            }
        }

        if (key is null || StepPattern().Replace(path, "").Trim('.').Length > 0)
        {
            throw Error(source, path, $"\"{path}\" is not a path; expected field names separated by dots with list indexes in brackets, e.g. model.strength.qualityDeclinePerYear.female.values[2].");
        }

        return (parent, key);
    }

    private static ScenarioException Error(string source, string path, string message) => new(source, [new ScenarioError(path, message)]);

    [GeneratedRegex(@"(?:^|\.)(?<name>[A-Za-z$][A-Za-z0-9_$]*)|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();
}
