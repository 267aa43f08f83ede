using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Projection;

namespace Sarcopenia.Sim.Tests.Projection;

public sealed class SpreadsheetProjectionTests
{
    // Ethgen et al. 2017 (epidemiology fact sheet §0): cases ÷ prevalence give 97.9 M people aged 65+ in EU-28 in 2016
    // and 145.2 M in 2045 (lowest-prevalence definition; 97.7 M and 145.0 M with the highest).
    private const double Ethgen2016 = 97.9e6;
    private const double Ethgen2045 = 145.2e6;
    private const double DenominatorTolerance = 0.02;

    /// <summary>
    /// Baumgartner's definition in the New Mexico Elder Health Survey (von Haehling 2010, Table 1; fact sheet §2.3),
    /// the lower end of each range: it rises with age, as Ethgen's interpolated curves do (theirs are not in the fact sheet).
    /// </summary>
    private static readonly PrevalenceTable s_newMexico = new("NMEHS", "von Haehling 2010 Table 1 (lower bounds)",
    [
        new(Sex.Female, new AgeGroup(65, 69), 0.231), new(Sex.Female, new AgeGroup(70, 74), 0.333),
        new(Sex.Female, new AgeGroup(75, 79), 0.353), new(Sex.Female, new AgeGroup(80, null), 0.432),
        new(Sex.Male, new AgeGroup(65, 69), 0.135), new(Sex.Male, new AgeGroup(70, 74), 0.183),
        new(Sex.Male, new AgeGroup(75, 79), 0.267), new(Sex.Male, new AgeGroup(80, null), 0.526),
    ]);

    [Fact]
    public void Project_Eu28_ReproducesEthgensDenominators()
    {
        CaseProjection projection = SpreadsheetProjection.Project(s_newMexico, Wpp2019.Population(Wpp2019.EU28), 2016, 2045);

        Assert.InRange(projection.People(2016, minimumAge: 65) / Ethgen2016, 1 - DenominatorTolerance, 1 + DenominatorTolerance);
        Assert.InRange(projection.People(2045, minimumAge: 65) / Ethgen2045, 1 - DenominatorTolerance, 1 + DenominatorTolerance);
    }

    [Fact]
    public void Project_Eu28_CasesGrowFasterThanTheOlderPopulation()
    {
        CaseProjection projection = SpreadsheetProjection.Project(s_newMexico, Wpp2019.Population(Wpp2019.EU28), 2016, 2045);

        double peopleGrowth = projection.People(2045, minimumAge: 65) / projection.People(2016, minimumAge: 65) - 1;
        double casesGrowth = projection.Cases(2045, minimumAge: 65) / projection.Cases(2016, minimumAge: 65) - 1;

        // Ethgen: the 65+ population grows by about 48 %, cases by 64-72 %, because the oldest (with the highest
        // prevalence) grow fastest. This table gives the same shape.
        Assert.InRange(peopleGrowth, 0.45, 0.51);
        Assert.True(casesGrowth > peopleGrowth + 0.05, $"cases +{casesGrowth:P1}, people 65+ +{peopleGrowth:P1}");
        Assert.InRange(casesGrowth, 0.55, 0.80);
    }

    [Fact]
    public void Project_CasesAreTheSumOfTheBands()
    {
        CaseProjection projection = SpreadsheetProjection.Project(s_newMexico, Wpp2019.Population(Wpp2019.FindLocation("Italy")), 2020, 2022);

        foreach (int year in (int[])[2020, 2021, 2022])
        {
            double bands = projection.Counts.Where(c => c.Year == year).Sum(c => c.Cases);
            Assert.Equal(projection.Cases(year), bands, 1e-6 * bands);
            Assert.Equal(projection.Cases(year, Sex.Female) + projection.Cases(year, Sex.Male), projection.Cases(year), 1e-6 * bands);
            Assert.All(projection.Counts.Where(c => c.Year == year), c => Assert.Equal(c.Prevalence * c.People, c.Cases, 1e-9 * c.Cases));
        }
    }

    [Fact]
    public void Project_ZeroPrevalence_HasNoCases()
    {
        var none = new PrevalenceTable("none", "test", [new(Sex.Female, new AgeGroup(0, null), 0), new(Sex.Male, new AgeGroup(0, null), 0)]);

        CaseProjection projection = SpreadsheetProjection.Project(none, Wpp2019.Population(Wpp2019.FindLocation("Japan")), 2016, 2016);

        Assert.Equal(0, projection.Cases(2016));
    }

    [Fact]
    public void Project_YearsOutsideThePopulation_AreRefused()
    {
        PopulationTable population = Wpp2019.Population(Wpp2019.EU28);

        Assert.Throws<ArgumentOutOfRangeException>(() => SpreadsheetProjection.Project(s_newMexico, population, 2016, 2101));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpreadsheetProjection.Project(s_newMexico, population, 2045, 2016));
    }

    [Fact]
    public void Validate_OverlapsGapsAndBadPrevalences_AreNamed()
    {
        var table = new PrevalenceTable("bad", "test",
        [
            new(Sex.Female, new AgeGroup(65, 69), 1.5), new(Sex.Female, new AgeGroup(68, 74), 0.2),
            new(Sex.Male, new AgeGroup(65, 69), 0.1), new(Sex.Male, new AgeGroup(75, null), 0.2),
        ]);

        var e = Assert.Throws<ParameterValidationException>(table.Validate);

        Assert.Contains(e.Errors, p => p.Path == "bands[0]" && p.Allowed.Contains("from 0 to 1", StringComparison.Ordinal));
        Assert.Contains(e.Errors, p => p.Path == "bands[1]" && p.Allowed.Contains("overlaps 65-69", StringComparison.Ordinal));
        Assert.Contains(e.Errors, p => p.Path == "bands[3]" && p.Allowed.Contains("ages 70 to 74 are missing", StringComparison.Ordinal));
    }
}
