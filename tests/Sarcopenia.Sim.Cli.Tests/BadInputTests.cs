using Sarcopenia.Sim.Cli.Tests.Support;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// The bad-input battery: each mistake gives a non-zero exit code, one line on stderr per problem that names it as the
/// user typed it (no stack trace or .NET type name unless --verbose), and no files.
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
        { "shape and value problems together", "{ \"cohort\": { \"femaleFraction\": 1.5 }, \"model\": { \"definition\": \"EWGSOP3\" } }", ["2 problems", "model.definition = \"EWGSOP3\"", "cohort.femaleFraction = 1.5"] },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Run_BadScenario_ExplainsInOneParagraphAndWritesNothing(string mistake, string json, string[] expected)
    {
        using var folder = new TempFolder();
        string file = folder.Write("scenario.json", json);

        CliResult result = Sarcosim.Run("run", file, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        AssertOneLinePerProblem(result.Error);
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
        AssertOneLinePerProblem(result.Error);
        Assert.Contains(expected[0], result.Error);
    }

    [Theory]
    [InlineData("unknown preset option", "--preset", "Evidance", "--preset Evidance is not allowed; expected one of Evidence, Review2014, ReferenceWorkload; did you mean 'Evidence'?")]
    [InlineData("unknown definition option", "--definition", "FNIH2", "--definition FNIH2 is not allowed; expected one of EWGSOP2010, EWGSOP2, AWGS2019, FNIH, RW1; did you mean 'FNIH'?")]
    [InlineData("zero people", "--people", "0", "--people 0 is not allowed; expected a whole number from 1 to")]
    [InlineData("short name", "-n", "0", "-n 0 is not allowed")]
    [InlineData("fractional people", "--people", "1.5e0", "--people 1.5e0 is not allowed")]
    [InlineData("too many people", "--people", "1e13", "--people 1e13 is not allowed; expected a whole number from 1 to 1,099,511,627,776")]
    [InlineData("zero threads", "--threads", "0", "--threads 0 is not allowed; expected a whole number from 1 to 1,024.")]
    [InlineData("non-numeric threads", "--threads", "two", "--threads two is not allowed")]
    [InlineData("non-numeric people", "--people", "abc", "--people abc is not allowed")]
    [InlineData("vector width not offered", "--max-vector-bits", "384", "--max-vector-bits 384 is not allowed; expected 128, 256 or 512.")]
    [InlineData("vector width too wide", "--max-vector-bits", "1024", "--max-vector-bits 1024 is not allowed; expected 128, 256 or 512.")]
    [InlineData("vector width in bytes", "--max-vector-bits", "64", "--max-vector-bits 64 is not allowed; expected 128, 256 or 512.")]
    [InlineData("vector width in words", "--max-vector-bits", "wide", "--max-vector-bits wide is not allowed; expected 128, 256 or 512.")]
    [InlineData("negative seed", "--seed", "-1", "--seed -1 is not allowed; expected a whole number from 0 to 18446744073709551615.")]
    [InlineData("unknown option", "--peeple", "5", "Unknown option --peeple; run 'sarcosim run --help'")]
    public void Run_BadOption_ExitsTwo(string mistake, string option, string value, string expected)
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("run", option, value, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        Assert.Contains(expected, result.Error);
        AssertNoInternals(result.Error);
        Assert.Empty(folder.Entries());
    }

    [Theory]
    [InlineData("chart", "stages", "--out", "charts")]
    [InlineData("check-model", "--people", "1000")]
    [InlineData("calibrate", "--targets", "targets.csv", "--fit", "model.massLoss.medianRate.female")]
    [InlineData("twins", "--pairs", "1000")]
    public void EveryCommandThatSimulates_RefusesABadVectorWidth_BeforeAnyWork(params string[] command)
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run([.. command.Select(a => a == "charts" ? folder["charts"] : a), "--max-vector-bits", "300"]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, result.ToString());
        // The line, then the tool's usual pointer to the command's help.
        Assert.Equal("sarcosim: --max-vector-bits 300 is not allowed; expected 128, 256 or 512.", result.Error.Split('\n')[0]);
        AssertNoInternals(result.Error);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Run_UnknownOptionWithoutValue_IsNotTakenForTheScenarioFile()
    {
        CliResult result = Sarcosim.Run("run", "--bogus-option");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("Unknown option --bogus-option", result.Error);
        Assert.DoesNotContain("cannot read the file", result.Error);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1_000")]
    [InlineData("1,000")]
    [InlineData("1000")]
    public void Run_PeopleAsPeopleWriteThem_AreAccepted(string people)
    {
        CliResult result = Sarcosim.Run("run", "--people", people);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("People      1,000, ages 30-100", result.Output);
    }

    [Theory]
    [InlineData("-1", "--id -1 is not allowed; expected a whole number from 0 to")]
    [InlineData("x", "--id x is not allowed")]
    [InlineData("1000", "--id 1000 is not allowed; expected a person id from 0 to 999")]
    public void Person_BadId_NamesTheOptionAsTyped(string id, string expected)
    {
        CliResult result = Sarcosim.Run("person", "--id", id, "--people", "1000");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("personId", result.Error);
        AssertNoInternals(result.Error);
    }

    [Fact]
    public void Run_FolderAsTheScenario_SaysItIsAFolder()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("run", folder.Path);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("is a folder, not a scenario file", result.Error);
        Assert.DoesNotContain("denied", result.Error);
    }

    [Fact]
    public void Run_MissingScenarioFile_ExitsTwo()
    {
        using var folder = new TempFolder();

        CliResult result = Sarcosim.Run("run", folder["missing.json"]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("cannot read the file", result.Error);
        AssertOneLinePerProblem(result.Error);
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

    /// <summary>One line for one problem; "N problems:" and then N indented lines for several.</summary>
    private static void AssertOneLinePerProblem(string error)
    {
        string[] lines = error.TrimEnd('\n', '\r').Split('\n');
        System.Text.RegularExpressions.Match several = System.Text.RegularExpressions.Regex.Match(lines[0], @": (\d+) problems:$");
        if (several.Success)
        {
            Assert.Equal(int.Parse(several.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1, lines.Length);
            Assert.All(lines.Skip(1), line => Assert.StartsWith("  ", line));
        }
        else
        {
            Assert.Single(lines);
        }

        AssertNoInternals(error);
    }

    private static void AssertNoInternals(string error)
    {
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("System.", error);
        Assert.DoesNotContain("`1", error);
    }
}
