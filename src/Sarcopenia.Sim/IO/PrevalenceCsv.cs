using System.Globalization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Projection;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// Reads an age–sex prevalence table for the spreadsheet method: columns <c>sex</c> (<c>Female</c>, <c>Male</c>, or
/// <c>All</c> for a row that applies to both), <c>age_low</c> and <c>age_high</c> (completed years, inclusive;
/// <c>age_high</c> empty for an open-ended last band) and <c>prevalence</c>, a fraction (<c>0.125</c>) or a percentage
/// with its sign (<c>12.5%</c>). Each sex's bands are listed in increasing order of age, with no gaps or overlaps
/// (<see cref="PrevalenceTable"/>). Every problem is reported at once, naming the file, line, column, value and what
/// is allowed.
/// </summary>
public static class PrevalenceCsv
{
    private const string All = "All";
    private const double PercentPerUnit = 100;

    private static readonly string[] s_sex = ["sex"];
    private static readonly string[] s_low = ["age_low"];
    private static readonly string[] s_high = ["age_high"];
    private static readonly string[] s_prevalence = ["prevalence"];

    /// <summary>Reads the table in <paramref name="path"/>.</summary>
    /// <exception cref="TableFileException">The file breaks the layout; every problem is listed.</exception>
    public static PrevalenceTable Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a table from <paramref name="reader"/>; <paramref name="file"/> names it in errors and is the table's name.</summary>
    /// <exception cref="TableFileException">The table breaks the layout; every problem is listed.</exception>
    public static PrevalenceTable Read(TextReader reader, string file)
    {
        TableReader table = TableReader.Read(reader, file, s_sex, s_low, s_high, s_prevalence);
        int sexColumn = table.Column(s_sex), lowColumn = table.Column(s_low), highColumn = table.Column(s_high), prevalenceColumn = table.Column(s_prevalence);
        var bands = new List<PrevalenceBand>();
        var lines = new List<int>();
        bool? both = null;
        foreach ((int Line, List<CsvLine.Field> Fields) row in table.Rows)
        {
            if (table.Field(row, sexColumn) is not { } sexField || table.Field(row, lowColumn) is not { } lowField
                || table.Field(row, highColumn) is not { } highField || table.Field(row, prevalenceColumn) is not { } prevalenceField)
            {
                continue;
            }

            bool all = string.Equals(sexField.Text, All, StringComparison.OrdinalIgnoreCase);
            Sex? sex = TableReader.SexOf(sexField.Text);
            if (!all && sex is null)
            {
                table.Fail(row.Line, (sexField, sexColumn), $"\"{sexField.Text}\"", "Female, Male (or F, M) or All (the row applies to both sexes)");
            }
            else if (both is bool earlier && earlier != all)
            {
                table.Fail(row.Line, (sexField, sexColumn), $"\"{sexField.Text}\"", earlier ? "All, as in the rows above (a table gives rows for All or for each sex, not both)" : "Female or Male, as in the rows above (a table gives rows for All or for each sex, not both)");
            }

            if (all || sex is not null)
            {
                both ??= all;
            }

            int? low = Age(lowField.Text);
            if (low is null)
            {
                table.Fail(row.Line, (lowField, lowColumn), $"\"{lowField.Text}\"", $"an age in completed years from 0 to {AgeGroup.MaxAge}");
            }

            int? high = highField.Text.Length == 0 ? null : Age(highField.Text);
            if (highField.Text.Length > 0 && (high is null || (low is int l && high < l)))
            {
                table.Fail(row.Line, (highField, highColumn), $"\"{highField.Text}\"", $"an age from age_low{(low is int from ? $" ({from})" : "")} to {AgeGroup.MaxAge} (inclusive), or nothing for an open-ended band");
            }

            double? prevalence = Prevalence(prevalenceField.Text);
            if (prevalence is null)
            {
                table.Fail(row.Line, (prevalenceField, prevalenceColumn), prevalenceField.Text.Length == 0 ? "an empty value" : prevalenceField.Text,
                    "a fraction from 0 to 1 (0.125) or a percentage from 0% to 100% written with its sign (12.5%)");
            }

            if ((sex is null && !all) || low is null || (highField.Text.Length > 0 && (high is null || high < low)) || prevalence is null)
            {
                continue;
            }

            foreach (Sex s in all ? (Sex[])[Sex.Female, Sex.Male] : [sex!.Value])
            {
                bands.Add(new PrevalenceBand(s, new AgeGroup(low.Value, high), prevalence.Value));
                lines.Add(row.Line);
            }
        }

        table.ThrowIfAny();
        // Each sex's bands in file order; the problems of the rules across rows name the row that breaks them.
        PrevalenceBand[] ordered = [.. bands.Where(b => b.Sex == Sex.Female), .. bands.Where(b => b.Sex == Sex.Male)];
        int[] orderedLines = [.. bands.Select((b, i) => (b, i)).Where(p => p.b.Sex == Sex.Female).Select(p => lines[p.i]),
            .. bands.Select((b, i) => (b, i)).Where(p => p.b.Sex == Sex.Male).Select(p => lines[p.i])];
        foreach ((int index, string value, string allowed) in PrevalenceTable.Problems(ordered).DistinctBy(p => (orderedLines.ElementAtOrDefault(p.Index), p.Value)))
        {
            table.Fail(index < orderedLines.Length ? orderedLines[index] : table.Rows[^1].Line, null, value, allowed);
        }

        table.ThrowIfAny();
        return new PrevalenceTable(Path.GetFileName(file), $"{file} (the user's prevalence table)", [.. ordered]);
    }

    private static int? Age(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int age) && age <= AgeGroup.MaxAge ? age : null;

    private static double? Prevalence(string text)
    {
        bool percent = text.EndsWith('%');
        double? value = TableReader.Number(percent ? text[..^1].TrimEnd() : text) is double v ? (percent ? v / PercentPerUnit : v) : null;
        return value is >= 0 and <= 1 ? value : null;
    }
}
