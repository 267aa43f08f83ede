using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// A projection file: a scenario file with four more sections, <c>population</c> (where, which years, which scaling),
/// <c>interventions</c>, <c>uncertainty</c> (parameters with distributions) and <c>replicates</c>
/// (docs/scenario-files.md). The rest is read as a scenario file, over its preset.
/// </summary>
/// <param name="Scenario">The scenario (model, cohort, seed).</param>
/// <param name="Setup">The projection: the scenario with the population, life tables, years, scale and interventions.</param>
/// <param name="Uncertainty">Parameters drawn per replicate.</param>
/// <param name="Replicates">Replicates asked for, or <see langword="null"/> when the file gives none.</param>
public sealed record ProjectionFile(Scenario Scenario, MicrosimSetup Setup, IReadOnlyList<ParameterDistribution> Uncertainty, int? Replicates)
{
    /// <summary>The country of a file without a population section, a country the README names.</summary>
    public const string DefaultCountry = "Japan";

    /// <summary>The top-level sections a projection file adds to a scenario file; a file with any of them is a projection file.</summary>
    public static IReadOnlyList<string> Sections { get; } = ["population", "interventions", "uncertainty", "replicates"];

    /// <summary>The fields of <c>population</c>, for the reader and <see cref="ProjectionSchema"/>.</summary>
    internal static readonly ProjectionField[] PopulationFields =
    [
        new("country", "string", $"A WPP 2019 country, area or aggregate by name or UN code, or EU-27, EU-28 ('sarcosim populations' lists them); with file, which of its locations. Default {DefaultCountry}."),
        new("file", "string", "Your own population table (long CSV country,year,sex,age,population), relative to the projection file."),
        new("lifeTables", "string", "Your own life tables (long CSV of central death rates or probabilities), relative to the projection file; default WPP 2019's for the location."),
        new("baseYear", "integer", $"Everyone alive then enters at their age; a year of the population table (default {MicrosimSetup.DefaultBaseYear})."),
        new("horizon", "integer", $"The last year projected, from the base year on, within the population's and life tables' years (default {MicrosimSetup.DefaultHorizon})."),
        new("variant", "string", "WPP 2019's projection after 2020 (default medium).", Choices: ["medium", "low", "high"]),
        new("scale", "number", $"Real people per simulated person (default {MicrosimSetup.DefaultScale}); every birth cohort must get at least one simulated person.", 1, 1e9),
    ];

    /// <summary>The fields of an intervention.</summary>
    internal static readonly ProjectionField[] InterventionFields =
    [
        new("name", "string", $"A named intervention ({string.Join(", ", Interventions.All.Select(i => i.Name))}) or your own, with strengthSmd."),
        new("strengthSmd", "number", "The effect on strength as a standardized mean difference (required for your own).", -2, 3),
        new("strengthSmdSe", "number", "Its standard error: each replicate draws the SMD from a normal with this SD (0 = fixed).", 0, 2),
        new("lossRateRatio", "number", "Multiplies the annual mass-loss rate of the enrolled (default 1, no effect).", 0.05, 20),
        new("startYear", "integer", "The first calendar year anyone is enrolled (default the base year).", 1950, 2100),
        new("minAge", "integer", "The youngest age enrolled (default 65).", 18, 120),
        new("maxAge", "integer", "The oldest age enrolled (default 120).", 18, 120),
        new("sex", "string", "The sex enrolled (default both).", Choices: ["female", "male"]),
        new("coverage", "number", "The share of the target group the programme reaches (default 1).", 0, 1),
        new("adherence", "number", "The share of those reached who keep to it (default 1).", 0, 1),
        new("waningHalfLifeYears", "number", "The half-life of the effect from enrolment (default none: a lasting effect).", Parameters.Mechanism.MinWaningHalfLifeYears, Parameters.Mechanism.MaxWaningHalfLifeYears),
        new("stages", "array", "The measured stages enrolled, by the definition's names (e.g. Probable, or AWGS 2019's Possible): people reached are screened every year of the target ages and enrolled the first year their stage at the end of the year before is one of them (default every stage).",
            Choices: [.. Staging.Definitions.All.SelectMany(d => d.Stages.SelectMany(stage => new[] { stage.ToString(), d.NameOf(stage) })).Distinct()]),
        new("source", "string", "Where your own effect comes from."),
    ];

