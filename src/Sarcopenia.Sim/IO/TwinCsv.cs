using System.Globalization;
using System.Text;
using Sarcopenia.Sim.Heritability;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// Twin pairs as the wide CSV that OpenMx and umx read: one row per pair, each twin's measurement in a column with the
/// suffix <c>_T1</c> or <c>_T2</c> (umx's <c>sep = "_T"</c>). docs/heritability.md shows the file and the umx call.
/// </summary>
/// <remarks>
/// <para>Columns, in the order written (any order is read; names are case-sensitive):</para>
/// <list type="bullet">
/// <item><c>zygosity</c>: <c>MZ</c>, <c>DZ</c> (same-sex dizygotic) or <c>DZOS</c> (opposite-sex dizygotic); also read are
/// umx's five codes <c>MZFF</c>, <c>MZMM</c>, <c>DZFF</c>, <c>DZMM</c>, <c>DZOS</c> (which must agree with the sexes), and the
/// numeric codes <c>1</c> (MZ), <c>2</c> (DZ same-sex) and <c>3</c> (DZ opposite-sex). A file uses one code system: mixing
/// them is an error (<c>DZOS</c> belongs to both letter systems). umx's numeric <c>zyg</c> 1–5 is not read: recode it.</item>
/// <item><c>sex_T1</c>, <c>sex_T2</c>: <c>F</c> or <c>M</c> (<c>female</c> and <c>male</c> are read too; case ignored).</item>
/// <item><c>age</c>: the pair's age in years; <c>ancestry</c>: <c>European</c>, <c>EastAsian</c>, <c>African</c>,
/// <c>SouthAsian</c> or <c>HispanicLatino</c>.</item>
/// <item><c>&lt;trait&gt;_T1</c>, <c>&lt;trait&gt;_T2</c>: at least one trait, finite numbers.</item>
/// <item><c>&lt;snp&gt;_T1</c>, <c>&lt;snp&gt;_T2</c>: genotypes 0, 1 or 2 (copies of the coded allele), for columns whose
/// name is a dbSNP id (<c>rs</c> and digits, e.g. <c>rs1815739</c>) or starts with <c>snp_</c>.</item>
/// </list>
/// <para>Other columns (R's unnamed row-name column, a family id) are ignored. Fields may be quoted as R's
/// <c>write.csv</c> quotes them. Missing values (<c>NA</c>, empty fields) are refused: drop incomplete pairs first.
/// Numbers are written in the invariant culture with the shortest text that reads back to the same double, so a file
/// written, read and written again is the same byte for byte.</para>
/// </remarks>
public static class TwinCsv
{
    /// <summary>The zygosity column.</summary>
    public const string ZygosityColumn = "zygosity";

    /// <summary>The age column.</summary>
    public const string AgeColumn = "age";

    /// <summary>The ancestry column.</summary>
    public const string AncestryColumn = "ancestry";

    /// <summary>The stem of the sex columns (<c>sex_T1</c>, <c>sex_T2</c>).</summary>
    public const string SexStem = "sex";

    /// <summary>The separator between a measurement's name and the twin's number: umx's <c>sep</c>.</summary>
    public const string TwinSeparator = "_T";

    // Beyond this many problems, the rest are counted: a file with a systematic problem would otherwise bury the
    // first, most useful lines under thousands of repeats.
    private const int MaxReportedProblems = 20;

    private enum CodeSystem
    {
        Letters,
        Umx,
        Numeric,
    }

    /// <summary>Reads the twin pairs in the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid twin file; the message names the file and, for each
    /// problem, the line, the column, the value and what is allowed.</exception>
    public static TwinPairs Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads twin pairs from <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The content is not a valid twin file.</exception>
    public static TwinPairs Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var problems = new Problems(source);
        string? headerLine = reader.ReadLine();
        if (headerLine is null)
        {
            throw new InvalidDataException($"{source} is empty; expected a header line with {ZygosityColumn}, {SexStem}_T1, {SexStem}_T2, {AgeColumn}, {AncestryColumn} and <trait>_T1, <trait>_T2 columns.");
        }

        string[] header = SplitFields(headerLine);
        Layout layout = Layout.Of(header, source);
        var zygosity = new List<Zygosity>();
        var sex1 = new List<Sex>();
        var sex2 = new List<Sex>();
        var age = new List<double>();
        var ancestry = new List<Ancestry>();
        List<double>[] traits = [.. layout.Traits.Select(_ => new List<double>()), .. layout.Traits.Select(_ => new List<double>())];
        List<byte>[] genotypes = [.. layout.Genotypes.Select(_ => new List<byte>()), .. layout.Genotypes.Select(_ => new List<byte>())];
        CodeSystem? system = null;
        int systemLine = 0;
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = SplitFields(line);
            if (fields.Length != header.Length)
            {
                problems.Add(lineNumber, null, $"{fields.Length} fields is not allowed; expected {header.Length}, one per header column");
                continue;
            }

