using Sarcopenia.Sim.Fitting;

namespace Sarcopenia.Sim.Tests.Fitting;

public sealed class TargetFileTests
{
    private const string NormHeader = "id,quantity,unit,statistic,sex,ancestry,age_low,age_high,value,se,citation,notes\n";
    private const string PrevalenceHeader = "id,definition,stage,sex,ancestry,age_low,age_high,value_percent,se_percent,population,citation\n";

    [Fact]
    public void ShippedValidation_HoldsEveryRowOfTheResearchFile()
    {
        IReadOnlyList<Target> targets = TargetFile.ShippedValidation();

        Assert.Equal(69, targets.Count);
        Assert.All(targets, t => Assert.True(t.IsPrevalence));
        Target p017 = Assert.Single(targets, t => t.Id == "P017");
        Assert.Equal(("EWGSOP2", TargetStage.Probable, Sex.Female, Ancestry.European, 75, (int?)null, 26.3, 3.761),
            (p017.Definition, p017.Stage!.Value, p017.Sex!.Value, p017.Ancestry!.Value, p017.AgeLow!.Value, p017.AgeHigh, p017.Value, p017.Se!.Value));
        Assert.Equal("137", p017.Meta("n"));
    }

    [Fact]
    public void Read_ParsesTheCalibrationNormsFile()
    {
        IReadOnlyList<Target> targets = TargetFile.Read(Path.Combine(AppContext.BaseDirectory, "calibration-norms.csv"));

        Assert.Equal(239, targets.Count);
        Target c148 = Assert.Single(targets, t => t.Id == "C148");
        Assert.Equal(("AlmBmi", "m2 (kg per kg/m2)", TargetStatistic.Mean, 0.88), (c148.Quantity, c148.Unit, c148.Statistic, c148.Value));

        // The weight column: pooled norms count fully, single-study grip rows at 0.2, East Asian BMI SDs not at all.
        Assert.Equal(1, Assert.Single(targets, t => t.Id == "C002").Weight);
        Assert.Equal(0.2, targets.Where(t => t.Citation.StartsWith("Steiber", StringComparison.Ordinal)).Select(t => t.Weight).Distinct().Single());
        Assert.Equal(0, Assert.Single(targets, t => t.Id == "C157").Weight);
    }

    [Fact]
    public void Parse_ReadsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks()
    {
        string csv = NormHeader + "T1,Grip,kg,SD,Both,Mixed,60,,8.5,0.2,\"Smith, J. \"\"Grip\"\" 2020\",\"two\nlines\"\n";

        Target t = Assert.Single(TargetFile.Parse(csv, "t.csv"));

        Assert.Equal("Smith, J. \"Grip\" 2020", t.Citation);
        Assert.Equal("two\nlines", t.Meta("notes"));
        Assert.Equal((TargetStatistic.Sd, (Sex?)null, (Ancestry?)null, 60, (int?)null, 0.2), (t.Statistic, t.Sex, t.Ancestry, t.AgeLow!.Value, t.AgeHigh, t.Se!.Value));
        Assert.Equal("t.csv:2", t.Origin);
    }

