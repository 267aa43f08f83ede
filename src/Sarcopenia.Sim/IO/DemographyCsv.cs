using System.Globalization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// Reads users' own population and life tables, in the long CSV layout docs/projection.md describes: one value per
/// row, with columns <c>country</c> (a WPP 2019 name or UN code, or EU-27, EU-28; <c>code</c> is accepted too),
/// <c>year</c>, <c>sex</c> (<c>Female</c>, <c>Male</c>), <c>age</c> (<c>65-69</c>, <c>0</c>, <c>100+</c>) and the value:
/// <c>population</c> (people) for <see cref="ReadPopulation(string)"/>, <c>qx</c> (the annual probability of death) or
/// <c>mx</c> (the central death rate) for <see cref="ReadLifeTables(string)"/>. Every problem is reported at once,
/// naming the file, line, column, value and what is allowed.
/// </summary>
public static class DemographyCsv
{
    private static readonly string[] s_location = ["country", "code"];
    private static readonly string[] s_year = ["year"];
    private static readonly string[] s_sex = ["sex"];
    private static readonly string[] s_age = ["age"];
    private static readonly string[] s_population = ["population"];
    private static readonly string[] s_rate = ["qx", "mx"];

    /// <summary>Reads the population tables in <paramref name="path"/>, one per location, in the order they first appear.</summary>
    /// <exception cref="TableFileException">The file breaks the layout; every problem is listed.</exception>
    public static IReadOnlyList<PopulationTable> ReadPopulation(string path)
    {
        using var reader = new StreamReader(path);
        return ReadPopulation(reader, path);
    }

    /// <summary>Reads population tables from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="TableFileException">The table breaks the layout; every problem is listed.</exception>
    public static IReadOnlyList<PopulationTable> ReadPopulation(TextReader reader, string file)
    {
        TableReader table = TableReader.Read(reader, file, s_location, s_year, s_sex, s_age, s_population);
        List<Series> series = ReadSeries(table, table.Column(s_population), PopulationValue, allowPeriods: false);
        return [.. series.Select(s => new PopulationTable(s.Location, $"the population in {file}", $"{file} (the user's table)",
            [.. s.Periods.Select(p => p.Start)], s.Groups, s.Values))];
    }

    /// <summary>Reads the period life tables in <paramref name="path"/>, one per location, in the order they first appear.</summary>
    /// <remarks>A <c>year</c> is a calendar year (<c>2016</c>) or a period (<c>2015-2020</c>: 1 July 2015 to 1 July 2020); <c>mx</c> becomes <c>q = 1 − exp(−m)</c>.</remarks>
    /// <exception cref="TableFileException">The file breaks the layout; every problem is listed.</exception>
    public static IReadOnlyList<PeriodLifeTables> ReadLifeTables(string path)
    {
        using var reader = new StreamReader(path);
        return ReadLifeTables(reader, path);
    }

    /// <summary>Reads period life tables from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="TableFileException">The table breaks the layout; every problem is listed.</exception>
    public static IReadOnlyList<PeriodLifeTables> ReadLifeTables(TextReader reader, string file)
    {
        TableReader table = TableReader.Read(reader, file, s_location, s_year, s_sex, s_age, s_rate);
        int column = table.Column(s_rate);
        bool rates = string.Equals(table.Header(column), "mx", StringComparison.OrdinalIgnoreCase);
        List<Series> series = ReadSeries(table, column, rates ? RateValue : ProbabilityValue, allowPeriods: true);
        return [.. series.Select(s => new PeriodLifeTables(s.Location, $"{file} (the user's table)", s.Periods, s.Groups,
            [.. rates ? s.Values.Select(PeriodLifeTables.ProbabilityFromRate) : s.Values]))];
    }

    private static (double? Value, string Allowed) PopulationValue(string text) =>
        (TableReader.Number(text) is double v && v >= 0 ? v : null, "a number of people, 0 or more");

