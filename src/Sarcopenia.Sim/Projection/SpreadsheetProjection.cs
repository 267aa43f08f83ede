using System.Globalization;
using Sarcopenia.Sim.Demography;

namespace Sarcopenia.Sim.Projection;

/// <summary>Projected cases in one calendar year, sex and prevalence band.</summary>
/// <param name="Year">The calendar year (1 July).</param>
/// <param name="Sex">The sex.</param>
/// <param name="Ages">The prevalence band.</param>
/// <param name="People">People of that sex in the band in that year.</param>
/// <param name="Prevalence">The band's prevalence, a fraction.</param>
/// <param name="Cases">People with the condition: <c>Prevalence × People</c>.</param>
public sealed record CaseCount(int Year, Sex Sex, AgeGroup Ages, double People, double Prevalence, double Cases);

/// <summary>
/// The spreadsheet method of issue #13, as Ethgen et al. 2017 applied it to EU-28: an age–sex prevalence table held
/// fixed, multiplied by a population projection, year by year. Cases change only because the population grows and
/// ages; nobody's risk changes (the microsimulation projection models that).
/// </summary>
public static class SpreadsheetProjection
{
    /// <summary>The age from which the summary counts older people: Ethgen et al. 2017's population, people aged 65 and over.</summary>
    public const int OlderAge = 65;

    /// <summary>
    /// Applies <paramref name="prevalence"/> to <paramref name="population"/> in every year from
    /// <paramref name="firstYear"/> to <paramref name="lastYear"/>: cases at each single age are the age's prevalence
    /// times its people (<see cref="PopulationTable.AtAge"/>: five-year groups split evenly, years between the
    /// table's interpolated linearly), added up by band.
    /// </summary>
    /// <exception cref="Common.ParameterValidationException">The prevalence table is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The years are reversed or outside the population table.</exception>
    public static CaseProjection Project(PrevalenceTable prevalence, PopulationTable population, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(prevalence);
        ArgumentNullException.ThrowIfNull(population);
        prevalence.Validate();
        if (firstYear > lastYear || firstYear < population.FirstYear || lastYear > population.LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(firstYear), string.Create(CultureInfo.InvariantCulture,
                $"The years {firstYear} to {lastYear} are not allowed; expected a first year no later than the last, both from {population.FirstYear} to {population.LastYear} (the population table's years)."));
        }

        var counts = new List<CaseCount>();
        for (int year = firstYear; year <= lastYear; year++)
        {
            foreach (PrevalenceBand band in prevalence.Bands)
            {
                double people = 0;
                int oldest = Math.Min(band.Ages.High ?? population.OldestAge, population.OldestAge);
                for (int age = band.Ages.Low; age <= oldest; age++)
                {
                    people += population.AtAge(year, band.Sex, age);
                }

                counts.Add(new CaseCount(year, band.Sex, band.Ages, people, band.Prevalence, band.Prevalence * people));
            }
        }

        return new CaseProjection(prevalence, population, firstYear, lastYear, counts);
    }
}

/// <summary>The cases the spreadsheet method projects (<see cref="SpreadsheetProjection.Project"/>), with its inputs.</summary>
public sealed class CaseProjection
{
    internal CaseProjection(PrevalenceTable prevalence, PopulationTable population, int firstYear, int lastYear, IReadOnlyList<CaseCount> counts)
    {
        Prevalence = prevalence;
        Population = population;
        FirstYear = firstYear;
        LastYear = lastYear;
        Counts = counts;
    }

    /// <summary>The prevalence table applied.</summary>
    public PrevalenceTable Prevalence { get; }

    /// <summary>The population it was applied to.</summary>
    public PopulationTable Population { get; }

    /// <summary>The first calendar year projected.</summary>
    public int FirstYear { get; }

    /// <summary>The last calendar year projected.</summary>
    public int LastYear { get; }

    /// <summary>Cases by year, then sex and band in the prevalence table's order.</summary>
    public IReadOnlyList<CaseCount> Counts { get; }

    /// <summary>The citations of the inputs: the population's source and the prevalences'.</summary>
    public string Source => $"Population: {Population.Source} Prevalence: {Prevalence.Source}";

    /// <summary>Cases among people of <paramref name="sex"/> (both when <see langword="null"/>) aged <paramref name="minimumAge"/> and over in <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year was not projected.</exception>
    public double Cases(int year, Sex? sex = null, int minimumAge = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        double cases = 0;
        foreach (Sex s in sex is Sex one ? [one] : (Sex[])[Sex.Female, Sex.Male])
        {
            for (int age = minimumAge; age <= Population.OldestAge; age++)
            {
                cases += Prevalence.At(s, age) * Population.AtAge(year, s, age);
            }
        }

        return cases;
    }

    /// <summary>People of <paramref name="sex"/> (both when <see langword="null"/>) aged <paramref name="minimumAge"/> and over in <paramref name="year"/>.</summary>
    public double People(int year, Sex? sex = null, int minimumAge = 0) => Population.Total(year, sex, minimumAge);
}
