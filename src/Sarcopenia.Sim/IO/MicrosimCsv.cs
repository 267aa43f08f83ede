using System.Globalization;
using Sarcopenia.Sim.Projection;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// Tidy CSV tables of a microsimulation projection (docs/projection.md lists the columns): one observation per row,
/// invariant culture, LF line ends. <c>simulated</c> columns are the exact integer counts of simulated people;
/// <c>people</c> columns are the same weighted to the population projection (alignment).
/// </summary>
public static class MicrosimCsv
{
    private const string NumberFormat = "G8";
    private const string WholeFormat = "F0";

    /// <summary>The age from which the summary's older-people rows count (the 65+ of the issue and of Ethgen 2017).</summary>
    public const int OlderAge = 65;

    private static readonly Sex[] s_sexes = [Sex.Female, Sex.Male];

    /// <summary>Writes <c>replicate,year,age_group,sex,ancestry,stage,simulated,people</c>: every replicate, year, five-year age group, sex, ancestry present and stage.</summary>
    public static void WriteStages(ProjectionRuns runs, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("replicate,year,age_group,sex,ancestry,stage,simulated,people\n");
        Ancestry[] ancestries = Ancestries(runs);
        foreach (MicrosimResult r in runs.Replicates)
        {
            for (int year = r.FirstYear; year <= r.LastYear; year++)
            {
                foreach ((string band, int low, int high) in r.AgeBands())
                {
                    foreach (Sex sex in s_sexes)
                    {
                        foreach (Ancestry ancestry in ancestries)
                        {
                            foreach (Stage stage in Enum.GetValues<Stage>())
                            {
                                long simulated = 0;
                                for (int age = low; age <= high; age++)
                                {
                                    simulated += r.Simulated(year, age, stage, sex, ancestry);
                                }

                                double people = r.InStage(year, stage, sex, low, high, ancestry);
                                writer.Write(string.Create(CultureInfo.InvariantCulture,
                                    $"{r.Replicate},{year},{band},{sex},{ancestry},{stage},{simulated},{people.ToString(WholeFormat, CultureInfo.InvariantCulture)}\n"));
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes <c>replicate,year,age_group,sex,from_stage,to_stage,simulated,people</c>: the transitions of the year that
    /// ended in <c>year</c>, from last year's stage (<c>Entered</c>: entered the projection this year) to this year's
    /// (<c>Died</c>); rows with no simulated transition are left out.
    /// </summary>
    public static void WriteTransitions(ProjectionRuns runs, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("replicate,year,age_group,sex,from_stage,to_stage,simulated,people\n");
        Stage?[] states = [.. Enum.GetValues<Stage>().Select(s => (Stage?)s), null];
        foreach (MicrosimResult r in runs.Replicates)
        {
            for (int year = r.FirstYear; year <= r.LastYear; year++)
            {
                foreach ((string band, int low, int high) in r.AgeBands())
                {
                    foreach (Sex sex in s_sexes)
                    {
                        foreach (Stage? from in states)
                        {
                            foreach (Stage? to in states)
                            {
                                long simulated = 0;
                                double people = 0;
                                for (int age = low; age <= high; age++)
                                {
                                    long n = r.Transitions(year, age, sex, from, to);
                                    simulated += n;
                                    people += n * r.Weight(year, age, sex);
                                }

                                if (simulated > 0)
                                {
                                    writer.Write(string.Create(CultureInfo.InvariantCulture,
                                        $"{r.Replicate},{year},{band},{sex},{from?.ToString() ?? "Entered"},{to?.ToString() ?? "Died"},{simulated},{people.ToString(WholeFormat, CultureInfo.InvariantCulture)}\n"));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes <c>measure,year,sex,ages,mean,lower,upper,stochastic_share,replicates</c>: every year for women, men and both
    /// (<c>All</c>), for the simulated ages and for 65+; <c>lower</c> and <c>upper</c> are the 2.5 and 97.5 % points over
    /// replicates, <c>stochastic_share</c> the share of the replicates' variance that is Monte Carlo error (the rest is
    /// parametric; empty where not known). Measures: <c>people</c>, <c>cases</c> (sarcopenia or severe),
    /// <c>prevalence</c>, <c>standardised_prevalence_who</c>, <c>standardised_prevalence_esp2013</c>,
    /// <c>incidence_per_1000</c> (from the second year), <c>deaths</c>, <c>deaths_sarcopenic</c>.
    /// </summary>
    public static void WriteSummary(ProjectionRuns runs, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("measure,year,sex,ages,mean,lower,upper,stochastic_share,replicates\n");
        MicrosimResult first = runs.Replicates[0];
        int n = runs.Replicates.Count;
        foreach ((string ages, int minimum) in (ReadOnlySpan<(string, int)>)[($"{first.Setup.FirstAge}+", first.Setup.FirstAge), ($"{OlderAge}+", OlderAge)])
        {
            for (int year = first.FirstYear; year <= first.LastYear; year++)
            {
                foreach (Sex? sex in (Sex?[])[Sex.Female, Sex.Male, null])
                {
                    string who = sex?.ToString() ?? ResultCsv.All;
                    void Row(string measure, Interval i) => writer.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{measure},{year},{who},{ages},{Format(i.Mean)},{Format(i.Lower)},{Format(i.Upper)},{(double.IsNaN(i.StochasticShare) ? "" : Format(i.StochasticShare))},{n}\n"));
                    Row("people", runs.Of(r => r.People(year, sex, minimum)));
                    Row("cases", runs.Cases(year, sex, minimum));
                    Row("prevalence", runs.Prevalence(year, sex, minimum));
                    Row("standardised_prevalence_who", runs.Of(r => r.StandardisedPrevalence(year, StandardPopulation.Who, sex, minimum)));
                    Row("standardised_prevalence_esp2013", runs.Of(r => r.StandardisedPrevalence(year, StandardPopulation.Esp2013, sex, minimum)));
                    if (year > first.FirstYear)
                    {
                        Row("incidence_per_1000", runs.Of(r => r.IncidencePer1000(year, sex, minimum)));
                        Row("deaths", runs.Of(r => r.Deaths(year, null, sex, minimum)));
                        Row("deaths_sarcopenic", runs.Of(r => r.Deaths(year, Stage.Sarcopenia, sex, minimum) + r.Deaths(year, Stage.Severe, sex, minimum)));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes <c>measure,year,sex,ages,mean,lower,upper,replicates</c> for a paired comparison: <c>cases_baseline</c>,
    /// <c>cases_scenario</c>, <c>cases_averted</c> (baseline − scenario, paired by replicate) and
    /// <c>life_years_without_sarcopenia_gained</c> (cumulative from the base year), for women, men and both, 65+.
    /// </summary>
    public static void WriteComparison(ProjectionComparison comparison, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("measure,year,sex,ages,mean,lower,upper,replicates\n");
        MicrosimResult first = comparison.Baseline.Replicates[0];
        int n = comparison.Baseline.Replicates.Count;
        int minimum = Math.Max(OlderAge, first.Setup.FirstAge);
        for (int year = first.FirstYear; year <= first.LastYear; year++)
        {
            foreach (Sex? sex in (Sex?[])[Sex.Female, Sex.Male, null])
            {
                string who = sex?.ToString() ?? ResultCsv.All;
                void Row(string measure, Interval i) => writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{measure},{year},{who},{minimum}+,{Format(i.Mean)},{Format(i.Lower)},{Format(i.Upper)},{n}\n"));
                Row("cases_baseline", comparison.Baseline.Cases(year, sex, minimum));
                Row("cases_scenario", comparison.Scenario.Cases(year, sex, minimum));
                Row("cases_averted", comparison.CasesAverted(year, sex, minimum));
                Row("life_years_without_sarcopenia_gained", comparison.LifeYearsGained(year, sex, minimum));
            }
        }
    }

    private static string Format(double value) => value.ToString(NumberFormat, CultureInfo.InvariantCulture);

    private static Ancestry[] Ancestries(ProjectionRuns runs)
    {
        double[] weights = [.. runs.Replicates[0].Setup.Scenario.Cohort.Ancestry.Weights];
        return [.. Enum.GetValues<Ancestry>().Where(a => weights[(int)a] > 0)];
    }
}