    public static TheoryData<string, string, string[]> BadFiles => new()
    {
        { "unknown quantity", NormHeader + "T1,Grp,kg,Mean,Male,European,60,69,30,,,\n", ["t.csv: line 2, column quantity", "\"Grp\"", "Grip", "did you mean 'Grip'?"] },
        { "unit not of the quantity", NormHeader + "T1,Height,kg,Mean,Male,European,60,69,170,,,\n", ["line 2, column unit", "\"kg\"", "expected cm, m"] },
        { "unknown statistic", NormHeader + "T1,Grip,kg,Median,Male,European,60,69,30,,,\n", ["line 2, column statistic", "\"Median\"", "P50"] },
        { "statistic not of the quantity", NormHeader + "T1,AsmiChange,kg/m2,Mean,Male,European,60,69,1,,,\n", ["column statistic", "for AsmiChange", "ChangeOver"] },
        { "unknown ancestry", NormHeader + "T1,Grip,kg,Mean,Male,Martian,60,69,30,,,\n", ["line 2, column ancestry", "\"Martian\"", "EastAsian", "Mixed"] },
        { "unknown sex", NormHeader + "T1,Grip,kg,Mean,Women,European,60,69,30,,,\n", ["column sex", "\"Women\"", "Female, Male, Both"] },
        { "age out of range", NormHeader + "T1,Grip,kg,Mean,Male,European,60,130,30,,,\n", ["line 2, column age_high", "\"130\"", "from 0 to 120"] },
        { "age not a number", NormHeader + "T1,Grip,kg,Mean,Male,European,sixty,69,30,,,\n", ["column age_low", "\"sixty\""] },
        { "reversed ages", NormHeader + "T1,Grip,kg,Mean,Male,European,70,60,30,,,\n", ["line 2, column age_high", "60 is below age_low 70"] },
        { "negative value", NormHeader + "T1,Grip,kg,Mean,Male,European,60,69,-3,,,\n", ["line 2, column value", "-3 is negative"] },
        { "missing value", NormHeader + "T1,Grip,kg,Mean,Male,European,60,69,,,,\n", ["line 2, column value", "is empty"] },
        { "negative se", NormHeader + "T1,Grip,kg,Mean,Male,European,60,69,30,-1,,\n", ["column se", "-1 is negative"] },
        { "duplicated id", NormHeader + "T1,Grip,kg,Mean,Male,European,60,69,30,,,\nT1,Grip,kg,Mean,Male,European,70,79,28,,,\n", ["line 3, column id", "T1 is used again (first on line 2)"] },
        { "duplicated cell", NormHeader + "T1,Grip,kg,Mean,Male,European,60,69,30,,,\nT2,Grip,kg,Mean,Male,European,60,69,31,,,\n", ["line 3", "T2 repeats row T1 (line 2)"] },
        { "unknown definition", PrevalenceHeader + "P1,EWGSOP3,Sarcopenia,Male,European,65,,10,,,\n", ["line 2, column definition", "\"EWGSOP3\"", "did you mean 'EWGSOP2'?"] },
        { "unknown stage", PrevalenceHeader + "P1,EWGSOP2,Sarcopaenia,Male,European,65,,10,,,\n", ["line 2, column stage", "\"Sarcopaenia\"", "did you mean 'Sarcopenia'?"] },
        { "stage not of the definition", PrevalenceHeader + "P1,EWGSOP2,Presarcopenia,Male,European,65,,10,,,\n", ["column stage", "not a stage of EWGSOP2"] },
        { "prevalence above 100", PrevalenceHeader + "P1,EWGSOP2,Sarcopenia,Male,European,65,,101,,,\n", ["column value_percent", "above 100"] },
        { "unterminated quote", NormHeader + "T1,Grip,kg,Mean,Male,European,60,69,30,,\"open,\n", ["line 2", "never closed"] },
        { "wrong width", NormHeader + "T1,Grip,kg,Mean\n", ["line 2", "4 fields where the header has 12"] },
        { "missing column", "id,quantity,unit,sex,ancestry,age_low,age_high,value\n", ["line 1, column statistic", "is missing"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Parse_RefusesBadInputNamingFileLineColumnValueAndWhatIsAllowed(string name, string csv, string[] expected)
    {
        var e = Assert.Throws<TargetFileException>(() => TargetFile.Parse(csv, "t.csv"));

        Assert.All(expected, text => Assert.Contains(text, e.Message, StringComparison.Ordinal));
        Assert.True(e.Errors.Count >= 1, name);
    }

    [Fact]
    public void Parse_ReportsEveryProblemAtOnce()
    {
        string csv = NormHeader + "T1,Grp,kg,Mean,Male,European,60,69,30,,,\nT2,Grip,kg,Mean,Male,Martian,60,69,30,,,\n";

        var e = Assert.Throws<TargetFileException>(() => TargetFile.Parse(csv, "t.csv"));

        Assert.StartsWith("t.csv: 2 problems:", e.Message, StringComparison.Ordinal);
        Assert.Equal([2, 3], e.Errors.Select(x => x.Line));
    }
}