    /// <summary>The fields of a parameter's distribution.</summary>
    internal static readonly ProjectionField[] DistributionFields =
    [
        new("path", "string", "A number of the scenario by its scenario-file path, e.g. model.massLoss.medianRate.female."),
        new("distribution", "string", "The distribution and the fields it needs: normal (mean, sd), lognormal (median, sdLog), beta (alpha, beta), uniform (min, max), triangular (min, mode, max).",
            Choices: ["normal", "lognormal", "log-normal", "beta", "uniform", "triangular"]),
        new("mean", "number", "Normal: the mean."),
        new("sd", "number", "Normal: the standard deviation."),
        new("median", "number", "Log-normal: the median."),
        new("sdLog", "number", "Log-normal: the SD of the logarithm."),
        new("alpha", "number", "Beta: the first shape."),
        new("beta", "number", "Beta: the second shape."),
        new("min", "number", "Uniform and triangular: the lowest value."),
        new("mode", "number", "Triangular: the most likely value."),
        new("max", "number", "Uniform and triangular: the highest value."),
    ];

    /// <summary>The <c>replicates</c> field.</summary>
    internal static readonly ProjectionField ReplicatesField = new("replicates", "integer", "Monte Carlo replicates (default 20, the tool's).", 1, MaxReplicates);

