using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim validate [scenario.json]</c>: checks a scenario or projection file without running it. Without a file it
/// checks the embedded default, so <c>sarcosim validate --resolved</c> prints a complete scenario to start a new file from.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var resolved = new Option<bool>("--resolved") { Description = "Print the complete scenario (every field, the preset's values filled in) as JSON." };
        var command = new Command("validate", "Check a scenario or projection file (or the embedded default scenario) without running it; with --resolved, print it with every field filled in.");
        input.AddTo(command);
        command.Options.Add(resolved);
        command.SetAction(parse =>
        {
            // A file with a projection's sections is checked as 'project' reads it (the same errors), not as a scenario.
            if (parse.GetValue(input.File) is string path && File.Exists(path) && ProjectionFile.IsProjection(File.ReadAllText(path)))
            {
                return ValidateProjection(context, path, ProjectionFile.Load(path, input.Overrides(parse)), parse.GetValue(resolved));
            }

            Scenario scenario = input.Load(parse);
            if (parse.GetValue(resolved))
            {
                context.WriteLine(ScenarioFile.Serialize(scenario));
            }
            else
            {
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{input.SourceName(parse)} is valid: \"{scenario.Name}\", {scenario.Model.Name} preset, definition {scenario.Model.Definition.Name}, "
                    + $"{scenario.Cohort.People:N0} people aged {scenario.Cohort.StartAge}-{scenario.Cohort.EndAge}, ancestry {scenario.Cohort.Ancestry.Name}, seed {scenario.Seed}."));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static int ValidateProjection(CliContext context, string path, ProjectionFile file, bool resolved)
    {
        if (resolved)
        {
            // The scenario with every field filled in, and the projection's own sections as the file gives them.
            var json = (JsonObject)JsonNode.Parse(ScenarioFile.Serialize(file.Scenario))!;
            var given = (JsonObject)JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
            foreach (string section in ProjectionFile.Sections)
            {
                if (given[section] is JsonNode node)
                {
                    json[section] = node.DeepClone();
                }
            }

            context.WriteLine(json.ToJsonString(ScenarioJson.Options));
            return ExitCodes.Success;
        }

        MicrosimSetup s = file.Setup;
        string interventions = s.Interventions.Length == 0 ? "no interventions" : $"interventions {string.Join(", ", s.Interventions.Select(i => i.Name))}";
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)} is a valid projection file: \"{file.Scenario.Name}\", {file.Scenario.Model.Name} preset, definition {file.Scenario.Model.Definition.Name}, "
            + $"{s.Population.Location.Label} {s.BaseYear}-{s.Horizon}, ages {s.FirstAge}-{s.LastAge}, 1 simulated person : {s.Scale:N0} people, "
            + $"{(file.Replicates is int r ? $"{r} replicates" : "the tool's replicates")}, {file.Uncertainty.Count} parameter distributions, {interventions}, seed {file.Scenario.Seed}."));
        return ExitCodes.Success;
    }
}
