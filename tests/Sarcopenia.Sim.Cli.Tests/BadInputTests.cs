using Sarcopenia.Sim.Cli.Tests.Support;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// The bad-input battery: each mistake gives a non-zero exit code, one paragraph on stderr that names the problem
/// (no stack trace unless --verbose), and no files.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, string[]> BadScenarios => new()
    {
        { "malformed JSON", "{ \"name\": \"x\",\n  \"seed\": }", ["line 2, column 11", "not valid JSON"] },
        { "truncated JSON", "{ \"cohort\": { \"people\": 10 }", ["not valid JSON"] },
        { "not an object", "[1, 2]", ["must hold one JSON object"] },
        { "wrong type", "{ \"cohort\": { \"people\": \"many\" } }", ["cohort.people = \"many\" is not allowed; expected an integer"] },
        { "fraction for an integer", "{ \"cohort\": { \"startAge\": 30.5 } }", ["cohort.startAge = 30.5", "an integer"] },
        { "object for a number", "{ \"model\": { \"massLoss\": { \"personalSigma\": { } } } }", ["model.massLoss.personalSigma = {}", "a finite number"] },
        { "out of range", "{ \"model\": { \"massLoss\": { \"personalSigma\": -0.2 } } }", ["model.massLoss.personalSigma = -0.2 is not allowed; expected a finite number in [0, 3]"] },
        { "several out of range", "{ \"cohort\": { \"femaleFraction\": 1.5, \"endAge\": 20 } }", ["2 problems", "cohort.femaleFraction = 1.5", "cohort.endAge = 20"] },
        { "NaN", "{ \"model\": { \"massLoss\": { \"personalSigma\": NaN } } }", ["NaN and Infinity are not allowed", "model.massLoss.personalSigma"] },
        { "Infinity", "{ \"model\": { \"massLoss\": { \"medianRate\": { \"female\": -Infinity } } } }", ["NaN and Infinity are not allowed"] },
        { "number too large", "{ \"model\": { \"massLoss\": { \"personalSigma\": 1e999 } } }", ["model.massLoss.personalSigma = 1e999", "a finite number"] },
        { "unknown preset", "{ \"basedOn\": \"Evidense\" }", ["basedOn = \"Evidense\"", "did you mean 'Evidence'?"] },
        { "unknown definition", "{ \"model\": { \"definition\": \"EWGSOP3\" } }", ["model.definition = \"EWGSOP3\"", "did you mean 'EWGSOP2'?"] },
        { "unknown ancestry mix", "{ \"cohort\": { \"ancestry\": \"Martian\" } }", ["cohort.ancestry = \"Martian\"", "UnitedStates2020"] },
        { "unknown field", "{ \"model\": { \"massLos\": { } } }", ["unknown field 'massLos' at model; did you mean 'massLoss'?"] },
        { "unknown top-level field", "{ \"peeple\": 5 }", ["unknown field 'peeple' at the top level"] },
        { "wrong case", "{ \"Cohort\": { } }", ["did you mean 'cohort'?"] },
        { "unknown enum value", "{ \"cohort\": { \"sexes\": \"Alternate\" } }", ["cohort.sexes = \"Alternate\"", "did you mean 'Alternating'?"] },
        { "integer for an enum", "{ \"outputs\": { \"histograms\": [2] } }", ["outputs.histograms[0] = 2", "one of Asm, Asmi, Grip, Gait, LossRate"] },
        { "incomplete new array item", "{ \"model\": { \"mechanisms\": [ { \"name\": \"Smoking\" } ] } }", ["model.mechanisms[0] is missing the field 'lossRateRatio'"] },
        { "null for an object", "{ \"model\": { \"gait\": null } }", ["model.gait = null is not allowed"] },
        { "duplicate field", "{ \"seed\": 1, \"seed\": 2 }", ["the field 'seed' appears twice"] },
        { "negative seed", "{ \"seed\": -1 }", ["seed = -1", "non-negative integer"] },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Run_BadScenario_ExplainsInOneParagraphAndWritesNothing(string mistake, string json, string[] expected)
    {
        using var folder = new TempFolder();
        string file = folder.Write("scenario.json", json);

        CliResult result = Sarcosim.Run("run", file, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        AssertOneParagraph(result.Error);
        Assert.StartsWith("sarcosim: scenario.json: ", result.Error);
        foreach (string part in expected)
        {
            Assert.Contains(part, result.Error);
        }

        Assert.Equal(["scenario.json"], folder.Entries());
    }

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Validate_BadScenario_ExitsTwo(string mistake, string json, string[] expected)
    {
        using var folder = new TempFolder();
        string file = folder.Write("scenario.json", json);

        CliResult result = Sarcosim.Run("validate", file);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        AssertOneParagraph(result.Error);
        Assert.Contains(expected[0], result.Error);
    }

    [Theory]
    [InlineData("unknown preset option", "--preset", "Evidance", "did you mean 'Evidence'?")]
    [InlineData("unknown definition option", "--definition", "FNIH2", "did you mean 'FNIH'?")]
    [InlineData("zero people", "--people", "0", "cohort.people = 0 is not allowed")]
    [InlineData("zero threads", "--threads", "0", "--threads 0 is not allowed")]
    [InlineData("non-numeric people", "--people", "abc", "abc")]
    [InlineData("negative seed", "--seed", "-3", "-3")]
    [InlineData("unknown option", "--peeple", "5", "Unrecognized")]
    public void Run_BadOption_ExitsTwo(string mistake, string option, string value, string expected)
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("run", option, value, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Run_MissingScenarioFile_ExitsTwo()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("run", folder["missing.json"]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("cannot read the file", result.Error);
        AssertOneParagraph(result.Error);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsTwo()
    {
        CliResult result = Sarcosim.Run("runn");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("runn", result.Error);
    }

    [Fact]
    public void Verbose_AddsTheStackTrace()
    {
        using var folder = new TempFolder();
        string file = folder.Write("scenario.json", "{ \"seed\": \"x\" }");

        CliResult quiet = Sarcosim.Run("validate", file);
        CliResult verbose = Sarcosim.Run("validate", file, "--verbose");

        Assert.DoesNotContain("   at ", quiet.Error);
        Assert.Contains("   at ", verbose.Error);
        Assert.Equal(quiet.ExitCode, verbose.ExitCode);
    }

    private static void AssertOneParagraph(string error)
    {
        Assert.Single(error.TrimEnd('\n', '\r').Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
    }
}
