using System.Globalization;
using Sarcopenia.Sim.Projection;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// Tidy CSV tables of a spreadsheet-method projection (<see cref="CaseProjection"/>): one observation per row,
/// invariant culture, LF line ends; people and cases to the whole person, prevalences to 8 significant digits.
/// </summary>
public static class ProjectionCsv
{
    private const string NumberFormat = "G8";
    private const string WholeFormat = "F0";

    /// <summary>Writes <c>year,sex,age_group,age_low,age_high,people,prevalence,cases</c>: one row per year, sex and prevalence band (<c>age_high</c> empty for an open band).</summary>
    public static void WriteCases(CaseProjection projection, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("year,sex,age_group,age_low,age_high,people,prevalence,cases\n");
        foreach (CaseCount c in projection.Counts)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{c.Year},{c.Sex},{c.Ages.Label},{c.Ages.Low},{c.Ages.High},{c.People.ToString(WholeFormat, CultureInfo.InvariantCulture)},{c.Prevalence.ToString(NumberFormat, CultureInfo.InvariantCulture)},{c.Cases.ToString(WholeFormat, CultureInfo.InvariantCulture)}\n"));
        }
    }

    /// <summary>
    /// Writes <c>year,sex,people_65plus,cases_65plus,prevalence_65plus,cases_all_ages</c> for each year and for
    /// <c>Female</c>, <c>Male</c> and <c>All</c> (<see cref="SpreadsheetProjection.OlderAge"/> is 65).
    /// </summary>
    public static void WriteSummary(CaseProjection projection, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("year,sex,people_65plus,cases_65plus,prevalence_65plus,cases_all_ages\n");
        for (int year = projection.FirstYear; year <= projection.LastYear; year++)
        {
            foreach (Sex? sex in (Sex?[])[Sex.Female, Sex.Male, null])
            {
                double people = projection.People(year, sex, SpreadsheetProjection.OlderAge);
                double cases = projection.Cases(year, sex, SpreadsheetProjection.OlderAge);
                string share = people > 0 ? (cases / people).ToString(NumberFormat, CultureInfo.InvariantCulture) : "";
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{year},{sex?.ToString() ?? ResultCsv.All},{people.ToString(WholeFormat, CultureInfo.InvariantCulture)},{cases.ToString(WholeFormat, CultureInfo.InvariantCulture)},{share},{projection.Cases(year, sex).ToString(WholeFormat, CultureInfo.InvariantCulture)}\n"));
            }
        }
    }
}
