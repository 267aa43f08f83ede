using Sarcopenia.Sim.Demography;

namespace Sarcopenia.Sim.Tests.Demography;

public sealed class Wpp2019Tests
{
    [Theory]
    [InlineData("Germany", 276)]
    [InlineData("germany", 276)]
    [InlineData("276", 276)]
    [InlineData(" United-Kingdom ", 826)]
    [InlineData("cote d'ivoire", 384)]
    [InlineData("Bolivia", 68)]
    [InlineData("World", 900)]
    [InlineData("Europe", 908)]
    public void FindLocation_ByNameOrCode_IgnoresCaseAndPunctuation(string text, int code) =>
        Assert.Equal(code, Wpp2019.FindLocation(text).Code);

    [Theory]
    [InlineData("EU-28")]
    [InlineData("eu28")]
    [InlineData("EU 28")]
    public void FindLocation_Unions_ByName(string text) => Assert.Same(Wpp2019.EU28, Wpp2019.FindLocation(text));

    [Fact]
    public void FindLocation_Misspelt_SuggestsTheNearestName()
    {
        var e = Assert.Throws<ArgumentException>(() => Wpp2019.FindLocation("Germny"));

        Assert.Contains("\"Germny\" is not a location of WPP 2019", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Germany'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locations_HaveUniqueCodesAndTheWorldsCountries()
    {
        Assert.Equal(Wpp2019.Locations.Count(l => l.Code is not null), Wpp2019.Locations.Select(l => l.Code).OfType<int>().Distinct().Count());
        Assert.Equal(201, Wpp2019.Locations.Count(l => l.Kind == LocationKind.Country));
        Assert.Contains(Wpp2019.EU27, Wpp2019.Locations);
        Assert.Equal(27, Wpp2019.EU27.Members.Length);
        Assert.Equal([.. Wpp2019.EU27.Members.AsSpan().ToArray(), 826], Wpp2019.EU28.Members.AsSpan().ToArray().Order());
    }

    [Theory]
    [InlineData(PopulationVariant.Medium)]
    [InlineData(PopulationVariant.Low)]
    [InlineData(PopulationVariant.High)]
    public void Population_Union_IsTheSumOfItsMembers(PopulationVariant variant)
    {
        PopulationTable union = Wpp2019.Population(Wpp2019.EU28, variant);
        PopulationTable[] members = [.. Wpp2019.EU28.Members.AsSpan().ToArray().Select(c => Wpp2019.Population(Wpp2019.FindLocation($"{c}"), variant))];

        foreach (int year in (int[])[1950, 2016, 2020, 2023, 2045, 2100])
        {
            for (int group = 0; group < union.AgeGroups.Count; group++)
            {
                double sum = members.Sum(m => m.Count(year, Sex.Female, group));
                Assert.Equal(sum, union.Count(year, Sex.Female, group), 1e-9 * Math.Max(sum, 1));
            }
        }
    }

    [Fact]
    public void Population_World2020_MatchesWpp()
    {
        PopulationTable world = Wpp2019.Population(Wpp2019.FindLocation("World"));

        // WPP 2019: 7,794.8 million people on 1 July 2020 (popF.txt + popM.txt).
        Assert.Equal(7_794.8e6, world.Total(2020), 0.1e6);
        Assert.Equal(1950, world.FirstYear);
        Assert.Equal(2100, world.LastYear);
    }

    [Fact]
    public void Population_TotalsAreTheSumOfAgeGroupsAndSingleAges()
    {
        PopulationTable france = Wpp2019.Population(Wpp2019.FindLocation("France"));

        foreach (int year in (int[])[2015, 2016, 2019, 2030])
        {
            double groups = Enumerable.Range(0, france.AgeGroups.Count).Sum(g => france.Count(year, Sex.Female, g) + france.Count(year, Sex.Male, g));
            Assert.Equal(groups, france.Total(year), 1e-6 * groups);
            Assert.Equal(france.Total(year, Sex.Female) + france.Total(year, Sex.Male), france.Total(year), 1e-6 * groups);
        }
    }

    [Fact]
    public void Population_BetweenFiveYearSteps_IsLinearInEachGroup()
    {
        PopulationTable spain = Wpp2019.Population(Wpp2019.FindLocation("Spain"));
        int group = 13; // 65-69

        double expected = 0.8 * spain.Count(2015, Sex.Male, group) + 0.2 * spain.Count(2020, Sex.Male, group);

        Assert.Equal(expected, spain.Count(2016, Sex.Male, group), 1e-9 * expected);
        Assert.Equal(spain.Count(2016, Sex.Male, group) / 5, spain.AtAge(2016, Sex.Male, 67), 1e-9 * expected);
    }

    [Fact]
    public void Population_VariantsShareTheEstimatesAndDifferAfter()
    {
        PopulationTable low = Wpp2019.Population(Wpp2019.FindLocation("India"), PopulationVariant.Low);
        PopulationTable high = Wpp2019.Population(Wpp2019.FindLocation("India"), PopulationVariant.High);

        Assert.Equal(low.Total(2020), high.Total(2020));
        Assert.True(high.Total(2050) > low.Total(2050));
    }

    [Fact]
    public void LifeTables_ConvertRatesWithConstantHazard()
    {
        PeriodLifeTables japan = Wpp2019.LifeTables(Wpp2019.FindLocation("Japan"));

        // mxF.txt, Japan (392), women 80-84, 2015-2020: m = 0.030309696; the library's q is 1 - exp(-m), not m / (1 + m/2).
        const double m = 0.030309696;
        Assert.Equal(1 - Math.Exp(-m), japan.ProbabilityOfDeath(2016, Sex.Female, 17), 1e-15);
        Assert.NotEqual(m / (1 + (m / 2)), japan.ProbabilityOfDeath(2016, Sex.Female, 17), 1e-9);
        Assert.Equal(new Period(2015, 2020), japan.Periods.Single(p => p.Contains(2016)));
    }

    [Fact]
    public void LifeTables_ForYear_IsAValidLifeTableRisingWithAge()
    {
        LifeTable table = Wpp2019.LifeTables(Wpp2019.EU28).ForYear(2030);

        Assert.Equal(Wpp2019.RateAgeGroups.Count, table.Ages.Length);
        Assert.Equal(0.5, table.Ages[0]);
        Assert.Equal(67.5, table.Ages[14]);
        for (int age = 40; age < 100; age++)
        {
            Assert.True(table.ProbabilityOfDeath(Sex.Male, age + 1) > table.ProbabilityOfDeath(Sex.Male, age));
            Assert.True(table.ProbabilityOfDeath(Sex.Male, age) > table.ProbabilityOfDeath(Sex.Female, age));
        }
    }

    [Fact]
    public void LifeTables_Union_LiesBetweenItsMembers()
    {
        PeriodLifeTables union = Wpp2019.LifeTables(Wpp2019.EU28);
        double[] members = [.. Wpp2019.EU28.Members.AsSpan().ToArray().Select(c => Wpp2019.LifeTables(Wpp2019.FindLocation($"{c}")).ProbabilityOfDeath(2016, Sex.Female, 16))];

        Assert.InRange(union.ProbabilityOfDeath(2016, Sex.Female, 16), members.Min(), members.Max());
    }

    [Fact]
    public void LifeTables_YearOutsideThePeriods_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Wpp2019.LifeTables(Wpp2019.EU27).ForYear(2100));
}
