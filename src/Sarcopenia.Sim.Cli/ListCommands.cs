using System.CommandLine;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Staging;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>Commands that list what the library ships: presets, definitions and the scenario schema.</summary>
internal static class ListCommands
{
    public static Command Presets(CliContext context)
    {
        var command = new Command("presets", "List the parameter presets with their descriptions and sources.");
        command.SetAction(_ =>
        {
            Table table = NewTable(context.Console).AddColumn("Preset").AddColumn("Description").AddColumn("Sources");
            foreach (ModelParameters preset in Parameters.Presets.All)
            {
                table.AddRow(
                    new Text(preset.Name),
                    new Text(preset.Description),
                    new Text(string.Join(Environment.NewLine, preset.Sources.Select(s => "- " + s))));
            }

            context.Console.Write(table);
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
            Table table = NewTable(context.Console)
                .AddColumn("Definition").AddColumn("Low mass").AddColumn("Low grip, kg").AddColumn("Low gait, m/s").AddColumn("Stages").AddColumn("Source");
            foreach (SarcopeniaDefinition definition in Staging.Definitions.All)
            {
                table.AddRow(
                    new Text(definition.Name),
                    new Text($"{definition.MassMeasure} {definition.LowMass}"),
                    new Text(definition.LowGrip.ToString()),
                    new Text(definition.LowGait.ToString()),
                    new Text(string.Join(", ", definition.Stages.Where(s => s != Stage.None))),
                    new Text(definition.Citation));
            }

            context.Console.Write(table);
            context.WriteLine("Cut-offs are for women (F) and men (M). Use one with --definition NAME or \"model\": { \"definition\": \"NAME\" }.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Schema(CliContext context)
    {
        var command = new Command("schema", "Print the JSON Schema of scenario files (also shipped as schemas/scenario.schema.json).");
        command.SetAction(_ =>
        {
            context.Console.Profile.Out.Writer.Write(ScenarioSchema.Generate());
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Table NewTable(IAnsiConsole console) =>
        new Table().Border(console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii);
}
