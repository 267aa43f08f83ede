using System.CommandLine;
using System.Globalization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary><c>sarcosim person --id N [scenario.json]</c>: replays one person's life, year by year, exactly as in the run.</summary>
internal static class PersonCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        Option<long?> id = CliOptions.Count("--id", null, "The person's id, 0 .. people - 1.", 0, CohortSpec.MaxPeople - 1);
        id.Required = true;
        var command = new Command("person", "Replay one person's whole life year by year (identical to their life in 'run' with the same scenario, seed and people).");
        command.Options.Add(id);
        input.AddTo(command);
        command.SetAction(parse =>
        {
            Scenario scenario = input.Load(parse);
            long person = parse.GetValue(id)!.Value;
            if (person >= scenario.Cohort.People)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--id {person} is not allowed; expected a person id from 0 to {scenario.Cohort.People - 1:N0} (the cohort has {scenario.Cohort.People:N0} people; --people changes that)."));
            }

            PersonLife life = Simulation.TracePerson(scenario.Model, scenario.Cohort, scenario.Seed, person);
            Print(context.Console, scenario, life);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, Scenario scenario, PersonLife life)
    {
        Table table = ListCommands.NewTable(console)
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Person {life.PersonId}: {life.Sex}, {life.Ancestry} ancestry ({scenario.Name}; {scenario.Model.Name}, {scenario.Model.Definition.Name}, seed {scenario.Seed})")))
            .AddColumn(new TableColumn("Age").RightAligned())
            .AddColumn("Alive")
            .AddColumn(new TableColumn("ASM, kg").RightAligned())
            .AddColumn(new TableColumn("ASMI, kg/m²").RightAligned())
            .AddColumn(new TableColumn("Grip, kg").RightAligned())
            .AddColumn(new TableColumn("Gait, m/s").RightAligned())
            .AddColumn(new TableColumn("Loss, %/yr").RightAligned())
            .AddColumn("Stage");
        foreach (LifeYear year in life.Years)
        {
            string[] measures = year.Alive
                ? [Format(year.AsmKg, "0.00"), Format(year.AsmiKgPerM2, "0.00"), Format(year.GripKg, "0.0"), Format(year.GaitMps, "0.00"), Format(year.LossPercent, "0.00")]
                : ["", "", "", "", ""];
            table.AddRow([year.Age.ToString(CultureInfo.InvariantCulture), year.Alive ? "yes" : "dead", .. measures, year.Alive ? year.Stage.ToString() : ""]);
        }

        console.Write(table);
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
