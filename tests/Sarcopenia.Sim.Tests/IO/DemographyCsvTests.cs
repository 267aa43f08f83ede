using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class DemographyCsvTests
{
    private const string Header = "country,year,sex,age,population\n";

    private static string Block(string country, int year, string sex, params string[] groups) =>
        string.Concat(groups.Select(g => $"{country},{year},{sex},{g}\n"));

    private static readonly string s_good = Header
        + Block("Malta", 2020, "Female", "0-64,100", "65+,50") + Block("Malta", 2020, "Male", "0-64,100", "65+,30")
        + Block("Malta", 2025, "Female", "0-64,100", "65+,60") + Block("Malta", 2025, "Male", "0-64,100", "65+,40");

    [Fact]
    public void ReadPopulation_GoodTable_GivesCountsByYearSexAndGroup()
    {
        PopulationTable table = Assert.Single(DemographyCsv.ReadPopulation(new StringReader(s_good), "people.csv"));

        Assert.Equal(470, table.Location.Code);
        Assert.Equal([2020, 2025], table.Years);
        Assert.Equal([new AgeGroup(0, 64), new AgeGroup(65, null)], table.AgeGroups);
        Assert.Equal(54, table.Count(2022, Sex.Female, 1), 9); // 50 + (2022 - 2020) / 5 × (60 - 50)
        Assert.Equal(280, table.Total(2020), 9);
    }

    [Theory]
    [InlineData("negative count", "Malta,2020,Female,65+,-3", "line 3, column 23 (population): -3 is not allowed; expected a number of people, 0 or more.")]
    [InlineData("unknown country", "Malt,2020,Female,65+,50", "line 3, column 1 (country): \"Malt\" is not allowed; expected a country, area or aggregate of WPP 2019")]
    [InlineData("bad year", "Malta,20x0,Female,65+,50", "line 3, column 7 (year): \"20x0\" is not allowed")]
    [InlineData("bad age", "Malta,2020,Female,65-,50", "line 3, column 19 (age): \"65-\" is not allowed")]
    public void ReadPopulation_BadField_IsNamedByLineColumnAndValue(string mistake, string row, string expected)
    {
        string csv = Header + "Malta,2020,Female,0-64,100\n" + row + "\n" + Block("Malta", 2020, "Male", "0-64,100", "65+,30");

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadPopulation(new StringReader(csv), "people.csv"));

        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{mistake}: {e.Message}");
        Assert.StartsWith("people.csv: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPopulation_UnknownCountry_SuggestsTheNearest()
    {
        string csv = Header + Block("Germny", 2020, "Female", "0+,1") + Block("Germny", 2020, "Male", "0+,1");

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadPopulation(new StringReader(csv), "people.csv"));

        Assert.Contains("did you mean 'Germany'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPopulation_Gap_NamesTheMissingAges()
    {
        string csv = Header + Block("Malta", 2020, "Female", "0-59,100", "65+,50") + Block("Malta", 2020, "Male", "0-64,100", "65+,30");

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadPopulation(new StringReader(csv), "people.csv"));

        Assert.Contains("line 3, column 19 (age): 65+ is not allowed; expected an age group starting at 60: ages 60 to 64 are missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPopulation_AgesOutOfOrder_AreNamed()
    {
        string csv = Header + Block("Malta", 2020, "Female", "65+,50", "0-64,100") + Block("Malta", 2020, "Male", "0-64,100", "65+,30");

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadPopulation(new StringReader(csv), "people.csv"));

        Assert.Contains("line 2, column 19 (age): 65+ is not allowed; expected an age group starting at 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, column 19 (age): 0-64 is not allowed; expected no age group after the open group 65+", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPopulation_YearsThatDoNotLineUp_AreNamed()
    {
        string csv = Header + Block("Malta", 2020, "Female", "0-64,100", "65+,50") + Block("Malta", 2020, "Male", "0-64,100", "65+,30")
            + Block("Malta", 2025, "Female", "0-64,100", "65+,50");

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadPopulation(new StringReader(csv), "people.csv"));

        Assert.Contains("line 6: Malta (470) 2025 without rows for males is not allowed; expected rows for both sexes in every year", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPopulation_DifferentGroupsInAnotherYear_AreNamed()
    {
        string csv = Header + Block("Malta", 2020, "Female", "0-64,100", "65+,50") + Block("Malta", 2020, "Male", "0-64,100", "65+,30")
            + Block("Malta", 2025, "Female", "0-69,100", "70+,50") + Block("Malta", 2025, "Male", "0-69,100", "70+,30");

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadPopulation(new StringReader(csv), "people.csv"));

        Assert.Contains("2 problems", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected the same age groups in every year and for both sexes, as in the first: 0-64, 65+", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qx", "1.2", "a probability of death greater than 0 and at most 1")]
    [InlineData("qx", "-0.1", "a probability of death greater than 0 and at most 1")]
    [InlineData("mx", "-0.1", "a death rate greater than 0")]
    public void ReadLifeTables_OutOfRange_IsNamed(string column, string value, string expected)
    {
        string csv = $"code,year,sex,age,{column}\n470,2015-2020,Female,0+,{value}\n470,2015-2020,Male,0+,0.5\n";

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadLifeTables(new StringReader(csv), "q.csv"));

        Assert.Contains($"line 2, column 25 ({column}): {value} is not allowed; expected {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLifeTables_Rates_BecomeProbabilitiesByPeriod()
    {
        string csv = "country,year,sex,age,mx\nMalta,2015-2020,F,0-64,0.001\nMalta,2015-2020,F,65+,0.05\nMalta,2015-2020,M,0-64,0.002\nMalta,2015-2020,M,65+,0.07\n";

        PeriodLifeTables tables = Assert.Single(DemographyCsv.ReadLifeTables(new StringReader(csv), "m.csv"));

        Assert.Equal(1 - Math.Exp(-0.05), tables.ProbabilityOfDeath(2019, Sex.Female, 1), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => tables.ProbabilityOfDeath(2020, Sex.Female, 1));
    }

    [Fact]
    public void ReadLifeTables_OverlappingPeriods_AreNamed()
    {
        string csv = "code,year,sex,age,qx\n470,2015-2020,Female,0+,0.5\n470,2015-2020,Male,0+,0.5\n470,2018,Female,0+,0.5\n470,2018,Male,0+,0.5\n";

        var e = Assert.Throws<TableFileException>(() => DemographyCsv.ReadLifeTables(new StringReader(csv), "q.csv"));

        Assert.Contains("the period 2018 of Malta (470) is not allowed; expected periods that do not overlap (it overlaps 2015-2020)", e.Message, StringComparison.Ordinal);
    }
}