            var row = new RowReader(problems, header, fields, lineNumber);
            Sex s1 = row.Sex(layout.Sex1), s2 = row.Sex(layout.Sex2);
            (Zygosity z, CodeSystem? used) = row.Zygosity(layout.Zygosity, s1, s2);
            if (used is not null && used != system)
            {
                if (system is null)
                {
                    (system, systemLine) = (used, lineNumber);
                }
                else
                {
                    problems.Add(lineNumber, header[layout.Zygosity], $"'{fields[layout.Zygosity]}' is in the {Describe(used.Value)} codes, but line {systemLine} used the {Describe(system.Value)} codes; a file must use one code system");
                }
            }

            zygosity.Add(z);
            sex1.Add(s1);
            sex2.Add(s2);
            age.Add(row.Age(layout.Age));
            ancestry.Add(row.Ancestry(layout.Ancestry));
            for (int t = 0; t < layout.Traits.Length; t++)
            {
                traits[t].Add(row.Number(layout.Traits[t].Twin1));
                traits[layout.Traits.Length + t].Add(row.Number(layout.Traits[t].Twin2));
            }

            for (int g = 0; g < layout.Genotypes.Length; g++)
            {
                genotypes[g].Add(row.Genotype(layout.Genotypes[g].Twin1));
                genotypes[layout.Genotypes.Length + g].Add(row.Genotype(layout.Genotypes[g].Twin2));
            }
        }

        if (zygosity.Count == 0 && problems.Count == 0)
        {
            throw new InvalidDataException($"{source} holds no pairs: a header and no rows; expected one row per twin pair.");
        }

        problems.ThrowIfAny();
        int traitCount = layout.Traits.Length, genotypeCount = layout.Genotypes.Length;
        return new TwinPairs(zygosity, sex1, sex2, age, ancestry,
            [.. layout.Traits.Select((t, i) => new TwinColumn<double>(t.Name, traits[i], traits[traitCount + i]))],
            [.. layout.Genotypes.Select((g, i) => new TwinColumn<byte>(g.Name, genotypes[i], genotypes[genotypeCount + i]))]);
    }

    /// <summary>Writes <paramref name="data"/> to <paramref name="path"/>, atomically (readers never see half a file).</summary>
    public static void Write(TwinPairs data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            Write(data, writer);
        });
    }

    /// <summary>Writes <paramref name="data"/> as the wide CSV, LF line ends, invariant culture.</summary>
    public static void Write(TwinPairs data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(writer);
        IEnumerable<string> measured = data.Traits.Select(t => t.Name).Concat(data.Genotypes.Select(g => g.Name));
        writer.Write(string.Join(",", new[] { ZygosityColumn, $"{SexStem}{TwinSeparator}1", $"{SexStem}{TwinSeparator}2", AgeColumn, AncestryColumn }
            .Concat(measured.SelectMany(name => new[] { $"{name}{TwinSeparator}1", $"{name}{TwinSeparator}2" }))));
        writer.Write('\n');
        var line = new StringBuilder();
        for (int i = 0; i < data.Count; i++)
        {
            line.Clear();
            line.Append(Code(data.Zygosity[i])).Append(',').Append(Code(data.Sex1[i])).Append(',').Append(Code(data.Sex2[i]))
                .Append(',').Append(Number(data.Age[i])).Append(',').Append(data.Ancestry[i]);
            foreach (TwinColumn<double> trait in data.Traits)
            {
                line.Append(',').Append(Number(trait.Twin1[i])).Append(',').Append(Number(trait.Twin2[i]));
            }

            foreach (TwinColumn<byte> genotype in data.Genotypes)
            {
                line.Append(',').Append(genotype.Twin1[i]).Append(',').Append(genotype.Twin2[i]);
            }

            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>Whether a measurement's name marks genotype columns: a dbSNP id (<c>rs</c> and digits) or a name starting with <c>snp_</c>.</summary>
    public static bool IsGenotypeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (name.Length > 2 && name.StartsWith("rs", StringComparison.Ordinal) && name.Skip(2).All(char.IsAsciiDigit))
            || name.StartsWith("snp_", StringComparison.Ordinal);
    }

    private static string Code(Zygosity zygosity) => zygosity switch
    {
        Zygosity.Monozygotic => "MZ",
        Zygosity.DizygoticSameSex => "DZ",
        _ => "DZOS",
    };

    private static string Code(Sex sex) => sex == Sex.Female ? "F" : "M";

    // "R" is the shortest text that reads back to the same double (the round-trip guarantee of .NET Core 3.0 and later).
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(CodeSystem system) => system switch
    {
        CodeSystem.Letters => "MZ/DZ/DZOS",
        CodeSystem.Umx => "umx MZFF/MZMM/DZFF/DZMM/DZOS",
        _ => "numeric 1/2/3",
    };

    /// <summary>Splits a CSV line into fields, removing the double quotes R's <c>write.csv</c> puts around text (<c>""</c> inside is a quote).</summary>
    private static string[] SplitFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return [.. fields];
    }

    /// <summary>Where each column is: the fixed ones by index, the measured ones as (name, twin 1's index, twin 2's index).</summary>
    private sealed record Layout(int Zygosity, int Sex1, int Sex2, int Age, int Ancestry,
        (string Name, int Twin1, int Twin2)[] Traits, (string Name, int Twin1, int Twin2)[] Genotypes)
    {
        public static Layout Of(string[] header, string source)
        {
            var problems = new List<string>();
            if (header.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                problems.Add($"column '{repeated.Key}' appears more than once; expected each column once");
            }

            string sex1 = $"{SexStem}{TwinSeparator}1", sex2 = $"{SexStem}{TwinSeparator}2";
            string[] required = [ZygosityColumn, sex1, sex2, AgeColumn, AncestryColumn];
            string[] missing = [.. required.Where(r => !header.Contains(r, StringComparer.Ordinal))];
            if (missing.Length > 0)
            {
                problems.Add($"the header has no {string.Join(", ", missing.Select(m => $"'{m}'"))} column{(missing.Length > 1 ? "s" : "")}; "
                    + $"expected {string.Join(", ", required)} and <trait>{TwinSeparator}1, <trait>{TwinSeparator}2 (the header is: {string.Join(",", header)})");
            }

            var measured = new List<(string Name, int Twin1, int Twin2)>();
            for (int i = 0; i < header.Length; i++)
            {
                string name = header[i];
                bool first = name.EndsWith($"{TwinSeparator}1", StringComparison.Ordinal), second = name.EndsWith($"{TwinSeparator}2", StringComparison.Ordinal);
                if ((!first && !second) || name == sex1 || name == sex2)
                {
                    continue;
                }

                string stem = name[..^(TwinSeparator.Length + 1)];
                string partner = $"{stem}{TwinSeparator}{(first ? 2 : 1)}";
                int other = Array.IndexOf(header, partner);
                if (other < 0)
                {
                    problems.Add($"column '{name}' has no partner '{partner}'; expected both twins' columns of each measurement");
                }
                else if (first)
                {
                    measured.Add((stem, i, other));
                }
            }

            (string, int, int)[] traits = [.. measured.Where(m => !IsGenotypeName(m.Name))];
            if (traits.Length == 0 && missing.Length == 0)
            {
                problems.Add($"the header has no trait columns; expected at least one pair <trait>{TwinSeparator}1, <trait>{TwinSeparator}2 (the header is: {string.Join(",", header)})");
            }

            if (problems.Count > 0)
            {
                throw new InvalidDataException(string.Join(Environment.NewLine, problems.Select(p => $"{source}, line 1: {p}.")));
            }

            int Index(string column) => Array.IndexOf(header, column);
            return new Layout(Index(ZygosityColumn), Index(sex1), Index(sex2), Index(AgeColumn), Index(AncestryColumn),
                traits, [.. measured.Where(m => IsGenotypeName(m.Name))]);
        }
    }

    /// <summary>The problems found so far, each with its line and column.</summary>
    private sealed class Problems(string source)
    {
        private readonly List<string> _messages = [];

        public int Count { get; private set; }

        public void Add(int line, string? column, string message)
        {
            Count++;
            if (_messages.Count < MaxReportedProblems)
            {
                _messages.Add(column is null ? $"{source}, line {line}: {message}." : $"{source}, line {line}, column '{column}': {message}.");
            }
        }

        public void ThrowIfAny()
        {
            if (Count == 0)
            {
                return;
            }

            string more = Count > _messages.Count ? $"{Environment.NewLine}... and {Count - _messages.Count} more problems" : "";
            throw new InvalidDataException((Count == 1 ? "" : $"{Count} problems in {source}:{Environment.NewLine}") + string.Join(Environment.NewLine, _messages) + more);
        }
    }

    /// <summary>Parses the fields of one row, recording a problem (and returning a placeholder) for each bad field.</summary>
    private readonly struct RowReader(Problems problems, string[] header, string[] fields, int line)
    {
        public double Number(int column)
        {
            string text = fields[column];
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            {
                return value;
            }

            problems.Add(line, header[column], text is "" or "NA"
                ? $"a missing value ('{text}') is not allowed; expected a finite number (drop incomplete pairs before fitting)"
                : $"'{text}' is not allowed; expected a finite number such as 31.5");
            return 0;
        }

        public double Age(int column)
        {
            double age = Number(column);
            if (age < 0)
            {
                problems.Add(line, header[column], $"'{fields[column]}' is not allowed; expected an age in years, at least 0");
            }

            return age;
        }

        public byte Genotype(int column) => fields[column] switch
        {
            "0" => 0,
            "1" => 1,
            "2" => 2,
            string text => Fail<byte>(column, $"'{text}' is not allowed; expected a genotype 0, 1 or 2 (copies of the coded allele)"),
        };

        public Sex Sex(int column) => fields[column].ToUpperInvariant() switch
        {
            "F" or "FEMALE" => Sim.Sex.Female,
            "M" or "MALE" => Sim.Sex.Male,
            string text => Fail<Sex>(column, $"'{fields[column]}' is not allowed; expected F or M (female or male)"),
        };

        public Ancestry Ancestry(int column) =>
            Enum.TryParse(fields[column], ignoreCase: true, out Ancestry ancestry) && Enum.IsDefined(ancestry) && !fields[column].All(char.IsAsciiDigit)
                ? ancestry
                : Fail<Ancestry>(column, $"'{fields[column]}' is not allowed; expected one of {string.Join(", ", Enum.GetNames<Ancestry>())}");

        /// <summary>The zygosity and the code system it was written in (<see langword="null"/> for DZOS, which two systems share, and for bad codes).</summary>
        public (Zygosity, CodeSystem?) Zygosity(int column, Sex sex1, Sex sex2)
        {
            string text = fields[column].ToUpperInvariant();
            (Zygosity Zygosity, CodeSystem? System, Sex? Sex)? code = text switch
            {
                "MZ" => (Heritability.Zygosity.Monozygotic, CodeSystem.Letters, null),
                "DZ" => (Heritability.Zygosity.DizygoticSameSex, CodeSystem.Letters, null),
                "DZOS" => (Heritability.Zygosity.DizygoticOppositeSex, null, null),
                "MZFF" => (Heritability.Zygosity.Monozygotic, CodeSystem.Umx, Sim.Sex.Female),
                "MZMM" => (Heritability.Zygosity.Monozygotic, CodeSystem.Umx, Sim.Sex.Male),
                "DZFF" => (Heritability.Zygosity.DizygoticSameSex, CodeSystem.Umx, Sim.Sex.Female),
                "DZMM" => (Heritability.Zygosity.DizygoticSameSex, CodeSystem.Umx, Sim.Sex.Male),
                "1" => (Heritability.Zygosity.Monozygotic, CodeSystem.Numeric, null),
                "2" => (Heritability.Zygosity.DizygoticSameSex, CodeSystem.Numeric, null),
                "3" => (Heritability.Zygosity.DizygoticOppositeSex, CodeSystem.Numeric, null),
                _ => null,
            };
            if (code is not { } found)
            {
                problems.Add(line, header[column], $"'{fields[column]}' is not allowed; expected MZ, DZ or DZOS (or umx's MZFF, MZMM, DZFF, DZMM, DZOS, or 1 = MZ, 2 = DZ, 3 = DZOS)");
                return (Heritability.Zygosity.Monozygotic, null);
            }

            bool sameSex = sex1 == sex2;
            if (sameSex != (found.Zygosity != Heritability.Zygosity.DizygoticOppositeSex) || (found.Sex is { } sex && sex != sex1))
            {
                problems.Add(line, header[column], $"'{fields[column]}' is not allowed for twins of sex {Code(sex1)} and {Code(sex2)}; expected "
                    + (sameSex ? $"a same-sex code (MZ or DZ{(found.Sex is null ? "" : $", or {(sex1 == Sim.Sex.Female ? "MZFF or DZFF" : "MZMM or DZMM")}")})" : "DZOS for opposite-sex twins"));
            }

            return (found.Zygosity, found.System);
        }

        private T Fail<T>(int column, string message)
            where T : struct
        {
            problems.Add(line, header[column], message);
            return default;
        }
    }
}