    /// <summary>Whether <paramref name="json"/> is a projection file: a JSON object with any of the projection's sections.</summary>
    /// <remarks>A scenario file without them is projected too (over the default population), but is checked as a scenario file.</remarks>
    public static bool IsProjection(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            JsonObject root = ScenarioFile.ParseObject(json, "");
            return Sections.Any(root.ContainsKey);
        }
        catch (ScenarioException)
        {
            // Not readable JSON: the scenario reader reports what is wrong with it.
            return false;
        }
    }

    /// <summary>Reads a projection file; relative table paths are taken from the file's folder.</summary>
    /// <exception cref="ScenarioException">The file cannot be read or a field is wrong (named by its path).</exception>
    /// <exception cref="TableFileException">A population or life-table file is malformed (named by file, line and column).</exception>
    public static ProjectionFile Load(string path, ScenarioOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ScenarioException(path, [new ScenarioError("", $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", overrides);
    }

    /// <summary>Parses a projection file's text.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">How errors name the file.</param>
    /// <param name="folder">Where relative table paths start.</param>
    /// <param name="overrides">Values that replace the scenario's.</param>
    /// <exception cref="ScenarioException">A field is wrong (named by its path).</exception>
    /// <exception cref="TableFileException">A population or life-table file is malformed.</exception>
    public static ProjectionFile Parse(string json, string source, string folder, ScenarioOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        // As scenario files: comments and trailing commas are accepted, and syntax errors and repeated fields named.
        JsonObject root = ScenarioFile.ParseObject(json, source);
        JsonObject population = Take(root, "population") as JsonObject ?? [];
        JsonNode? interventions = Take(root, "interventions");
        JsonNode? uncertainty = Take(root, "uncertainty");
        JsonNode? replicates = Take(root, "replicates");
        Scenario scenario = ScenarioFile.Parse(root.ToJsonString(), source, overrides);
        var reader = new Reader(source);
        MicrosimSetup setup = Population(reader, population, scenario, folder);
        setup = setup with
        {
            Interventions = [.. List(reader, interventions, "interventions").Select((node, i) => Intervention(reader, node, $"interventions[{i}]", scenario.Model.Definition))],
        };
        ParameterDistribution[] distributions = [.. List(reader, uncertainty, "uncertainty").Select((node, i) => Distribution(reader, node, $"uncertainty[{i}]"))];
        int? count = (int?)reader.Number(replicates, "replicates", ReplicatesField);
        reader.ThrowIfAny();
        try
        {
            setup.Validate();
        }
        catch (ParameterValidationException e)
        {
            throw new ScenarioException(source, [.. e.Errors.Select(x => new ScenarioError(x.Path, x.ToString()))]);
        }

        return new ProjectionFile(scenario, setup, distributions, count);
    }

    // More replicates than this add nothing to 2.5/97.5 % points but time.
    private const int MaxReplicates = 10_000;


    private static JsonNode? Take(JsonObject root, string name)
    {
        JsonNode? node = root[name];
        root.Remove(name);
        return node;
    }

    private static IEnumerable<JsonObject> List(Reader reader, JsonNode? node, string path)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            reader.Fail(path, $"{path} is {node.ToJsonString()}; expected a list of objects");
            return [];
        }

        var objects = new List<JsonObject>();
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject o)
            {
                objects.Add(o);
            }
            else
            {
                reader.Fail($"{path}[{i}]", $"{path}[{i}] is {array[i]?.ToJsonString() ?? "null"}; expected an object");
            }
        }

        return objects;
    }

    private static MicrosimSetup Population(Reader reader, JsonObject node, Scenario scenario, string folder)
    {
        reader.Known(node, "population", PopulationFields);
        string? file = reader.Text(node, "population", "file");
        string? lifeFile = reader.Text(node, "population", "lifeTables");
        string? country = reader.Text(node, "population", "country");
        PopulationVariant variant = PopulationVariant.Medium;
        if (reader.Text(node, "population", "variant") is string v && !Enum.TryParse(v, ignoreCase: true, out variant))
        {
            reader.Fail("population.variant", $"population.variant \"{v}\" is not allowed; expected medium, low or high");
        }

        PopulationTable people;
        PeriodLifeTables deaths;
        if (file is not null)
        {
            people = Pick(reader, DemographyCsv.ReadPopulation(Path.Combine(folder, file)), country, "population.file", file, t => t.Location);
            if (lifeFile is null)
            {
                if (!Wpp2019.TryFindLocation(people.Location.Name, out Location? wpp))
                {
                    throw Fail(reader, "population.lifeTables", $"population.lifeTables is missing; {people.Location.Name} in {file} is not a location of WPP 2019, so its life tables must be given (a long CSV, docs/projection.md)");
                }

                deaths = Wpp2019.LifeTables(wpp);
            }
            else
            {
                deaths = Pick(reader, DemographyCsv.ReadLifeTables(Path.Combine(folder, lifeFile)), country, "population.lifeTables", lifeFile, t => t.Location);
            }
        }
        else
        {
            if (!Wpp2019.TryFindLocation(country ?? DefaultCountry, out Location? location))
            {
                throw Fail(reader, "population.country",
                    $"population.country \"{country}\" is not a location of WPP 2019; expected a country, area or aggregate by name or UN code, or EU-27 or EU-28 ('sarcosim populations' lists them){NameSuggester.Hint(country!, Wpp2019.Locations.Select(l => l.Name))}");
            }

            try
            {
                people = Wpp2019.Population(location, variant);
            }
            catch (ArgumentException e)
            {
                throw Fail(reader, "population.variant", $"population.variant {variant}: {e.Message[..e.Message.LastIndexOf(" (Parameter", StringComparison.Ordinal)]}");
            }

            deaths = lifeFile is null ? Wpp2019.LifeTables(location) : Pick(reader, DemographyCsv.ReadLifeTables(Path.Combine(folder, lifeFile)), country, "population.lifeTables", lifeFile, t => t.Location);
        }

        int baseYear = (int)(reader.Number(node["baseYear"], "population.baseYear", people.FirstYear, people.LastYear) ?? MicrosimSetup.DefaultBaseYear);
        return new MicrosimSetup
        {
            Scenario = scenario,
            Population = people,
            LifeTables = deaths,
            BaseYear = baseYear,
            Horizon = (int)(reader.Number(node["horizon"], "population.horizon", baseYear, people.LastYear) ?? Math.Min(MicrosimSetup.DefaultHorizon, people.LastYear)),
            Scale = reader.Number(node["scale"], "population.scale", Field(PopulationFields, "scale")) ?? MicrosimSetup.DefaultScale,
        };
    }

    private static T Pick<T>(Reader reader, IReadOnlyList<T> tables, string? country, string field, string file, Func<T, Location> location)
    {
        if (country is null)
        {
            return tables.Count == 1
                ? tables[0]
                : throw Fail(reader, field, $"{field} {file} holds {tables.Count} locations ({string.Join(", ", tables.Select(t => location(t).Name))}); choose one with population.country");
        }

        return tables.FirstOrDefault(t => string.Equals(location(t).Name, country, StringComparison.OrdinalIgnoreCase) || (Wpp2019.TryFindLocation(country, out Location? l) && l == location(t)))
            ?? throw Fail(reader, "population.country", $"population.country \"{country}\" is not in {file}; expected one of {string.Join(", ", tables.Select(t => location(t).Name))}{NameSuggester.Hint(country, tables.Select(t => location(t).Name))}");
    }

    private static Intervention Intervention(Reader reader, JsonObject node, string path, Staging.SarcopeniaDefinition definition)
    {
        reader.Known(node, path, InterventionFields);
        string? name = reader.Text(node, path, "name");
        Intervention? preset = name is null ? null : Interventions.All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
        double? smd = reader.Number(node["strengthSmd"], $"{path}.strengthSmd", Field(InterventionFields, "strengthSmd"));
        if (preset is null && smd is null)
        {
            reader.Fail($"{path}.name", $"{path}.name \"{name}\" is not an intervention; expected one of {string.Join(", ", Interventions.All.Select(i => i.Name))}{NameSuggester.Hint(name ?? "", Interventions.All.Select(i => i.Name))}, or a strengthSmd of your own");
            return Interventions.ResistanceTraining;
        }

        Sex? sex = null;
        if (reader.Text(node, path, "sex") is string s)
        {
            sex = Enum.TryParse(s, ignoreCase: true, out Sex parsed) ? parsed : null;
            if (sex is null)
            {
                reader.Fail($"{path}.sex", $"{path}.sex \"{s}\" is not allowed; expected female or male (leave it out for both)");
            }
        }

        Intervention baseOn = preset ?? new Intervention(name ?? "Custom", smd!.Value, 0, reader.Text(node, path, "source") ?? "user-supplied");
        return baseOn with
        {
            StrengthSmd = smd ?? baseOn.StrengthSmd,
            StrengthSmdSe = reader.Number(node["strengthSmdSe"], $"{path}.strengthSmdSe", Field(InterventionFields, "strengthSmdSe")) ?? baseOn.StrengthSmdSe,
            LossRateRatio = reader.Number(node["lossRateRatio"], $"{path}.lossRateRatio", Field(InterventionFields, "lossRateRatio")) ?? baseOn.LossRateRatio,
            StartYear = (int?)reader.Number(node["startYear"], $"{path}.startYear", Field(InterventionFields, "startYear")) ?? baseOn.StartYear,
            MinAge = (int)(reader.Number(node["minAge"], $"{path}.minAge", Field(InterventionFields, "minAge")) ?? baseOn.MinAge),
            MaxAge = (int)(reader.Number(node["maxAge"], $"{path}.maxAge", Field(InterventionFields, "maxAge")) ?? baseOn.MaxAge),
            Sex = sex,
            Coverage = reader.Number(node["coverage"], $"{path}.coverage", Field(InterventionFields, "coverage")) ?? baseOn.Coverage,
            Adherence = reader.Number(node["adherence"], $"{path}.adherence", Field(InterventionFields, "adherence")) ?? baseOn.Adherence,
            WaningHalfLifeYears = reader.Number(node["waningHalfLifeYears"], $"{path}.waningHalfLifeYears", Field(InterventionFields, "waningHalfLifeYears")) ?? baseOn.WaningHalfLifeYears,
            Stages = node["stages"] is JsonNode stages ? Stages(reader, stages, $"{path}.stages", definition) : baseOn.Stages,
        };
    }

    /// <summary>An intervention's stages by the definition's names (<c>Probable</c> or AWGS 2019's <c>Possible</c>), each once.</summary>
    private static EquatableArray<Stage> Stages(Reader reader, JsonNode node, string path, Staging.SarcopeniaDefinition definition)
    {
        string allowed = $"a stage of {definition.Name}: {definition.StageNamesText()}";
        if (node is not JsonArray { Count: > 0 } array)
        {
            reader.Fail(path, $"{path} is {node.ToJsonString()}; expected a non-empty list of stages, each {allowed} (leave it out to enrol every stage)");
            return [];
        }

        var found = new List<Stage>();
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.TryGetValue(out string? text) && definition.TryFindStage(text, out Stage stage))
            {
                if (!found.Contains(stage))
                {
                    found.Add(stage);
                }

                continue;
            }

            string shown = array[i]?.ToJsonString() ?? "null";
            IEnumerable<string> names = definition.Stages.Select(definition.NameOf);
            reader.Fail($"{path}[{i}]", $"{path}[{i}] {shown} is not allowed; expected {allowed}{NameSuggester.Hint(shown.Trim('"'), names)}");
        }

        return [.. found];
    }

    private static ParameterDistribution Distribution(Reader reader, JsonObject node, string path)
    {
        reader.Known(node, path, DistributionFields);
        string target = reader.Text(node, path, "path") ?? "";
        if (target.Length == 0)
        {
            reader.Fail($"{path}.path", $"{path}.path is missing; expected a scenario-file path of a number, e.g. model.massLoss.medianRate.female");
        }

        string kind = reader.Text(node, path, "distribution") ?? "";
        double N(string field) => reader.Number(node[field], $"{path}.{field}", double.MinValue, double.MaxValue) ?? Missing(field);
        double Missing(string field)
        {
            reader.Fail($"{path}.{field}", $"{path}.{field} is missing; a {kind} distribution needs it");
            return 1;
        }

        return kind.ToLowerInvariant() switch
        {
            "normal" => new(target, DistributionKind.Normal, N("mean"), N("sd")),
            "lognormal" or "log-normal" => new(target, DistributionKind.LogNormal, N("median"), N("sdLog")),
            "beta" => new(target, DistributionKind.Beta, N("alpha"), N("beta")),
            "uniform" => new(target, DistributionKind.Uniform, N("min"), N("max")),
            "triangular" => new(target, DistributionKind.Triangular, N("min"), N("mode"), N("max")),
            _ => Unknown(),
        };

        ParameterDistribution Unknown()
        {
            reader.Fail($"{path}.distribution", $"{path}.distribution \"{kind}\" is not allowed; expected normal, lognormal, beta, uniform or triangular{NameSuggester.Hint(kind, ["normal", "lognormal", "beta", "uniform", "triangular"])}");
            return new(target, DistributionKind.Normal, 0, 0);
        }
    }

    private static ProjectionField Field(ProjectionField[] fields, string name) => fields.First(f => f.Name == name);

    private static ScenarioException Fail(Reader reader, string path, string message)
    {
        reader.Fail(path, message);
        return reader.Exception();
    }

    /// <summary>Collects every problem of the sections read here, so that one run of the tool reports them all.</summary>
    private sealed class Reader(string source)
    {
        private readonly List<ScenarioError> _errors = [];

        public void Fail(string path, string message) => _errors.Add(new ScenarioError(path, message));

        public void Known(JsonObject node, string path, ProjectionField[] fields)
        {
            string[] names = [.. fields.Select(f => f.Name)];
            foreach ((string name, _) in node)
            {
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    Fail($"{path}.{name}", $"{path} has no field '{name}'; expected one of {string.Join(", ", names)}{NameSuggester.Hint(name, names)}");
                }
            }
        }

        /// <summary>A number in the field's range.</summary>
        public double? Number(JsonNode? value, string path, ProjectionField field) =>
            Number(value, path, field.Minimum ?? double.MinValue, field.Maximum ?? double.MaxValue);

        public string? Text(JsonObject node, string path, string field)
        {
            JsonNode? value = node[field];
            if (value is null)
            {
                return null;
            }

            if (value is JsonValue v && v.TryGetValue(out string? text))
            {
                return text;
            }

            Fail($"{path}.{field}", $"{path}.{field} is {value.ToJsonString()}; expected a string");
            return null;
        }

        public double? Number(JsonNode? value, string path, double min, double max)
        {
            if (value is null)
            {
                return null;
            }

            if (value is JsonValue v && v.TryGetValue(out double number) && double.IsFinite(number))
            {
                if (number < min || number > max)
                {
                    Fail(path, string.Create(CultureInfo.InvariantCulture, $"{path} = {ParameterValidator.Format(number)} is not allowed; expected a number from {ParameterValidator.Format(min)} to {ParameterValidator.Format(max)}"));
                    return null;
                }

                return number;
            }

            Fail(path, $"{path} is {value.ToJsonString()}; expected a number");
            return null;
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
            {
                throw Exception();
            }
        }

        public ScenarioException Exception() => new(source, [.. _errors]);
    }
}

/// <summary>One field of a projection file's own sections: what the reader accepts and the schema describes.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Type">Its JSON Schema type.</param>
/// <param name="Description">What it means.</param>
/// <param name="Minimum">The smallest number allowed, if any.</param>
/// <param name="Maximum">The largest number allowed, if any.</param>
/// <param name="Choices">The strings allowed (for an array, its items'), if limited.</param>
internal sealed record ProjectionField(string Name, string Type, string Description, double? Minimum = null, double? Maximum = null, string[]? Choices = null);
