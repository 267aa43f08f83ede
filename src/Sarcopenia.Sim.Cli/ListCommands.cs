using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>Commands that list what the library ships: presets, definitions, population locations and the scenario schema.</summary>
internal static class ListCommands
{
    private const string SchemaResource = "Sarcopenia.Sim.Cli.scenario.schema.json";
    private const string ProjectionSchemaResource = "Sarcopenia.Sim.Cli.projection.schema.json";

    public static Command Presets(CliContext context)
    {
        var command = new Command("presets", "List the parameter presets with their descriptions and sources.");
        command.SetAction(_ =>
        {
            WriteRecords(context, ["Preset", "Description", "Sources"], Scenarios.Presets.All.Select(preset => (string[])
            [
                preset.Name,
                preset.Description,
                string.Join("\n", preset.Sources.Select(s => "- " + s)),
            ]));
            context.WriteLine("Every number and its source: docs/presets.md. Use one with --preset NAME or \"basedOn\": \"NAME\".");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Definitions(CliContext context)
    {
        var command = new Command("definitions", "List the sarcopenia definitions with their cut-offs and sources.");
        command.SetAction(_ =>
        {
            WriteRecords(context, ["Definition", "Low mass", "Low grip, kg", "Low gait, m/s", "Stages", "Source"], Staging.Definitions.All.Select(definition => (string[])
            [
                definition.Name,
                $"{definition.MassMeasure} {definition.LowMass}{(definition.LowMassBia is Cutoff bia ? $" (by BIA {bia})" : "")}",
                definition.LowGrip.ToString(),
                definition.LowGait.ToString(),
                string.Join(", ", definition.Stages.Where(s => s != Stage.None).Select(s => StageNames.Short(definition, s))),
                definition.Citation,
            ]));
            context.WriteLine("Cut-offs are for women (F) and men (M). Use one with --definition NAME or \"model\": { \"definition\": \"NAME\" }.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Populations(CliContext context)
    {
        var search = new Option<string?>("--search") { Description = "Only locations whose name or code contains this text (case, spaces and punctuation ignored)." };
        var command = new Command("populations", "List the countries, areas and aggregates with population data (WPP 2019, and EU-27, EU-28 built from their members) and their UN codes, for 'sarcosim project --population'.");
        command.Options.Add(search);
        command.SetAction(parse =>
        {
            string? text = parse.GetValue(search);
            IReadOnlyList<Location> found = text is null ? Wpp2019.Locations : Wpp2019.SearchLocations(text);
            foreach (Location location in found)
            {
                string code = location.Code?.ToString(CultureInfo.InvariantCulture) ?? "";
                context.WriteLine($"{code,5}  {location.Name} ({location.Kind}{(location.Kind == LocationKind.Union ? $", {location.Members.Length} members" : "")})");
            }

            if (found.Count == 0)
            {
                throw new UsageException($"--search {text} is not allowed; expected part of a location's name or its code (no location matches){NameSuggester.Hint(text ?? "", Wpp2019.Locations.Select(l => l.Name))}");
            }

            context.WriteLine($"{found.Count} of {Wpp2019.Locations.Count} locations. Source: {Wpp2019.Citation}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Schema(CliContext context)
    {
        var generate = new Option<bool>("--generate") { Description = "Generate the schema from the library instead (how schemas/scenario.schema.json and schemas/projection.schema.json are made; descriptions need the library's XML documentation beside it)." };
        var projection = new Option<bool>("--projection") { Description = "The schema of projection files (sarcosim project, compare): a scenario file with population, interventions, uncertainty and replicates (also shipped as schemas/projection.schema.json)." };
        var command = new Command("schema", "Print the JSON Schema of scenario files (also shipped as schemas/scenario.schema.json); with --projection, of projection files.");
        command.Options.Add(generate);
        command.Options.Add(projection);
        command.SetAction(parse =>
        {
            bool projectionFiles = parse.GetValue(projection);
            if (parse.GetValue(generate))
            {
                context.Console.Profile.Out.Writer.Write(projectionFiles ? ProjectionSchema.Generate() : ScenarioSchema.Generate());
                return ExitCodes.Success;
            }

            // The shipped file itself (a test keeps it equal to the generated one), so the printed schema never depends
            // on which documentation files an installation happens to hold.
            string resource = projectionFiles ? ProjectionSchemaResource : SchemaResource;
            using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
            using var reader = new StreamReader(stream);
            context.Console.Profile.Out.Writer.Write(reader.ReadToEnd());
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Table NewTable(IAnsiConsole console) =>
        new Table().Border(console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii);

    /// <summary>
    /// Writes one record per row: a table on an interactive terminal; when output is redirected, plain lines that are
    /// never wrapped (a table squeezed into the default 80 columns split words such as "Presarcope nia"), the first
    /// field as a heading and the others as indented "name: value" lines.
    /// </summary>
    private static void WriteRecords(CliContext context, string[] headers, IEnumerable<string[]> rows)
    {
        if (!context.Console.Profile.Capabilities.Interactive)
        {
            foreach (string[] row in rows)
            {
                context.WriteLine(row[0]);
                for (int i = 1; i < headers.Length; i++)
                {
                    string[] lines = row[i].Split('\n');
                    context.WriteLine(lines.Length == 1 ? $"  {headers[i]}: {row[i]}" : $"  {headers[i]}:");
                    foreach (string line in lines.Length == 1 ? [] : lines)
                    {
                        context.WriteLine($"    {line}");
                    }
                }
            }

            return;
        }

        Table table = NewTable(context.Console);
        foreach (string header in headers)
        {
            table.AddColumn(header);
        }

        foreach (string[] row in rows)
        {
            table.AddRow([.. row.Select(cell => new Text(cell.Replace("\n", Environment.NewLine, StringComparison.Ordinal)))]);
        }

        context.Console.Write(table);
    }
}