    private static (double? Value, string Allowed) ProbabilityValue(string text) =>
        (TableReader.Number(text) is double v && v > 0 && v <= 1 ? v : null, "a probability of death greater than 0 and at most 1 (life tables interpolate ln q)");

    private static (double? Value, string Allowed) RateValue(string text) =>
        (TableReader.Number(text) is double v && v > 0 ? v : null, "a death rate greater than 0 (per person-year)");

    /// <summary>
    /// The rows of each location as series of years (or periods) × sexes × age groups, checked: each location has
    /// both sexes; each sex the same years and each year the same contiguous age groups from 0, in increasing order.
    /// </summary>
    private static List<Series> ReadSeries(TableReader table, int valueColumn, Func<string, (double? Value, string Allowed)> parseValue, bool allowPeriods)
    {
        int locationColumn = table.Column(s_location), yearColumn = table.Column(s_year), sexColumn = table.Column(s_sex), ageColumn = table.Column(s_age);
        var blocks = new Dictionary<(Location Location, Period Period, Sex Sex), List<Cell>>();
        var order = new List<Location>();
        foreach ((int Line, List<CsvLine.Field> Fields) row in table.Rows)
        {
            if (table.Field(row, locationColumn) is not { } locationField || table.Field(row, yearColumn) is not { } yearField
                || table.Field(row, sexColumn) is not { } sexField || table.Field(row, ageColumn) is not { } ageField
                || table.Field(row, valueColumn) is not { } valueField)
            {
                continue;
            }

            Location? location = Wpp2019.TryFindLocation(locationField.Text, out Location? found) ? found : null;
            if (location is null)
            {
                table.Fail(row.Line, (locationField, locationColumn), $"\"{locationField.Text}\"",
                    $"a country, area or aggregate of WPP 2019 by name or UN code, or EU-27 or EU-28 ('sarcosim populations' lists them){NameMatch.Hint(locationField.Text, Wpp2019.Locations.Select(l => l.Name)).TrimEnd('.')}");
            }

            Period? period = ParsePeriod(yearField.Text, allowPeriods);
            if (period is null)
            {
                table.Fail(row.Line, (yearField, yearColumn), $"\"{yearField.Text}\"",
                    allowPeriods ? "a year from 1 to 9999 (2016) or a period (2015-2020, from 1 July to 1 July)" : "a year from 1 to 9999, e.g. 2016");
            }

            Sex? sex = TableReader.SexOf(sexField.Text);
            if (sex is null)
            {
                table.Fail(row.Line, (sexField, sexColumn), $"\"{sexField.Text}\"", "Female or Male (or F, M)");
            }

            AgeGroup? ages = AgeGroup.Parse(ageField.Text);
            if (ages is null)
            {
                table.Fail(row.Line, (ageField, ageColumn), $"\"{ageField.Text}\"", $"an age group in completed years: 65-69, 0 or 100+ (ages up to {AgeGroup.MaxAge})");
            }

            (double? value, string allowed) = parseValue(valueField.Text);
            if (value is null)
            {
                table.Fail(row.Line, (valueField, valueColumn), valueField.Text.Length == 0 ? "an empty value" : valueField.Text, allowed);
            }

            if (location is null || period is null || sex is null || ages is null || value is null)
            {
                continue;
            }

            if (!order.Contains(location))
            {
                order.Add(location);
            }

            (Location, Period, Sex) key = (location, period.Value, sex.Value);
            if (!blocks.TryGetValue(key, out List<Cell>? cells))
            {
                blocks[key] = cells = [];
            }

            cells.Add(new Cell(row.Line, (ageField, ageColumn), ages.Value, value.Value));
        }

        table.ThrowIfAny();
        var result = new List<Series>();
        foreach (Location location in order)
        {
            if (Assemble(table, location, [.. blocks.Where(b => b.Key.Location == location)]) is Series series)
            {
                result.Add(series);
            }
        }

        table.ThrowIfAny();
        return result;
    }

