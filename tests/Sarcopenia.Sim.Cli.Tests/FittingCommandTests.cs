using System.Globalization;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary><c>sarcosim check-model</c> and <c>sarcosim calibrate</c>: exit codes, files written atomically, errors.</summary>
public sealed class FittingCommandTests
{
    // Small runs: the commands' behaviour, not the model's accuracy, is under test.
    private const string People = "2000";

    private const string Header = "id,definition,stage,sex,ancestry,age_low,age_high,value_percent,se_percent,population,citation\n";

    // A published SE of 50 points makes the tolerance 100 points: the row passes whatever the model says.
    private const string PassingRow = "P1,EWGSOP2,Probable,Female,European,70,79,20,50,\"Sample, one\",\"Doe J, \"\"A study\"\"\"\n";

    // Everyone severely sarcopenic at 40: no model of this cohort comes within 50 points of it.
    private const string FailingRow = "P2,AWGS2019,Severe,Male,EastAsian,40,40,100,0,Sample two,Doe J\n";

    private const string NormsHeader = "id,quantity,unit,statistic,sex,ancestry,age_low,age_high,value,se,citation\n";

    private const string Norms =
        "C1,Asm,kg,Mean,Female,European,55,59,17.5,0.1,test\n"
        + "C2,Asm,kg,Mean,Female,European,75,79,15.0,0.1,test\n"
        + "C3,KneeStrengthAnnualChangePercent,%/yr,Mean,Female,European,70,79,-3,,test\n";

    private const string Women = """{ "name": "Women", "cohort": { "endAge": 80, "femaleFraction": 1, "ancestry": "European" } }""";

