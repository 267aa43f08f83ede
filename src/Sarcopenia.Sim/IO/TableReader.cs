using System.Globalization;
using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// The shared part of reading a user's CSV table: the header (columns found by name, case ignored), the rows with
/// their line numbers, and problems that name the line, the column and the header as the user typed it.
/// </summary>
internal sealed class TableReader
{
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _header = [];

    private TableReader(string file) => File = file;

    /// <summary>The file name as the user gave it.</summary>
    public string File { get; }

    /// <summary>The data rows: the line number (1-based, the header is line 1) and the fields.</summary>
    public List<(int Line, List<CsvLine.Field> Fields)> Rows { get; } = [];

    /// <summary>
    /// Reads the header and rows of <paramref name="reader"/>; blank lines are skipped. A header missing any column
    /// of <paramref name="required"/> (each a list of accepted names, the first preferred) stops reading at once.
    /// </summary>
    public static TableReader Read(TextReader reader, string file, params string[][] required)
    {
        var table = new TableReader(file);
        string? headerLine = reader.ReadLine();
        if (headerLine is null)
        {
            table.Fail(1, null, "the file is empty", $"a header line naming the columns {string.Join(", ", required.Select(r => r[0]))}");
            table.ThrowIfAny();
        }

        foreach (CsvLine.Field field in CsvLine.Split(headerLine!.TrimStart('\uFEFF')))
        {
            table._header.Add(field.Text);
            table._columns.TryAdd(field.Text, table._header.Count - 1);
        }

        foreach (string[] names in required)
        {
            if (!names.Any(table._columns.ContainsKey))
            {
                string expected = names.Length == 1 ? $"a column named '{names[0]}'" : $"a column named {string.Join(" or ", names.Select(n => $"'{n}'"))}";
                table._problems.Add($"line 1 (the header): the column '{names[0]}' is missing; expected {expected} (found {string.Join(", ", table._header)}){NameMatch.Hint(names[0], table._header)}");
            }
        }

        table.ThrowIfAny();
        int line = 1;
        while (reader.ReadLine() is string text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                table.Rows.Add((line, CsvLine.Split(text)));
            }
        }

        if (table.Rows.Count == 0)
        {
            table.Fail(line, null, "no rows", "at least one row of data after the header");
        }

        table.ThrowIfAny();
        return table;
    }

    /// <summary>The index of the first of <paramref name="names"/> the header has, or -1.</summary>
    public int Column(params string[] names) => names.Select(n => _columns.GetValueOrDefault(n, -1)).FirstOrDefault(i => i >= 0, -1);

    /// <summary>The header of column <paramref name="column"/>.</summary>
    public string Header(int column) => _header[column];

    /// <summary>The field of <paramref name="row"/> in <paramref name="column"/>, or <see langword="null"/> (and a problem) if the row is too short.</summary>
    public CsvLine.Field? Field((int Line, List<CsvLine.Field> Fields) row, int column)
    {
        if (column < row.Fields.Count)
        {
            return row.Fields[column];
        }

        _problems.Add(string.Create(CultureInfo.InvariantCulture,
            $"line {row.Line}: {row.Fields.Count} fields are not allowed; expected {_header.Count}, one per column of the header ({string.Join(",", _header)})."));
        return null;
    }

    /// <summary>Records a problem with a field: <c>line 4, column 23 (population): -3 is not allowed; expected ...</c>.</summary>
    public void Fail(int line, (CsvLine.Field Field, int Column)? at, string value, string allowed) =>
        _problems.Add(at is { } f
            ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {f.Field.Column} ({_header[f.Column]}): {value} is not allowed; expected {allowed}.")
            : string.Create(CultureInfo.InvariantCulture, $"line {line}: {value} is not allowed; expected {allowed}."));

    /// <summary>Throws a <see cref="TableFileException"/> listing every problem, if there are any.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new TableFileException(File, _problems);
        }
    }

    /// <summary>Reads a number written in the invariant culture (a decimal point, no digit groups), finite.</summary>
    public static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;

    /// <summary>Reads <c>Female</c>, <c>Male</c> (or <c>F</c>, <c>M</c>), case ignored.</summary>
    public static Sex? SexOf(string text) => text.ToUpperInvariant() switch
    {
        "FEMALE" or "F" => Sex.Female,
        "MALE" or "M" => Sex.Male,
        _ => null,
    };
}
