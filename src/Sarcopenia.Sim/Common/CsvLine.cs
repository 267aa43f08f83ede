using System.Text;

namespace Sarcopenia.Sim.Common;

/// <summary>
/// Splits one line of RFC 4180 CSV into fields, remembering where each field starts so that errors can name the column
/// as an editor shows it. Shared by the shipped demographic tables and the readers of users' tables.
/// </summary>
internal static class CsvLine
{
    /// <summary>One field of a line: its text (quotes removed) and the 1-based column at which it starts.</summary>
    public readonly record struct Field(string Text, int Column);

    /// <summary>Splits <paramref name="line"/> at commas outside double quotes; <c>""</c> inside quotes is one quote.</summary>
    public static List<Field> Split(string line)
    {
        var fields = new List<Field>();
        var text = new StringBuilder();
        int start = 0;
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    text.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    text.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(new Field(text.ToString().Trim(), start + 1));
                text.Clear();
                start = i + 1;
            }
            else
            {
                text.Append(c);
            }
        }

        fields.Add(new Field(text.ToString().Trim(), start + 1));
        return fields;
    }
}
