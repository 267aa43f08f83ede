using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class ScenarioFileTests
{
    [Fact]
    public void Parse_EmptyObject_IsThePresetWithDefaults()
    {
        Scenario scenario = ScenarioFile.Parse("{}", "empty.json");

        Assert.Equal(ScenarioFile.Serialize(Scenario.FromPreset("Evidence")), ScenarioFile.Serialize(scenario));
        Assert.Equal(Scenario.DefaultSeed, scenario.Seed);
        Assert.Equal(Scenario.DefaultPeople, scenario.Cohort.People);
    }

    [Fact]
    public void Parse_NestedOverride_ChangesOnlyThatField()
    {
        Scenario scenario = ScenarioFile.Parse("""{ "model": { "massLoss": { "personalSigma": 0.6 } } }""", "s.json");

        Assert.Equal(0.6, scenario.Model.MassLoss.PersonalSigma);
        Assert.Equal(Presets.Evidence.MassLoss with { PersonalSigma = 0.6 }, scenario.Model.MassLoss);
        Assert.Equal(Presets.Evidence.Peak, scenario.Model.Peak);
    }

    [Fact]
    public void Parse_BasedOn_LaysTheFileOverThatPreset()
    {
        Scenario scenario = ScenarioFile.Parse("""{ "basedOn": "review-2014", "cohort": { "people": 10 } }""", "s.json");

        Assert.Equal("Review2014", scenario.Model.Name);
        Assert.Equal(Presets.Review2014.MassLoss, scenario.Model.MassLoss);
        Assert.Equal("EWGSOP2010", scenario.Model.Definition.Name);
        Assert.Equal(10, scenario.Cohort.People);
    }

    [Fact]
    public void Parse_Names_StandForShippedObjects()
    {
        Scenario scenario = ScenarioFile.Parse(
            """{ "model": { "definition": "fnih", "mortality": { "table": "China2015To2020" } }, "cohort": { "ancestry": "UnitedStates2020" } }""",
            "s.json");

        Assert.Equal(Definitions.Fnih.Name, scenario.Model.Definition.Name);
        Assert.Equal(Definitions.Fnih.Rules.ToArray(), scenario.Model.Definition.Rules.ToArray());
        Assert.Equal("China2015To2020", scenario.Model.Mortality.Table!.Name);
        Assert.Equal(AncestryMix.UnitedStates2020.Weights.ToArray(), scenario.Cohort.Ancestry.Weights.ToArray());
    }

    [Fact]
    public void Parse_PartialDefinition_MergesOverThePresetsDefinition()
    {
        Scenario scenario = ScenarioFile.Parse("""{ "model": { "definition": { "lowGrip": { "threshold": { "female": 18 } } } } }""", "s.json");

        Assert.Equal(18, scenario.Model.Definition.LowGrip.Threshold.Female);
        Assert.Equal(Definitions.Ewgsop2.LowGrip.Threshold.Male, scenario.Model.Definition.LowGrip.Threshold.Male);
        Assert.Equal(Definitions.Ewgsop2.Rules.ToArray(), scenario.Model.Definition.Rules.ToArray());
    }

    [Fact]
    public void Parse_DefinitionObject_CarriesItsWordForProbable()
    {
        Scenario scenario = ScenarioFile.Parse("""{ "model": { "definition": { "name": "Screen", "probableName": "AtRisk" } } }""", "s.json");
        Assert.Equal("AtRisk", scenario.Model.Definition.NameOf(Stage.Probable));

        // Renaming a shipped definition keeps its word: a file based on AWGS 2019 under its own name still says Possible.
        Scenario renamed = ScenarioFile.Parse("""{ "model": { "definition": "AWGS2019" } }""", "s.json");
        Scenario copy = ScenarioFile.Parse(ScenarioFile.Serialize(renamed).Replace("\"AWGS2019\"", "\"AWGS2019-local\"", StringComparison.Ordinal), "s.json");
        Assert.Equal("AWGS2019-local", copy.Model.Definition.Name);
        Assert.Equal("Possible", copy.Model.Definition.NameOf(Stage.Probable));

        ScenarioException e = Assert.Throws<ScenarioException>(() =>
            ScenarioFile.Parse("""{ "model": { "definition": { "probableName": "Sarcopenia" } } }""", "s.json"));
        Assert.Contains("model.definition.probableName", e.Message);
        Assert.Contains("\"Sarcopenia\"", e.Message);
    }

    [Fact]
    public void Parse_Array_ReplacesThePresetsArray()
    {
        Scenario scenario = ScenarioFile.Parse("""{ "model": { "ancestries": [] } }""", "s.json");

        Assert.Empty(scenario.Model.Ancestries);
    }

    [Fact]
    public void Parse_Overrides_WinOverTheFile()
    {
        Scenario scenario = ScenarioFile.Parse(
            """{ "seed": 1, "cohort": { "people": 10 }, "model": { "definition": "FNIH" } }""",
            "s.json",
            new ScenarioOverrides(BasedOn: "Review2014", Definition: "AWGS2019", People: 20, Seed: 2));

        Assert.Equal("Review2014", scenario.Model.Name);
        Assert.Equal("AWGS2019", scenario.Model.Definition.Name);
        Assert.Equal(20, scenario.Cohort.People);
        Assert.Equal(2UL, scenario.Seed);
    }

    [Fact]
    public void Parse_Overrides_AreCheckedOnceWithTheFilesOwnValues()
    {
        // A typed override replaces the resolved value (no JSON patch): a bad override and a bad file value are both
        // reported, each once, by the path of the field they set.
        ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(
            """{ "cohort": { "femaleFraction": 1.5 } }""", "s.json", new ScenarioOverrides(Definition: "FNIH2", People: 0)));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.Path == "model.definition" && e.Message.Contains("did you mean 'FNIH'?", StringComparison.Ordinal));
        Assert.Single(error.Errors, e => e.Path == "cohort.people");
        Assert.Single(error.Errors, e => e.Path == "cohort.femaleFraction");
    }

    [Theory]
    [InlineData("""{ "model": { "definition": "EWGSOP3" } }""")]
    [InlineData("""{ "cohort": { "people": "many" } }""")]
    [InlineData("""{ "seed": -1 }""")]
    public void Parse_AnOverriddenField_IsNotTheFilesAnyMore(string json)
    {
        // The file's value is replaced whole, so it is neither checked nor read.
        Scenario scenario = ScenarioFile.Parse(json, "s.json", new ScenarioOverrides(Definition: "FNIH", People: 1_000, Seed: 5));

        Assert.Equal("FNIH", scenario.Model.Definition.Name);
        Assert.Equal(1_000, scenario.Cohort.People);
        Assert.Equal(5UL, scenario.Seed);
    }

    [Fact]
    public void Serialize_ThenParse_RoundTripsEveryPreset()
    {
        foreach (ModelParameters preset in Presets.All)
        {
            string text = ScenarioFile.Serialize(Scenario.FromPreset(preset.Name));
            Scenario back = ScenarioFile.Parse(text, "round-trip");

            Assert.Equal(text, ScenarioFile.Serialize(back));
        }
    }

    [Fact]
    public void Parse_CollectsEveryProblemWithItsPath()
    {
        ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(
            """{ "model": { "massLos": {}, "gait": { "ageDeclineFrom": "x" } }, "cohort": { "people": 0 } }""", "s.json"));

        // The value problem (people = 0) is reported with the shape problems, not after they are fixed.
        Assert.Equal(["cohort.people", "model.gait.ageDeclineFrom", "model.massLos"], error.Errors.Select(e => e.Path).Order());
        Assert.StartsWith("s.json: 3 problems:\n  ", error.Message);
        Assert.Equal(4, error.Message.Split('\n').Length);
        Assert.Contains("unknown field 'massLos' at model; did you mean 'massLoss'?", error.Message);
        Assert.Contains("model.gait.ageDeclineFrom = \"x\" is not allowed; expected an integer", error.Message);
    }

    [Fact]
    public void Load_AFolder_SaysItIsAFolder()
    {
        string folder = Directory.CreateTempSubdirectory("sarcosim-scenario-").FullName;
        try
        {
            ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioFile.Load(folder));

            Assert.Contains("is a folder, not a scenario file", error.Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Parse_ValidationErrors_UseTheSamePathsAsTheFile()
    {
        ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(
            """{ "model": { "massLoss": { "personalSigma": -0.2 } }, "cohort": { "people": 0 } }""", "s.json"));

        Assert.Equal(["model.massLoss.personalSigma", "cohort.people"], error.Errors.Select(e => e.Path));
        Assert.Contains("model.massLoss.personalSigma = -0.2 is not allowed; expected a finite number in [0, 3]", error.Message);
    }

    [Theory]
    [InlineData("""{ "seed": NaN }""", "seed")]
    [InlineData("""{ "cohort": { "femaleFraction": Infinity } }""", "cohort.femaleFraction")]
    [InlineData("""{ "model": { "ancestries": [ {}, { "height": -Infinity } ] } }""", "model.ancestries[1].height")]
    public void Parse_NonFiniteLiteral_NamesItsPath(string json, string path)
    {
        ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "s.json"));

        Assert.Equal(path, Assert.Single(error.Errors).Path);
        Assert.Contains("NaN and Infinity are not allowed", error.Message);
    }

    [Fact]
    public void Load_MissingFile_IsAScenarioError()
    {
        ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioFile.Load(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json")));

        Assert.Contains("cannot read the file", error.Message);
    }

    [Fact]
    public void Run_UsesTheScenariosOutputs()
    {
        Scenario scenario = ScenarioFile.Parse(
            """{ "cohort": { "people": 300, "endAge": 40 }, "outputs": { "statistics": ["Grip"], "histograms": ["Gait"] } }""", "s.json");

        SimulationResult result = Simulation.Run(scenario);

        Assert.Equal(TraitSet.Grip, result.Statistics);
        Assert.Equal(TraitSet.Gait, result.Histograms);
        Assert.True(result.TablesEqual(Simulation.Run(scenario.Model, scenario.Cohort, scenario.Seed,
            new RunOptions { Statistics = TraitSet.Grip, Histograms = TraitSet.Gait })));
    }
}
