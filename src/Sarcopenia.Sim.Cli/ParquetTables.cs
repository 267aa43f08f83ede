using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Parquet copies of the tool's tidy CSV tables, for outputs too large to read comfortably as text (a projection's
/// stages and transitions over many replicates): the same columns and rows, each column typed as whole numbers
/// (INT64) when every value is one, else as numbers (DOUBLE), else as text, so that R (arrow) and pandas read them typed.
/// </summary>
internal static class ParquetTables
{
    /// <summary>Writes the CSV table at <paramref name="csvPath"/> (a header, then comma-separated fields without quotes) as Parquet at <paramref name="parquetPath"/>.</summary>
    public static void FromCsv(string csvPath, string parquetPath)
    {
        string[] lines = [.. File.ReadLines(csvPath).Where(l => l.Length > 0)];
        string[] header = lines[0].Split(',');
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        var fields = new DataField[header.Length];
        var columns = new object[header.Length];
        for (int c = 0; c < header.Length; c++)
        {
            string[] values = [.. rows.Select(r => r[c])];
            if (values.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            {
                fields[c] = new DataField<long>(header[c]);
                columns[c] = values.Select(v => long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray();
            }
            else if (values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                fields[c] = new DataField<double>(header[c]);
                columns[c] = values.Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            }
            else
            {
                fields[c] = new DataField<string>(header[c]);
                columns[c] = values;
            }
        }

        // The tool is synchronous; Parquet.Net's writer is asynchronous only, and nothing else runs on this thread.
        using FileStream stream = File.Create(parquetPath);
        Write(new ParquetSchema(fields), fields, columns, stream).GetAwaiter().GetResult();
    }

    private static async Task Write(ParquetSchema schema, DataField[] fields, object[] columns, Stream stream)
    {
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream);
        using ParquetRowGroupWriter group = writer.CreateRowGroup();
        for (int c = 0; c < fields.Length; c++)
        {
            switch (columns[c])
            {
                case long[] whole:
                    await group.WriteAsync<long>(fields[c], whole);
                    break;
                case double[] numbers:
                    await group.WriteAsync<double>(fields[c], numbers);
                    break;
                default:
                    await group.WriteAsync(fields[c], (string[])columns[c]);
                    break;
            }
        }
    }
}
