using System.Text.Json;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Cli.Tests;

public sealed class OtherCommandTests
{
    [Fact]
    public void Presets_ListsEveryPresetWithItsSources()
    {
        CliResult result = Sarcosim.Run("presets");

        Assert.Equal(0, result.ExitCode);
        foreach (ModelParameters preset in Presets.All)
        {
            Assert.Contains(preset.Name, result.Output);
        }

        Assert.Contains("Janssen 2000", result.Output);
    }

    [Fact]
    public void Definitions_ListsEveryDefinitionWithItsCitation()
    {
        CliResult result = Sarcosim.Run("definitions");

        Assert.Equal(0, result.ExitCode);
        foreach (SarcopeniaDefinition definition in Definitions.All)
        {
            Assert.Contains(definition.Name, result.Output);
        }

        Assert.Contains("Age Ageing 2019", result.Output);
    }

    [Fact]
    public void Validate_GoodFile_SaysWhatItHolds()
    {
        using var folder = new TempFolder();
        string file = folder.Write("women.json", """
            // Comments and trailing commas are allowed.
            { "name": "Women 60+", "cohort": { "people": 5000, "startAge": 60, "femaleFraction": 1, }, "model": { "definition": "FNIH" } }
            """);

        CliResult result = Sarcosim.Run("validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("women.json is valid: \"Women 60+\", Evidence preset, definition FNIH, 5,000 people aged 60-100", result.Output);
    }

    [Fact]
    public void Validate_Resolved_PrintsACompleteScenarioThatReadsBack()
    {
        using var folder = new TempFolder();
        string file = folder.Write("s.json", """{ "basedOn": "Review2014", "seed": 3 }""");

        CliResult result = Sarcosim.Run("validate", file, "--resolved");

        Assert.True(result.ExitCode == 0, result.ToString());
        Scenario scenario = ScenarioFile.Parse(result.Output, "printed");
        Assert.Equal("Review2014", scenario.Model.Name);
        Assert.Equal(3UL, scenario.Seed);
        Assert.Equal(result.Output.TrimEnd('\n'), ScenarioFile.Serialize(scenario));
    }

    [Fact]
    public void Person_PrintsTheSameLifeAsTheLibrary()
    {
        CliResult result = Sarcosim.Run("person", "--id", "17", "--people", "1000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Scenario scenario = ScenarioFile.Parse(ScenarioInput.DefaultScenarioJson(), "default", new ScenarioOverrides(People: 1000));
        PersonLife life = Simulation.TracePerson(scenario.Model, scenario.Cohort, scenario.Seed, 17);
        Assert.Contains($"Person 17: {life.Sex}, {life.Ancestry} ancestry", result.Output);
        LifeYear first = life.Years[0];
        Assert.Contains(first.AsmKg.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), result.Output);
        Assert.Equal(life.Years.Count, result.Output.Split('\n').Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\S\s+\d+ ")));
    }

    [Fact]
    public void Person_WithoutId_ExitsTwo()
    {
        CliResult result = Sarcosim.Run("person");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--id", result.Error);
    }

    [Fact]
    public void Schema_PrintsTheShippedSchema()
    {
        CliResult result = Sarcosim.Run("schema");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Repository.PathOf("schemas/scenario.schema.json")), result.Output);
        using JsonDocument schema = JsonDocument.Parse(result.Output);
        Assert.Equal(ScenarioSchema.Id, schema.RootElement.GetProperty("$id").GetString());
        Assert.Equal(result.Output, Sarcosim.Run("schema", "--generate").Output);
    }

    [Theory]
    [InlineData("definitions", "Presarcopenia")]
    [InlineData("presets", "Janssen 2000 J Appl Physiol 89:81")]
    public void Lists_Redirected_NeverSplitAWord(string command, string word)
    {
        CliResult result = Sarcosim.Run(Sarcosim.RedirectedWidth, command);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(word, result.Output);
        foreach (SarcopeniaDefinition definition in Definitions.All)
        {
            Assert.True(command != "definitions" || result.Output.Contains(definition.Citation, StringComparison.Ordinal), definition.Citation);
        }

        foreach (ModelParameters preset in Presets.All)
        {
            Assert.True(command != "presets" || result.Output.Contains(preset.Description, StringComparison.Ordinal), preset.Description);
        }
    }

    [Fact]
    public void Definitions_NameTheStagesInEachDefinitionsWords()
    {
        CliResult result = Sarcosim.Run("definitions");

        Assert.Contains("Stages: Possible, Sarcopenia, Severe", result.Output);
        Assert.Contains("Stages: Weakness, Sarcopenia, Severe", result.Output);

        // AWGS 2019 sets its own low-mass cut-off for impedance (5.7 kg/m² for women against 5.4 by DXA).
        Assert.Contains("Asmi < 5.4 (F) / 7 (M) (by BIA < 5.7 (F) / 7 (M))", result.Output);
    }

    [Fact]
    public void Validate_WithoutAFile_ChecksTheDefaultScenario()
    {
        CliResult result = Sarcosim.Run("validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{ScenarioInput.DefaultScenarioName} is valid", result.Output);
    }

    [Fact]
    public void Validate_Resolved_DescribesTheOverridesThatChangedTheScenario()
    {
        CliResult result = Sarcosim.Run("validate", "--resolved", "--definition", "AWGS2019", "-n", "1e3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Scenario scenario = ScenarioFile.Parse(result.Output, "printed");
        Assert.Contains("Changed from the Evidence preset: definition AWGS2019 (preset: EWGSOP2)", scenario.Model.Description);
        Assert.EndsWith("Run with --definition AWGS2019 -n 1e3.", scenario.Description);
        Assert.DoesNotContain("EWGSOP2 staging", scenario.Description);
    }

    [Fact]
    public void Validate_Resolved_DescribesTheFilesChangesToTheModel()
    {
        using var folder = new TempFolder();
        string file = folder.Write("s.json", """{ "model": { "massLoss": { "personalSigma": 0.6 } } }""");

        CliResult result = Sarcosim.Run("validate", file, "--resolved");

        Scenario scenario = ScenarioFile.Parse(result.Output, "printed");
        Assert.Contains("massLoss.personalSigma 0.6 (preset: 0.2245)", scenario.Model.Description);
    }

    [Fact]
    public void Help_ListsTheCommands()
    {
        CliResult result = Sarcosim.Run("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string command in (string[])["run", "presets", "definitions", "validate", "person", "schema"])
        {
            Assert.Contains(command, result.Output);
        }
    }

    [Fact]
    public void DefaultScenario_IsValidAndMatchesTheIssue()
    {
        Scenario scenario = ScenarioFile.Parse(ScenarioInput.DefaultScenarioJson(), ScenarioInput.DefaultScenarioName);

        Assert.Equal("Evidence", scenario.Model.Name);
        Assert.Equal("EWGSOP2", scenario.Model.Definition.Name);
        Assert.Equal(100_000, scenario.Cohort.People);
        Assert.Equal("UnitedStates2020", scenario.Cohort.Ancestry.Name);
        Assert.Equal(Scenario.DefaultSeed, scenario.Seed);
    }
}
