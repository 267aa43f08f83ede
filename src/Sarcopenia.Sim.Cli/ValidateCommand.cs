using System.CommandLine;
using System.Globalization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim validate [scenario.json]</c>: checks a scenario without running it. Without a file it checks the embedded
/// default, so <c>sarcosim validate --resolved</c> prints a complete scenario to start a new file from.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var resolved = new Option<bool>("--resolved") { Description = "Print the complete scenario (every field, the preset's values filled in) as JSON." };
        var command = new Command("validate", "Check a scenario file (or the embedded default) without running it; with --resolved, print it with every field filled in.");
        input.AddTo(command);
        command.Options.Add(resolved);
        command.SetAction(parse =>
        {
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
}
