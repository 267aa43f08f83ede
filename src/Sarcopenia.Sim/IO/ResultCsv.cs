using System.Globalization;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// Tidy CSV tables of a result: one observation per row, one variable per column, invariant culture, LF line ends.
/// Besides one row per sex and per ancestry present in the cohort, every table has aggregate rows whose sex or
/// ancestry is <c>All</c>; a sex without anybody (a cohort of women only, say) has no rows. Ratios and means have 8
/// significant digits, well beyond their Monte Carlo precision;
/// a value that does not exist (a share of nobody, a centile without a histogram) is an empty field.
/// </summary>
public static class ResultCsv
{
    /// <summary>The label of aggregate rows.</summary>
    public const string All = "All";

    /// <summary>The centiles in <see cref="WriteTraits"/>, in percent.</summary>
    public static IReadOnlyList<int> Centiles { get; } = [5, 10, 25, 50, 75, 90, 95];

    private const string NumberFormat = "G8";

    /// <summary>
    /// Writes <c>age,sex,ancestry,stage,people,prevalence,lower95,upper95</c>: people alive at each age in each of the
    /// definition's stages, their share of the living, and its 95 % Wilson interval (<see cref="PrevalenceEstimate.Wilson"/>,
    /// the Monte Carlo noise of the simulation, as <see cref="SimulationResult.PrevalenceAtLeastInterval"/> computes it).
    /// </summary>
    public static void WritePrevalence(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("age,sex,ancestry,stage,people,prevalence,lower95,upper95\n");
        foreach ((int age, Sex? sex, Ancestry? ancestry) in Cells(result))
        {
            long alive = result.Alive(age, sex, ancestry);
            foreach (Stage stage in result.Stages)
            {
                long people = result.Count(age, stage, sex, ancestry);
                PrevalenceEstimate estimate = PrevalenceEstimate.Wilson(people, alive);
                writer.Write($"{Int(age)},{Label(sex)},{Label(ancestry)},{stage},{Int(people)},{Number(estimate.Prevalence)},{Number(estimate.Lower)},{Number(estimate.Upper)}\n");
            }
        }
    }

    /// <summary>Writes <c>age,sex,ancestry,alive,deaths</c>: people alive at each age and deaths in the year that ended at it.</summary>
    public static void WriteDeaths(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("age,sex,ancestry,alive,deaths\n");
        foreach ((int age, Sex? sex, Ancestry? ancestry) in Cells(result))
        {
            writer.Write($"{Int(age)},{Label(sex)},{Label(ancestry)},{Int(result.Alive(age, sex, ancestry))},{Int(result.Deaths(age, sex, ancestry))}\n");
        }
    }

    /// <summary>
    /// Writes <c>age,sex,ancestry,trait,unit,n,mean,sd,p5,p10,p25,p50,p75,p90,p95</c> for every trait the run
    /// accumulated statistics for; centiles are filled for traits with histograms.
    /// </summary>
    public static void WriteTraits(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("age,sex,ancestry,trait,unit,n,mean,sd," + string.Join(",", Centiles.Select(c => $"p{Int(c)}")) + "\n");
        Trait[] traits = [.. Traits.All.ToArray().Where(t => result.Statistics.Contains(t))];
        foreach ((int age, Sex? sex, Ancestry? ancestry) in Cells(result))
        {
            foreach (Trait trait in traits)
            {
                TraitSummary summary = result.Summary(trait, age, sex, ancestry);
                TraitInfo info = TraitInfo.Of(trait);
                writer.Write($"{Int(age)},{Label(sex)},{Label(ancestry)},{info.Name},{info.Unit},{Int(summary.Count)},{Number(summary.Mean)},{Number(summary.Sd)}");
                bool centiles = result.Histograms.Contains(trait);
                foreach (int centile in Centiles)
                {
                    writer.Write(',');
                    writer.Write(centiles ? Number(result.Centile(trait, age, centile, sex, ancestry)) : "");
                }

                writer.Write('\n');
            }
        }
    }

    /// <summary>Every (age, sex, ancestry) row key: each sex present then All, each ancestry present then All.</summary>
    private static IEnumerable<(int Age, Sex? Sex, Ancestry? Ancestry)> Cells(SimulationResult result)
    {
        Ancestry?[] ancestries = [.. Enum.GetValues<Ancestry>().Where(a => result.Cohort.Ancestry.Weights[(int)a] > 0).Select(a => (Ancestry?)a), null];
        Sex?[] sexes = [.. result.Sexes.Select(s => (Sex?)s), null];
        foreach (int age in result.Ages)
        {
            foreach (Sex? sex in sexes)
            {
                foreach (Ancestry? ancestry in ancestries)
                {
                    yield return (age, sex, ancestry);
                }
            }
        }
    }

    private static string Label<T>(T? value)
        where T : struct, Enum => value?.ToString() ?? All;

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsFinite(value) ? value.ToString(NumberFormat, CultureInfo.InvariantCulture) : "";
}
