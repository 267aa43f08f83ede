using System.Globalization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class ResultCsvTests
{
    private static readonly SimulationResult s_result = Simulation.Run(
        Presets.Evidence,
        new CohortSpec(People: 2000) { StartAge = 60, EndAge = 80, Ancestry = AncestryMix.UnitedStates2020 },
        seed: 3,
        new RunOptions { Histograms = TraitSet.Grip });

    [Fact]
    public void WritePrevalence_HasOneRowPerAgeSexAncestryStage_AndSharesSumToOne()
    {
        string[][] rows = Rows(ResultCsv.WritePrevalence, out string header);

        Assert.Equal("age,sex,ancestry,stage,people,prevalence,lower95,upper95", header);
        int ancestries = 5 + 1;
        Assert.Equal(21 * 3 * ancestries * s_result.Stages.Count, rows.Length);
        foreach (IGrouping<string, string[]> cell in rows.GroupBy(r => $"{r[0]},{r[1]},{r[2]}"))
        {
            if (cell.All(r => r[5].Length > 0))
            {
                Assert.Equal(1.0, cell.Sum(r => double.Parse(r[5], CultureInfo.InvariantCulture)), 6);
            }
        }
    }

    [Fact]
    public void WritePrevalence_AllRows_AreSumsOfTheirParts()
    {
        string[][] rows = Rows(ResultCsv.WritePrevalence, out _);
        long People(string age, string sex, string ancestry, string stage) =>
            long.Parse(rows.Single(r => r[0] == age && r[1] == sex && r[2] == ancestry && r[3] == stage)[4], CultureInfo.InvariantCulture);

        long parts = Enum.GetNames<Ancestry>().Sum(a => People("75", "Female", a, "Sarcopenia"));
        Assert.Equal(parts, People("75", "Female", ResultCsv.All, "Sarcopenia"));
        Assert.Equal(People("75", "Female", ResultCsv.All, "None") + People("75", "Male", ResultCsv.All, "None"), People("75", ResultCsv.All, ResultCsv.All, "None"));
        Assert.Equal(s_result.Count(75, Stage.Sarcopenia, Sex.Female), parts);
    }

    [Fact]
    public void WriteTraits_HasCentilesOnlyForTraitsWithHistograms()
    {
        string[][] rows = Rows(ResultCsv.WriteTraits, out string header);

        Assert.Equal("age,sex,ancestry,trait,unit,n,mean,sd,p5,p10,p25,p50,p75,p90,p95", header);
        string[] grip = rows.First(r => r[0] == "70" && r[1] == "Male" && r[2] == ResultCsv.All && r[3] == "Grip");
        string[] gait = rows.First(r => r[0] == "70" && r[1] == "Male" && r[2] == ResultCsv.All && r[3] == "Gait");
        Assert.Equal("kg", grip[4]);
        Assert.All(grip[8..], value => Assert.NotEmpty(value));
        Assert.All(gait[8..], Assert.Empty);
        double mean = s_result.Summary(Trait.Grip, 70, Sex.Male).Mean;

        // Eight significant digits: the written mean is within half a unit of the eighth digit.
        Assert.InRange(Math.Abs(double.Parse(grip[6], CultureInfo.InvariantCulture) - mean), 0, 5e-8 * mean);
    }

    [Fact]
    public void WriteDeaths_MatchesTheResult()
    {
        string[][] rows = Rows(ResultCsv.WriteDeaths, out string header);

        Assert.Equal("age,sex,ancestry,alive,deaths", header);
        string[] row = rows.Single(r => r[0] == "80" && r[1] == ResultCsv.All && r[2] == ResultCsv.All);
        Assert.Equal(s_result.Alive(80).ToString(CultureInfo.InvariantCulture), row[3]);
        Assert.Equal(s_result.Deaths(80).ToString(CultureInfo.InvariantCulture), row[4]);
    }

    [Fact]
    public void Tables_OfAWomenOnlyCohort_HaveNoRowsForMen()
    {
        SimulationResult women = Simulation.Run(Presets.Evidence, new CohortSpec(People: 500) { StartAge = 60, FemaleFraction = 1 }, seed: 3);

        Assert.Equal([Sex.Female], women.Sexes);
        foreach (Action<SimulationResult, TextWriter> write in (Action<SimulationResult, TextWriter>[])[ResultCsv.WritePrevalence, ResultCsv.WriteTraits, ResultCsv.WriteDeaths])
        {
            var writer = new StringWriter();
            write(women, writer);
            string[] sexes = [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[1]).Distinct()];
            Assert.Equal(["Female", ResultCsv.All], sexes);
        }
    }

    [Fact]
    public void WritePrevalence_IntervalIsTheWilsonIntervalOfTheShare()
    {
        string[][] rows = Rows(ResultCsv.WritePrevalence, out _);
        string[] row = rows.Single(r => r[0] == "75" && r[1] == "Female" && r[2] == ResultCsv.All && r[3] == "Sarcopenia");

        PrevalenceEstimate expected = PrevalenceEstimate.Wilson(s_result.Count(75, Stage.Sarcopenia, Sex.Female), s_result.Alive(75, Sex.Female));
        Assert.Equal(expected.Lower, double.Parse(row[6], CultureInfo.InvariantCulture), 7);
        Assert.Equal(expected.Upper, double.Parse(row[7], CultureInfo.InvariantCulture), 7);
        Assert.InRange(expected.Prevalence, expected.Lower, expected.Upper);
    }

    private static string[][] Rows(Action<SimulationResult, TextWriter> write, out string header)
    {
        var writer = new StringWriter();
        write(s_result, writer);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        header = lines[0];
        return [.. lines.Skip(1).Select(line => line.Split(','))];
    }
}
