using System.Globalization;
using Sarcopenia.Sim.Cli.Tests.Support;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary><c>sarcosim project [file]</c> (the microsimulation) and <c>sarcosim compare</c>: outputs, intervals and bad input.</summary>
public sealed class MicrosimCommandTests
{
    // Japan aged 60+ at 1:5,000 for five years: a run of about a second.
    internal const string Small = """
        { "basedOn": "Evidence", "cohort": { "startAge": 60 }, "replicates": 3,
          "population": { "country": "Japan", "baseYear": 2020, "horizon": 2025, "scale": 5000 } }
        """;

    internal const string Training = """
        { "basedOn": "Evidence", "cohort": { "startAge": 60 }, "replicates": 3,
          "population": { "country": "Japan", "baseYear": 2020, "horizon": 2025, "scale": 5000 },
          "interventions": [ { "name": "ResistanceTraining", "coverage": 0.5, "startYear": 2021 } ] }
        """;

    [Fact]
    public void Project_File_WritesTidyTablesWithIntervalsAndPrintsTheSummary()
    {
        using var folder = new TempFolder();
        string file = folder.Write("japan.json", Small);

        CliResult result = Sarcosim.Run("project", file, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(["manifest.json", "stages.csv", "summary.csv", "transitions.csv"], Directory.GetFiles(folder["out"]).Select(Path.GetFileName).Order());
        string[] summary = File.ReadAllLines(folder["out/summary.csv"]);
        Assert.Equal("measure,year,sex,ages,mean,lower,upper,stochastic_share,replicates", summary[0]);
        string[] cases = summary.Single(l => l.StartsWith("cases,2025,All,65+,", StringComparison.Ordinal)).Split(',');
        double mean = double.Parse(cases[4], CultureInfo.InvariantCulture);
        Assert.InRange(mean, double.Parse(cases[5], CultureInfo.InvariantCulture), double.Parse(cases[6], CultureInfo.InvariantCulture));
        Assert.Equal("3", cases[8]);
        Assert.Contains(summary, l => l.StartsWith("standardised_prevalence_esp2013,2025,Female,", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.StartsWith("incidence_per_1000,2025,Male,65+,", StringComparison.Ordinal));
        Assert.Equal("replicate,year,age_group,sex,ancestry,stage,simulated,people", File.ReadLines(folder["out/stages.csv"]).First());
        Assert.Contains(File.ReadLines(folder["out/transitions.csv"]), l => l.Contains(",Entered,", StringComparison.Ordinal));
        Assert.Contains("World Population Prospects 2019", File.ReadAllText(folder["out/manifest.json"]));
        Assert.Contains("│ 2025 │", result.Output.Replace('|', '│'));
        Assert.Contains("Monte Carlo error only", result.Output);
    }

    [Fact]
    public async Task Project_Parquet_WritesTheTablesTyped()
    {
        using var folder = new TempFolder();
        string file = folder.Write("japan.json", Small);

        CliResult result = Sarcosim.Run("project", file, "--replicates", "1", "--parquet", "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        await using Parquet.ParquetReader reader = await Parquet.ParquetReader.CreateAsync(folder["out/stages.parquet"]);
        Assert.Equal(["replicate", "year", "age_group", "sex", "ancestry", "stage", "simulated", "people"], reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(typeof(long), reader.Schema.DataFields[6].ClrType);
        Assert.Contains(reader.Schema.DataFields[2].ClrType, (Type[])[typeof(string), typeof(ReadOnlyMemory<char>)]);
        Assert.Equal(File.ReadLines(folder["out/stages.csv"]).Count() - 1, reader.OpenRowGroupReader(0).RowCount);
        Assert.Contains("transitions.parquet", File.ReadAllText(folder["out/manifest.json"]));
    }

    [Fact]
    public void Project_ParquetWithoutOut_IsRefused()
    {
        CliResult result = Sarcosim.Run("project", "--parquet");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("--parquet is not allowed without --out", result.Error);
    }

    [Fact]
    public void Compare_Training_PrintsCasesAvertedAndWritesThePairedTable()
    {
        using var folder = new TempFolder();
        string baseline = folder.Write("baseline.json", Small);
        string training = folder.Write("training.json", Training);

        CliResult result = Sarcosim.Run("compare", baseline, training, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        string[] averted = File.ReadAllLines(folder["out/comparison.csv"]).Single(l => l.StartsWith("cases_averted,2025,All,", StringComparison.Ordinal)).Split(',');
        Assert.True(double.Parse(averted[5], CultureInfo.InvariantCulture) > 0, string.Join(",", averted));
        Assert.Contains("none replaced", result.Output);
        Assert.Contains("Latham 2004", result.Output);
    }

    [Theory]
    [InlineData("unknown country", "\"population\": { \"country\": \"Japn\" }", "population.country \"Japn\" is not a location of WPP 2019", "did you mean 'Japan'?")]
    [InlineData("unknown field", "\"population\": { \"contry\": \"Japan\" }", "population has no field 'contry'", "did you mean 'country'?")]
    [InlineData("horizon too late", "\"population\": { \"horizon\": 2101 }", "population.horizon = 2101 is not allowed; expected a number from 2020 to 2100", "")]
    [InlineData("scale too coarse", "\"population\": { \"scale\": 5e6 }", "population.scale: 5000000 is not allowed; expected a scale that gives every birth cohort at least one simulated person", "aged 100+ in 2020")]
    [InlineData("bad distribution", "\"uncertainty\": [ { \"path\": \"model.massLoss.medianRate.female\", \"distribution\": \"gamma\" } ]", "uncertainty[0].distribution \"gamma\" is not allowed", "")]
    [InlineData("bad path", "\"uncertainty\": [ { \"path\": \"model.massLoss.medianRte.female\", \"distribution\": \"normal\", \"mean\": 0.01, \"sd\": 0.001 } ]", "has no field 'medianRte'", "")]
    [InlineData("unknown intervention", "\"interventions\": [ { \"name\": \"Yoga\" } ]", "interventions[0].name \"Yoga\" is not an intervention", "ResistanceTraining")]
    [InlineData("coverage above one", "\"interventions\": [ { \"name\": \"VitaminD\", \"coverage\": 1.5 } ]", "interventions[0].coverage = 1.5 is not allowed; expected a number from 0 to 1", "")]
    [InlineData("no half-life", "\"interventions\": [ { \"name\": \"VitaminD\", \"waningHalfLifeYears\": 0 } ]", "interventions[0].waningHalfLifeYears = 0 is not allowed; expected a number from 0.1 to 200", "")]
    [InlineData("unknown stage", "\"model\": { \"definition\": \"AWGS2019\" }, \"interventions\": [ { \"name\": \"VitaminD\", \"stages\": [\"Possible\", \"Sarcopena\"] } ]", "interventions[0].stages[1] \"Sarcopena\" is not allowed; expected a stage of AWGS2019: None, Possible (Probable), Sarcopenia, Severe", "did you mean 'Sarcopenia'?")]
    [InlineData("stage of another definition", "\"interventions\": [ { \"name\": \"VitaminD\", \"stages\": [\"Presarcopenia\"] } ]", "interventions[0].stages[0] \"Presarcopenia\" is not allowed; expected a stage of EWGSOP2: None, Probable, Sarcopenia, Severe", "")]
    [InlineData("repeated section", "\"population\": { \"scale\": 1000 }, \"population\": { }", "the field 'population' appears twice in one object", "")]
    [InlineData("no stages", "\"interventions\": [ { \"name\": \"VitaminD\", \"stages\": [] } ]", "interventions[0].stages is []; expected a non-empty list of stages", "leave it out to enrol every stage")]
    public void Project_BadProjectionFile_NamesTheFieldWithExitCode2(string mistake, string section, string expected, string hint)
    {
        using var folder = new TempFolder();
        string file = folder.Write("bad.json", "{ \"basedOn\": \"Evidence\", \"cohort\": { \"startAge\": 60 }, \"replicates\": 1, " + section + " }");

        CliResult result = Sarcosim.Run("project", file, "--out", folder["out"]);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        Assert.Contains(expected, result.Error);
        Assert.Contains(hint, result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal(["bad.json"], folder.Entries());
    }

    [Fact]
    public void Validate_ProjectionFile_ChecksItAsProjectDoes()
    {
        using var folder = new TempFolder();
        string good = folder.Write("good.json", Training.Replace("\"startYear\": 2021", "\"startYear\": 2021, \"stages\": [\"probable\", \"Sarcopenia\"]", StringComparison.Ordinal));
        string bad = folder.Write("bad.json", Training.Replace("\"coverage\": 0.5", "\"coverage\": 1.5, \"stages\": [\"Weak\"]", StringComparison.Ordinal));

        CliResult valid = Sarcosim.Run("validate", good);
        CliResult resolved = Sarcosim.Run("validate", good, "--resolved");
        CliResult invalid = Sarcosim.Run("validate", bad);
        CliResult projected = Sarcosim.Run("project", bad);

        Assert.True(valid.ExitCode == ExitCodes.Success, valid.ToString());
        Assert.Contains("good.json is a valid projection file", valid.Output);
        Assert.Contains("Japan (392) 2020-2025", valid.Output);
        Assert.Contains("\"stages\"", resolved.Output);
        Assert.Contains("\"massLoss\"", resolved.Output);
        Assert.True(invalid.ExitCode == ExitCodes.InvalidInput, invalid.ToString());
        Assert.Contains("interventions[0].coverage = 1.5 is not allowed", invalid.Error);
        Assert.Contains("interventions[0].stages[0] \"Weak\" is not allowed; expected a stage of EWGSOP2: None, Probable, Sarcopenia, Severe", invalid.Error);
        Assert.DoesNotContain("Exception", invalid.Error);
        Assert.Equal(projected.Error, invalid.Error);
    }

    [Fact]
    public void Schema_Projection_PrintsTheShippedProjectionSchema()
    {
        CliResult result = Sarcosim.Run("schema", "--projection");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("\"title\": \"Sarcopenia.Sim projection\"", result.Output);
        Assert.Contains("\"waningHalfLifeYears\"", result.Output);
    }

    [Theory]
    [InlineData("negative count", "country,year,sex,age,population\nJapan,2020,Female,0-4,-5\n", "line 2")]
    [InlineData("ages out of order", "country,year,sex,age,population\nJapan,2020,Female,5-9,5\nJapan,2020,Female,0-4,5\n", "line 3")]
    public void Project_BadPopulationFile_NamesTheFileAndLine(string mistake, string csv, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("people.csv", csv);
        string file = folder.Write("bad.json", "{ \"population\": { \"file\": \"people.csv\" } }");

        CliResult result = Sarcosim.Run("project", file);

        Assert.True(result.ExitCode == ExitCodes.InvalidInput, $"{mistake}: {result}");
        Assert.Contains("people.csv", result.Error);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public void Project_FileReplacingAPresetList_SaysWhatItDropped()
    {
        using var folder = new TempFolder();
        string file = folder.Write("hr.json", """
            { "basedOn": "Evidence", "cohort": { "startAge": 60 }, "replicates": 1,
              "model": { "mortality": { "hazardRatios": [ { "definition": "EWGSOP2", "hazardRatio": 2.0, "source": "a test" } ] } },
              "population": { "country": "Japan", "horizon": 2021, "scale": 5000 } }
            """);

        CliResult result = Sarcosim.Run("project", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("model: changed from the Evidence preset: mortality.hazardRatios replaces the preset's 1 entry (kept none; dropped AWGS2019; added EWGSOP2)", result.Output);
    }

    // Malta in two age groups, 2020 and 2025, as a statistics office might publish it.
    private const string MaltaPeople = "country,year,sex,age,population\n"
        + "Malta,2020,Female,0-64,170000\nMalta,2020,Female,65+,45000\nMalta,2020,Male,0-64,180000\nMalta,2020,Male,65+,40000\n"
        + "Malta,2025,Female,0-64,172000\nMalta,2025,Female,65+,50000\nMalta,2025,Male,0-64,182000\nMalta,2025,Male,65+,45000\n";

    [Fact]
    public void Project_LifeTablesThatEndBeforeTheHorizon_NameTheYears()
    {
        CliResult result = ProjectMalta("mx", "Malta,2015-2020,F,0-64,0.001\nMalta,2015-2020,F,65+,0.05\nMalta,2015-2020,M,0-64,0.002\nMalta,2015-2020,M,65+,0.07\n");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("population.horizon: 2025 is not allowed; expected a year the life tables of Malta (470) cover (2015 to 2019)", result.Error);
    }

    [Fact]
    public void Project_LifeTableProbabilityAboveOne_NamesTheFileLineAndColumn()
    {
        CliResult result = ProjectMalta("qx", "Malta,2020-2030,F,0-64,0.001\nMalta,2020-2030,F,65+,1.2\nMalta,2020-2030,M,0-64,0.002\nMalta,2020-2030,M,65+,0.07\n");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("deaths.csv", result.Error);
        Assert.Contains("line 3, column", result.Error);
        Assert.Contains("1.2 is not allowed; expected a probability of death greater than 0 and at most 1", result.Error);
    }

    [Fact]
    public void Project_OwnTables_Run()
    {
        CliResult result = ProjectMalta("mx", "Malta,2015-2030,F,0-64,0.001\nMalta,2015-2030,F,65+,0.05\nMalta,2015-2030,M,0-64,0.002\nMalta,2015-2030,M,65+,0.07\n");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Malta (470)", result.Output);
    }

    /// <summary>Projects <see cref="MaltaPeople"/> aged 60+ to 2025 with the life table rows given (death rates or probabilities).</summary>
    private static CliResult ProjectMalta(string column, string rows)
    {
        using var folder = new TempFolder();
        folder.Write("people.csv", MaltaPeople);
        folder.Write("deaths.csv", $"country,year,sex,age,{column}\n{rows}");
        string file = folder.Write("malta.json", "{ \"cohort\": { \"startAge\": 60 }, \"replicates\": 2, \"population\": { \"file\": \"people.csv\", \"lifeTables\": \"deaths.csv\", \"horizon\": 2025, \"scale\": 100 } }");
        return Sarcosim.Run("project", file);
    }
}
