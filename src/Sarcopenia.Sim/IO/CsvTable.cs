using System.Text;

namespace Sarcopenia.Sim.IO;

/// <summary>One record of a CSV file: where it starts (1-based line) and its fields.</summary>
/// <param name="Line">The line the record starts on (a quoted field may continue on later lines).</param>
/// <param name="Fields">The fields, unquoted.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV file's structure is broken (an unterminated quote, a stray quote, a record of the wrong width).</summary>
/// <param name="line">The 1-based line of the problem.</param>
/// <param name="column">The 1-based column (field number), or 0 for the whole line.</param>
/// <param name="message">What is wrong and what is expected.</param>
internal sealed class CsvFormatException(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>
/// Reads CSV as RFC 4180 writes it: comma-separated fields, fields in double quotes may hold commas, line breaks and
/// doubled quotes (<c>""</c> for one). The first record is the header; every other record must have as many fields.
/// Blank lines are skipped, so a trailing newline is not an empty record.
/// </summary>
internal static class CsvTable
{
    /// <summary>Splits <paramref name="text"/> into its header and records.</summary>
    /// <exception cref="CsvFormatException">The text is empty, a quote is unterminated or stray, or a record's width differs from the header's.</exception>
    public static (IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<CsvRecord> all = [.. Records(text.TrimStart('\uFEFF'))];
        if (all.Count == 0)
        {
            throw new CsvFormatException(1, 0, "the file is empty; expected a header line naming the columns.");
        }

        CsvRecord header = all[0];
        foreach (CsvRecord record in all.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                throw new CsvFormatException(record.Line, 0,
                    $"{record.Fields.Count} fields where the header has {header.Fields.Count}; expected one field per column (quote fields that hold commas).");
            }
        }

        return (header.Fields, all.Skip(1).ToList());
    }

    private static IEnumerable<CsvRecord> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        bool quoted = false;
        bool fieldStarted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                    if (i + 1 < text.Length && text[i + 1] is not (',' or '\r' or '\n'))
                    {
                        throw new CsvFormatException(line, fields.Count + 1, "text after a closing quote; expected a comma or the end of the line (write a quote inside a quoted field as \"\").");
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case '"':
                    throw new CsvFormatException(line, fields.Count + 1, "a quote inside an unquoted field; expected the whole field in quotes, with inner quotes doubled (\"\").");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fieldStarted || field.Length > 0 || fields.Count > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordLine, fields.ToArray());
                    }

                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new CsvFormatException(recordLine, fields.Count + 1, "a quoted field is never closed; expected a closing quote.");
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }
}
