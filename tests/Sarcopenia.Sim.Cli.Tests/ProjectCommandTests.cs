using System.Globalization;
using Sarcopenia.Sim.Cli.Tests.Support;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary><c>sarcosim project</c> (the spreadsheet method) and <c>sarcosim populations</c>: outputs, exit codes and messages.</summary>
public sealed class ProjectCommandTests
{
    // Baumgartner's definition in the New Mexico Elder Health Survey, lower bounds (fact sheet §2.3), as a user writes it.
    private const string Prevalence = "sex,age_low,age_high,prevalence\nFemale,65,69,23.1%\nFemale,70,74,33.3%\nFemale,75,79,35.3%\nFemale,80,,43.2%\n"
        + "Male,65,69,0.135\nMale,70,74,0.183\nMale,75,79,0.267\nMale,80,,0.526\n";

    [Fact]
    public void Project_Eu28_WritesTidyTablesAndPrintsTheSummary()
    {
        using var folder = new TempFolder();
        string table = folder.Write("table.csv", Prevalence);

        CliResult result = Sarcosim.Run("project", "--prevalence", table, "--population", "EU-28", "--from", "2016", "--to", "2045", "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(["cases.csv", "manifest.json", "summary.csv"], Directory.GetFiles(folder["out"]).Select(Path.GetFileName).Order());
        string[] cases = File.ReadAllLines(folder["out/cases.csv"]);
        Assert.Equal("year,sex,age_group,age_low,age_high,people,prevalence,cases", cases[0]);
        Assert.Equal(1 + (30 * 8), cases.Length);
        string[] all2016 = File.ReadAllLines(folder["out/summary.csv"]).Single(l => l.StartsWith("2016,All,", StringComparison.Ordinal)).Split(',');
        Assert.InRange(double.Parse(all2016[2], CultureInfo.InvariantCulture), 0.98 * 97.9e6, 1.02 * 97.9e6);
        Assert.Contains("World Population Prospects 2019", File.ReadAllText(folder["out/manifest.json"]));
        Assert.Contains("│ 2045 │", result.Output.Replace('|', '│'));
        Assert.Contains("World Population Prospects 2019", result.Output);
    }

    [Fact]
    public void Project_WithoutOut_WritesNothing()
    {
        using var folder = new TempFolder();
        string table = folder.Write("table.csv", Prevalence);

        CliResult result = Sarcosim.Run("project", "--prevalence", table, "--population", "Japan", "--from", "2020", "--to", "2021");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(["table.csv"], folder.Entries());
        Assert.Contains("Japan (392)", result.Output);
    }

    [Fact]
    public void Project_WithoutPrevalence_RefusesTheSpreadsheetOptions()
    {
        CliResult result = Sarcosim.Run("project", "--population", "EU-28");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--population is not allowed without --prevalence", result.Error);
        Assert.Contains("population section", result.Error);
    }

    [Theory]
    [InlineData("unknown country", new[] { "--population", "Germny" }, "--population \"Germny\" is not a location of WPP 2019", "did you mean 'Germany'?")]
    [InlineData("year too late", new[] { "--to", "2101" }, "--to 2101 is not allowed; expected a year from 1950 to 2100", "")]
    [InlineData("years reversed", new[] { "--from", "2045", "--to", "2016" }, "--to 2016 is not allowed; expected a year no earlier than --from 2045", "")]
    [InlineData("bad variant", new[] { "--variant", "middle" }, "--variant middle is not allowed; expected one of Medium, Low, High", "")]
    [InlineData("missing file", new[] { "--population-file", "nowhere.csv" }, "--population-file nowhere.csv is not allowed; expected an existing CSV file", "")]
    public void Project_BadOptions_AreNamedWithExitCode2(string mistake, string[] options, string expected, string hint)
    {
        using var folder = new TempFolder();
        string table = folder.Write("table.csv", Prevalence);

        CliResult result = Sarcosim.Run(["project", "--prevalence", table, .. options, "--out", folder["out"]]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        Assert.Contains(expected, result.Error);
        Assert.Contains(hint, result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal(["table.csv"], folder.Entries());
    }

    [Theory]
    [InlineData("over 100 %", "sex,age_low,age_high,prevalence\nAll,65,,112%\n", "line 2, column 9 (prevalence): 112% is not allowed; expected a fraction from 0 to 1")]
    [InlineData("unknown sex", "sex,age_low,age_high,prevalence\nWomen,65,,0.1\nMale,65,,0.1\n", "line 2, column 1 (sex): \"Women\" is not allowed; expected Female, Male")]
    [InlineData("gap", "sex,age_low,age_high,prevalence\nAll,65,69,0.1\nAll,75,,0.2\n", "line 3: All 75+ is not allowed")]
    [InlineData("missing column", "sex,age_low,age_high,prevalance\nAll,65,,0.1\n", "the column 'prevalence' is missing")]
    public void Project_BadPrevalenceTable_NamesFileLineAndColumn(string mistake, string csv, string expected)
    {
        using var folder = new TempFolder();
        string table = folder.Write("table.csv", csv);

        CliResult result = Sarcosim.Run("project", "--prevalence", table, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        Assert.StartsWith($"sarcosim: {table}: ", result.Error);
        Assert.Contains(expected, result.Error.Replace("Female 75+", "All 75+", StringComparison.Ordinal));
        Assert.Equal(["table.csv"], folder.Entries());
    }

    [Fact]
    public void Project_ExistingOut_IsRefusedWithExitCode3()
    {
        using var folder = new TempFolder();
        string table = folder.Write("table.csv", Prevalence);
        Directory.CreateDirectory(folder["out"]);

        CliResult result = Sarcosim.Run("project", "--prevalence", table, "--out", folder["out"]);

        Assert.Equal(ExitCodes.OutputUnavailable, result.ExitCode);
        Assert.Contains("already exists; add --force", result.Error);
    }

    [Fact]
    public void Project_UsersPopulationFile_IsUsed()
    {
        using var folder = new TempFolder();
        string table = folder.Write("table.csv", "sex,age_low,age_high,prevalence\nAll,0,,10%\n");
        string population = folder.Write("people.csv", "country,year,sex,age,population\n"
            + "Malta,2020,Female,0-64,1000\nMalta,2020,Female,65+,500\nMalta,2020,Male,0-64,1000\nMalta,2020,Male,65+,300\n"
            + "Malta,2030,Female,0-64,1000\nMalta,2030,Female,65+,700\nMalta,2030,Male,0-64,1000\nMalta,2030,Male,65+,500\n");

        CliResult result = Sarcosim.Run("project", "--prevalence", table, "--population-file", population, "--from", "2020", "--to", "2030", "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        string all2025 = File.ReadAllLines(folder["out/summary.csv"]).Single(l => l.StartsWith("2025,All,", StringComparison.Ordinal));
        Assert.Equal("2025,All,1000,100,0.1,300", all2025);
    }

    [Fact]
    public void Populations_Search_ListsMatchesWithCodes()
    {
        CliResult result = Sarcosim.Run("populations", "--search", "kingdom");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("826  United Kingdom (Country)", result.Output);
        Assert.Contains("World Population Prospects 2019", result.Output);
    }

    [Fact]
    public void Populations_All_IncludeTheUnions()
    {
        CliResult result = Sarcosim.Run("populations");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("EU-28 (Union, 28 members)", result.Output);
        Assert.Contains("900  World (World)", result.Output);
    }

    [Fact]
    public void Populations_NoMatch_IsExitCode2()
    {
        CliResult result = Sarcosim.Run("populations", "--search", "Atlantis");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--search Atlantis is not allowed", result.Error);
    }
}
