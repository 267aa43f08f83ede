using System.Globalization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// The end-of-run summary: prevalence by age band × sex × stage (the sexes in the cohort only, stages in the
/// definition's own words), then what was run and how fast.
/// </summary>
internal static class Summary
{
    // Sarcopenia is a disease of older age: show 65+ in five-year bands when the cohort reaches that far.
    private const int SummaryFromAge = 65;
    private const int BandWidth = 5;

    // Few people survive past 90; one open band keeps its prevalence from being noise.
    private const int OpenBandFromAge = 90;

    public static void Print(IAnsiConsole console, Scenario scenario, SimulationResult result, TimeSpan wallTime, string? outputFolder)
    {
        Stage[] stages = [.. result.Stages.Where(s => s != Stage.None)];
        var table = new Table()
            .Border(console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii)
            .Title($"Prevalence by age band, sex and stage ({Markup.Escape(result.Definition.Name)}, % of person-years)")
            .AddColumn("Age")
            .AddColumn("Sex")
            .AddColumn(new TableColumn("Person-years").RightAligned());
        foreach (Stage stage in stages)
        {
            table.AddColumn(new TableColumn(Markup.Escape(StageNames.Short(result.Definition, stage))).RightAligned());
        }

        foreach ((int from, int to) in AgeBands(scenario.Cohort))
        {
            foreach (Sex sex in result.Sexes)
            {
                var cells = new List<string>
                {
                    from == to ? Int(from) : $"{Int(from)}-{Int(to)}",
                    sex.ToString(),
                    result.Alive(from, to, sex).ToString("N0", CultureInfo.InvariantCulture),
                };
                cells.AddRange(stages.Select(stage => Percent(result.Prevalence(from, to, sex, stage))));
                table.AddRow([.. cells.Select(Markup.Escape)]);
            }
        }

        console.Write(table);
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("Scenario", Markup.Escape(scenario.Name));
        facts.AddRow("Model", Markup.Escape($"{scenario.Model.Name} preset, definition {result.Definition.Name}"));
        facts.AddRow("Seed", scenario.Seed.ToString(CultureInfo.InvariantCulture));
        facts.AddRow("People", Markup.Escape($"{result.People.ToString("N0", CultureInfo.InvariantCulture)}{OneSex(result)}, ages {Int(scenario.Cohort.StartAge)}-{Int(scenario.Cohort.EndAge)}, ancestry {scenario.Cohort.Ancestry.Name}"));
        facts.AddRow("Wall time", string.Create(CultureInfo.InvariantCulture, $"{wallTime.TotalSeconds:0.00} s (simulation {result.Elapsed.TotalSeconds:0.00} s)"));
        facts.AddRow("Throughput", string.Create(CultureInfo.InvariantCulture, $"{result.PersonYearsPerSecond:0.00e+0} person-years/s ({result.PersonYears:N0} person-years{VectorWidth(result)})"));
        if (!result.IsComplete)
        {
            facts.AddRow("Partial", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(", ", result.PersonRanges)} of {result.Cohort.People:N0} people; 'sarcosim merge' adds up the shards")));
        }

        facts.AddRow("Output", Markup.Escape(outputFolder ?? "none written (add --out DIR for CSV tables, manifest and results file)"));
        console.Write(facts);
    }

    /// <summary>Five-year bands from 65 (or the start age, for cohorts that end young) with one open band from 90.</summary>
    internal static IReadOnlyList<(int From, int To)> AgeBands(CohortSpec cohort)
    {
        int start = cohort.EndAge >= SummaryFromAge + BandWidth ? Math.Max(cohort.StartAge, SummaryFromAge) : cohort.StartAge;
        var bands = new List<(int, int)>();
        for (int from = start; from <= cohort.EndAge; from += BandWidth)
        {
            bool open = from >= OpenBandFromAge;
            bands.Add((from, open ? cohort.EndAge : Math.Min(from + BandWidth - 1, cohort.EndAge)));
            if (open)
            {
                break;
            }
        }

        return bands;
    }

    /// <summary>" (women only: no men in this cohort)" for a cohort of one sex, whose other sex has no rows; else empty.</summary>
    private static string OneSex(SimulationResult result) => result.Sexes switch
    {
        [Sex.Female] => " (women only: no men in this cohort, so no rows for men)",
        [Sex.Male] => " (men only: no women in this cohort, so no rows for women)",
        _ => "",
    };

    /// <summary>", 512-bit vectors": the width the run computed at, which explains its speed; empty when not known (a merge of results files).</summary>
    private static string VectorWidth(SimulationResult result) =>
        result.VectorBits is int bits ? string.Create(CultureInfo.InvariantCulture, $", {bits}-bit vectors") : "";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