    [Fact]
    public void CheckModel_AllPassing_ExitsZeroAndWritesTableMarkdownAndForestPlot()
    {
        using var folder = new TempFolder();
        string targets = folder.Write("targets.csv", Header + PassingRow);

        CliResult result = Sarcosim.Run("check-model", "--targets", targets, "-n", People, "--out", folder["report"], "--markdown", folder["validation.md"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 of 1 compared targets pass (0 fail); 0 not comparable, 0 not modelled.", result.Output);
        Assert.Equal(["check-model.csv", "check-model.md", "forest.png", "forest.svg"], Directory.GetFiles(folder["report"]).Select(Path.GetFileName).Order());
        Assert.Equal(["report", "targets.csv", "validation.md"], folder.Entries());
        string csv = File.ReadAllText(Path.Combine(folder["report"], "check-model.csv"));
        Assert.StartsWith("id,population,definition,stage,", csv, StringComparison.Ordinal);
        Assert.Contains("P1,\"Sample, one\",EWGSOP2,Probable,", csv, StringComparison.Ordinal);
        Assert.Contains("\"Doe J, \"\"A study\"\"\"", csv, StringComparison.Ordinal);
        string markdown = File.ReadAllText(folder["validation.md"]);
        Assert.Contains("GENERATED FILE", markdown, StringComparison.Ordinal);
        Assert.Contains("check-model --targets", markdown, StringComparison.Ordinal);
        Assert.Equal(markdown, File.ReadAllText(Path.Combine(folder["report"], "check-model.md")));
    }

    [Fact]
    public void CheckModel_SomeFailing_ExitsOneAndSaysHowMany()
    {
        using var folder = new TempFolder();
        string targets = folder.Write("targets.csv", Header + PassingRow + FailingRow);

        CliResult result = Sarcosim.Run("check-model", "--targets", targets, "-n", People);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("1 of 2 compared targets pass (1 fail)", result.Output);
        Assert.Contains("sarcosim: 1 of 2 compared targets fail.", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public void CheckModel_ShippedValidationSet_RunsUnderTheReviewsPreset()
    {
        CliResult result = Sarcosim.Run("check-model", "--preset", "Review2014", "-n", "500");

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.Matches(@"\d+ of \d+ compared targets pass \(\d+ fail\); 13 not comparable, 0 not modelled\.", result.Output);
        Assert.Contains("Review2014", result.Output);
    }

    [Theory]
    [InlineData("P1,EWGSOP3,Sarcopenia,Male,European,65,,10,,,\n", "targets.csv: line 2, column definition: definition \"EWGSOP3\" is not allowed")]
    [InlineData("P1,EWGSOP2,Sarcopenia,Male,European,80,70,10,,,\n", "targets.csv: line 2, column age_high: age_high 70 is below age_low 80")]
    [InlineData("P1,EWGSOP2,Sarcopenia,Male,European,65,,\"10,\n", "targets.csv: line 2, column 8: a quoted field is never closed")]
    public void CheckModel_BadTargetsFile_ExitsTwoNamingFileLineAndColumn(string row, string message)
    {
        using var folder = new TempFolder();
        string targets = folder.Write("targets.csv", Header + row);

        CliResult result = Sarcosim.Run("check-model", "--targets", targets, "-n", People, "--out", folder["report"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"sarcosim: {message}", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal(["targets.csv"], folder.Entries());
    }

    [Fact]
    public void CheckModel_ExistingOutputFolder_ExitsThreeBeforeRunning()
    {
        using var folder = new TempFolder();
        string targets = folder.Write("targets.csv", Header + PassingRow);
        Directory.CreateDirectory(folder["report"]);

        CliResult result = Sarcosim.Run("check-model", "--targets", targets, "-n", People, "--out", folder["report"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("already exists; add --force", result.Error);
        Assert.DoesNotContain("compared targets", result.Output);
    }

    [Fact]
    public void Calibrate_Converging_ExitsZeroAndWritesParametersFitScenarioAndChart()
    {
        using var folder = new TempFolder();
        string targets = folder.Write("norms.csv", NormsHeader + Norms);
        string scenario = folder.Write("women.json", Women);

        CliResult result = Sarcosim.Run("calibrate", scenario, "--targets", targets, "--fit", "model.massLoss.medianRate.female", "-n", People, "--out", folder["fit"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("converged", result.Output);
        Assert.Equal(["calibration.png", "calibration.svg", "fit.csv", "parameters.csv", "scenario.json"], Directory.GetFiles(folder["fit"]).Select(Path.GetFileName).Order());
        Assert.Equal(["fit", "norms.csv", "women.json"], folder.Entries());
        string start = Presets.Evidence.MassLoss.MedianRate.Female.ToString(CultureInfo.InvariantCulture);
        Assert.StartsWith($"parameter,start,fitted,lower,upper,converged\nmodel.massLoss.medianRate.female,{start},", File.ReadAllText(Path.Combine(folder["fit"], "parameters.csv")), StringComparison.Ordinal);
        Assert.Contains("C3,KneeStrengthAnnualChangePercent", File.ReadAllText(Path.Combine(folder["fit"], "fit.csv")), StringComparison.Ordinal);
        Assert.Contains("knee-extensor strength is not a trait", File.ReadAllText(Path.Combine(folder["fit"], "fit.csv")), StringComparison.Ordinal);

        CliResult rerun = Sarcosim.Run("validate", Path.Combine(folder["fit"], "scenario.json"));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
    }

    [Fact]
    public void Calibrate_Quantities_FitsToThoseTargetsOnly()
    {
        using var folder = new TempFolder();
        string targets = folder.Write("norms.csv", NormsHeader + Norms);
        string scenario = folder.Write("women.json", Women);

        CliResult result = Sarcosim.Run("calibrate", scenario, "--targets", targets, "--quantities", "asm", "--fit", "model.massLoss.medianRate.female", "-n", People, "--out", folder["fit"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] rows = [.. File.ReadAllLines(Path.Combine(folder["fit"], "fit.csv")).Skip(1).Select(l => l.Split(',')[0])];
        Assert.Equal(["C1", "C2"], rows);
    }

    [Fact]
    public void Calibrate_QuantityNotInTheFile_ExitsTwoListingTheFilesQuantities()
    {
        using var folder = new TempFolder();
        string targets = folder.Write("norms.csv", NormsHeader + Norms);
        string scenario = folder.Write("women.json", Women);

        CliResult result = Sarcosim.Run("calibrate", scenario, "--targets", targets, "--quantities", "Grip", "--fit", "model.massLoss.medianRate.female", "-n", "200");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--quantities: \"Grip\" is not a quantity of the targets file; expected some of: Asm, KneeStrengthAnnualChangePercent.", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public void Calibrate_NotConverging_ExitsFiveAfterReportingTheBestPoint()
    {
        using var folder = new TempFolder();
        string targets = folder.Write("norms.csv", NormsHeader + Norms);
        string scenario = folder.Write("women.json", Women);

        CliResult result = Sarcosim.Run("calibrate", scenario, "--targets", targets, "--fit", "model.massLoss.medianRate.female", "-n", People, "--max-iterations", "1");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("sarcosim: the fit did not converge within 1 iterations; the best point found so far is reported.", result.Error);
        Assert.Contains("model.massLoss.medianRate.female", result.Output);
    }

    [Theory]
    [InlineData(new[] { "--fit", "model.massLoss.medianRat.female" }, "women.json: model.massLoss.medianRat.female: model.massLoss has no field 'medianRat'")]
    [InlineData(new[] { "--fit", "model.massLoss.onsetAge" }, "takes whole numbers only")]
    [InlineData(new string[0], "--fit")]
    public void Calibrate_BadParameters_ExitTwoNamingThePath(string[] fit, string message)
    {
        using var folder = new TempFolder();
        string targets = folder.Write("norms.csv", NormsHeader + Norms);
        string scenario = folder.Write("women.json", Women);

        CliResult result = Sarcosim.Run(["calibrate", scenario, "--targets", targets, "-n", "200", .. fit]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }
}