    private static Series? Assemble(TableReader table, Location location, List<KeyValuePair<(Location Location, Period Period, Sex Sex), List<Cell>>> blocks)
    {
        Period[] periods = [.. blocks.Select(b => b.Key.Period).Distinct().OrderBy(p => p.Start)];
        AgeGroup[]? groups = null;
        var values = new List<double>();
        bool ok = true;
        for (int p = 0; p < periods.Length; p++)
        {
            if (p > 0 && periods[p].Start < periods[p - 1].End)
            {
                Cell first = blocks.First(b => b.Key.Period == periods[p]).Value[0];
                table.Fail(first.Line, null, $"the period {periods[p]} of {location.Label}", $"periods that do not overlap (it overlaps {periods[p - 1]})");
                ok = false;
            }

            foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
            {
                List<Cell>? cells = blocks.FirstOrDefault(b => b.Key.Period == periods[p] && b.Key.Sex == sex).Value;
                if (cells is null)
                {
                    Cell other = blocks.First(b => b.Key.Period == periods[p]).Value[0];
                    table.Fail(other.Line, null, $"{location.Label} {periods[p]} without rows for {sex.ToString().ToLowerInvariant()}s",
                        "rows for both sexes in every year (the years of the two sexes must line up)");
                    ok = false;
                    continue;
                }

                ok &= CheckAges(table, location, periods[p], sex, cells, ref groups);
                values.AddRange(cells.Select(c => c.Value));
            }
        }

        return ok ? new Series(location, periods, groups!, values) : null;
    }

    /// <summary>Checks one year's age groups: from 0, in increasing order, no gaps, only the last open, and the same as the first year's.</summary>
    private static bool CheckAges(TableReader table, Location location, Period period, Sex sex, List<Cell> cells, ref AgeGroup[]? groups)
    {
        int problems = 0;
        int expectedLow = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            Cell cell = cells[i];
            AgeGroup ages = cell.Ages;
            if (i > 0 && cells[i - 1].Ages.High is null)
            {
                table.Fail(cell.Line, cell.At, ages.Label, $"no age group after the open group {cells[i - 1].Ages.Label} ({location.Label}, {period}, {sex})");
                problems++;
            }
            else if (ages.Low < expectedLow)
            {
                table.Fail(cell.Line, cell.At, ages.Label, $"age groups in increasing order, each starting where the previous one ended: one starting at {expectedLow} ({location.Label}, {period}, {sex})");
                problems++;
            }
            else if (ages.Low > expectedLow)
            {
                table.Fail(cell.Line, cell.At, ages.Label, $"an age group starting at {expectedLow}: ages {expectedLow} to {ages.Low - 1} are missing ({location.Label}, {period}, {sex})");
                problems++;
            }

            expectedLow = ages.High is int high ? high + 1 : int.MaxValue;
        }

        if (problems > 0)
        {
            return false;
        }

        AgeGroup[] these = [.. cells.Select(c => c.Ages)];
        if (groups is null)
        {
            groups = these;
            return true;
        }

        if (!these.SequenceEqual(groups))
        {
            table.Fail(cells[0].Line, cells[0].At, $"the age groups {string.Join(", ", these.Select(a => a.Label))} of {location.Label}, {period}, {sex}",
                $"the same age groups in every year and for both sexes, as in the first: {string.Join(", ", groups.Select(a => a.Label))}");
            return false;
        }

        return true;
    }

    private static Period? ParsePeriod(string text, bool allowPeriods)
    {
        string[] parts = text.Split('-');
        int?[] years = [.. parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int y) && y is >= 1 and <= 9999 ? y : (int?)null)];
        return years switch
        {
            [int year] => new Period(year, year + 1),
            [int start, int end] when allowPeriods && end > start => new Period(start, end),
            _ => null,
        };
    }

    private sealed record Cell(int Line, (CsvLine.Field Field, int Column) At, AgeGroup Ages, double Value);

    private sealed record Series(Location Location, Period[] Periods, AgeGroup[] Groups, List<double> Values);
}
