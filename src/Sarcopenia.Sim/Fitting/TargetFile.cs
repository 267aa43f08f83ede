using System.Globalization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Fitting;

/// <summary>One problem in a targets file.</summary>
/// <param name="Line">The 1-based line of the row (0 for the whole file).</param>
/// <param name="Column">The column's header name, or empty for the whole row.</param>
/// <param name="Message">A sentence naming the value and what is allowed.</param>
public sealed record TargetFileError(int Line, string Column, string Message);

/// <summary>
/// Thrown when a targets file cannot be read or holds invalid rows. The message names the file, and each problem its
/// line, column, value and what is allowed, one per line.
/// </summary>
public sealed class TargetFileException : Exception
{
    /// <summary>Creates the exception for the problems found in <paramref name="source"/>.</summary>
    public TargetFileException(string source, IReadOnlyList<TargetFileError> errors)
        : base(BuildMessage(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The file name the problems belong to.</summary>
    public new string Source { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<TargetFileError> Errors { get; }

    private static string BuildMessage(string source, IReadOnlyList<TargetFileError> errors)
    {
        static string Where(string source, TargetFileError e) =>
            e.Line == 0 ? $"{source}: " : e.Column.Length == 0 ? $"{source}: line {e.Line}: " : $"{source}: line {e.Line}, column {e.Column}: ";
        return errors.Count == 1
            ? Where(source, errors[0]) + errors[0].Message
            : $"{source}: {errors.Count} problems:" + string.Concat(errors.Select(e => "\n  " + Where(source, e)[(source.Length + 2)..] + e.Message));
    }
}

/// <summary>
/// Reads targets files: CSV with a header. Norm files (<c>docs/research/targets/calibration-norms.csv</c>) have the
/// columns <c>id, quantity, unit, statistic, sex, ancestry, age_low, age_high, value</c>, and optionally <c>se</c>,
/// <c>tolerance</c>, <c>weight</c> and <c>citation</c>; validation files (<c>validation-prevalence.csv</c>) have
/// <c>definition</c> and <c>stage</c> instead of quantity, unit and statistic, with <c>value_percent</c> and
/// <c>se_percent</c>. Every other column is kept as <see cref="Target.Metadata"/>.
/// </summary>
public static class TargetFile
{
    /// <summary>The name the shipped validation set is reported under.</summary>
    public const string ShippedValidationName = "validation-prevalence.csv";

    /// <summary>The oldest age a band may name.</summary>
    public const int MaxAge = 120;

    private const string ShippedValidationResource = "Sarcopenia.Sim.Fitting.validation-prevalence.csv";

    // Columns that say which sample a number comes from: the same cell reported twice for one sample is a duplicate,
    // while one source may report the same cell for two samples, cut-off sets or devices (Patel 2013's HCS and HSS).
    private static readonly string[] s_sampleColumns = ["citation", "population", "device", "stage_names_as_published"];

    private static readonly string[] s_known =
        ["id", "quantity", "unit", "statistic", "sex", "ancestry", "age_low", "age_high", "value", "value_percent", "se", "se_percent", "tolerance", "weight", "definition", "stage", "citation"];

    /// <summary>The validation set shipped with the library: published prevalences (docs/research/targets/validation-prevalence.csv).</summary>
    public static IReadOnlyList<Target> ShippedValidation()
    {
        using Stream stream = typeof(TargetFile).Assembly.GetManifestResourceStream(ShippedValidationResource)
            ?? throw new InvalidOperationException($"The embedded resource {ShippedValidationResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ShippedValidationName);
    }

    /// <summary>Reads the targets file at <paramref name="path"/>.</summary>
    /// <exception cref="TargetFileException">The file cannot be read or has invalid rows.</exception>
    public static IReadOnlyList<Target> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        try
        {
            return Parse(File.ReadAllText(path), name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new TargetFileException(name, [new TargetFileError(0, "", $"cannot read the file: {e.Message}")]);
        }
    }

    /// <summary>Parses a targets file's text.</summary>
    /// <param name="csv">The file's text.</param>
    /// <param name="source">The name errors are reported under, usually the file name.</param>
    /// <exception cref="TargetFileException">The text is not CSV, lacks a required column, or has invalid rows; every problem is listed.</exception>
    public static IReadOnlyList<Target> Parse(string csv, string source)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(source);
        IReadOnlyList<string> header;
        IReadOnlyList<CsvRecord> records;
        try
        {
            (header, records) = CsvTable.Parse(csv);
        }
        catch (CsvFormatException e)
        {
            throw new TargetFileException(source, [new TargetFileError(e.Line, e.Column == 0 ? "" : e.Column.ToString(CultureInfo.InvariantCulture), e.Message)]);
        }

        var errors = new List<TargetFileError>();
        var columns = new Columns(header, errors);
        var targets = new List<Target>();
        if (errors.Count == 0)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var cells = new Dictionary<string, (int Line, string Id)>(StringComparer.OrdinalIgnoreCase);
            foreach (CsvRecord record in records)
            {
                var row = new Row(record, columns, errors, source);
                if (row.ToTarget() is not { } target)
                {
                    continue;
                }

                if (ids.TryGetValue(target.Id, out int first))
                {
                    errors.Add(new TargetFileError(record.Line, "id", $"id {target.Id} is used again (first on line {first}); expected a unique id per row."));
                    continue;
                }

                ids[target.Id] = record.Line;
                string cell = string.Join('\u001f', target.Quantity, target.Statistic, target.Definition, target.Stage, target.Sex, target.Ancestry, target.AgeLow, target.AgeHigh,
                    string.Join('\u001f', s_sampleColumns.Select(c => columns.Value(record, c))));
                if (cells.TryGetValue(cell, out (int Line, string Id) same))
                {
                    errors.Add(new TargetFileError(record.Line, "",
                        $"row {target.Id} repeats row {same.Id} (line {same.Line}): the same {target.Quantity} {target.Statistic}{(target.Definition is null ? "" : $" {target.Definition} {target.Stage}")}, {target.PopulationText}, ages {target.AgesText}, from the same source and sample; expected each cell once (remove one, or say in population, device or citation how they differ)."));
                    continue;
                }

                cells[cell] = (record.Line, target.Id);
                targets.Add(target);
            }
        }

        if (errors.Count > 0)
        {
            throw new TargetFileException(source, errors);
        }

        return targets;
    }

    /// <summary>The header: which column holds what, with checks that the required ones are there.</summary>
    private sealed class Columns
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

        public Columns(IReadOnlyList<string> header, List<TargetFileError> errors)
        {
            Header = header;
            for (int i = 0; i < header.Count; i++)
            {
                string name = header[i].Trim();
                if (!_index.TryAdd(name, i))
                {
                    errors.Add(new TargetFileError(1, name, $"the column {name} appears twice; expected each column once."));
                }
            }

            IsValidation = Has("definition");
            string[] required = IsValidation
                ? ["id", "definition", "stage", "sex", "ancestry", "age_low", "age_high"]
                : ["id", "quantity", "unit", "statistic", "sex", "ancestry", "age_low", "age_high"];
            foreach (string column in required.Where(c => !Has(c)))
            {
                errors.Add(new TargetFileError(1, column, $"the column {column} is missing; a {(IsValidation ? "validation" : "targets")} file needs the columns {string.Join(", ", required)} and value{(IsValidation ? " or value_percent" : "")}."));
            }

            ValueColumn = Has("value_percent") ? "value_percent" : "value";
            SeColumn = Has("se_percent") ? "se_percent" : "se";
            if (!Has(ValueColumn))
            {
                errors.Add(new TargetFileError(1, "value", "the column value (or value_percent) is missing; expected the published number in it."));
            }
        }

        public IReadOnlyList<string> Header { get; }

        /// <summary>Whether the file has definition and stage columns (prevalence rows).</summary>
        public bool IsValidation { get; }

        public string ValueColumn { get; }

        public string SeColumn { get; }

        public bool Has(string column) => _index.ContainsKey(column);

        public string Value(CsvRecord record, string column) => _index.TryGetValue(column, out int i) ? record.Fields[i].Trim() : "";

        public IEnumerable<KeyValuePair<string, string>> Others(CsvRecord record) =>
            Header.Select((name, i) => KeyValuePair.Create(name.Trim(), record.Fields[i])).Where(p => !s_known.Contains(p.Key, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>One row being checked: each field's problems are collected, and a target made only if there were none.</summary>
    private sealed class Row(CsvRecord record, Columns columns, List<TargetFileError> errors, string source)
    {
        private int _problems;

        public Target? ToTarget()
        {
            string id = Text("id");
            if (id.Length == 0)
            {
                Fail("id", "the id is empty; expected a unique identifier such as P001.");
            }

            string quantityName = columns.Has("quantity") ? Text("quantity") : TargetQuantity.PrevalenceName;
            TargetQuantity? quantity = TargetQuantity.Find(quantityName);
            if (quantity is null)
            {
                Fail("quantity", $"quantity {Shown(quantityName)} is not allowed; expected one of {string.Join(", ", TargetQuantity.All.Select(q => q.Name))}{NameSuggester.Hint(quantityName, TargetQuantity.All.Select(q => q.Name))}");
            }

            bool prevalence = quantity?.Kind == QuantityKind.Prevalence;
            string unit = columns.Has("unit") ? Text("unit") : "%";
            if (quantity is not null && quantity.PerModelUnit(unit) is null)
            {
                Fail("unit", $"unit {Shown(unit)} is not allowed for {quantity.Name}; expected {quantity.UnitList}.");
            }

            TargetStatistic statistic = prevalence ? TargetStatistic.Prevalence : Statistic(quantity);
            Sex? sex = Choice<Sex>("sex", "Both");
            Ancestry? ancestry = Choice<Ancestry>("ancestry", "Mixed");
            int? ageLow = Age("age_low");
            int? ageHigh = Age("age_high");
            if (ageLow is int low && ageHigh is int high && high < low)
            {
                Fail("age_high", $"age_high {high} is below age_low {low}; expected the band's last age, at least its first.");
            }

            double? value = Number(columns.ValueColumn, required: true);
            if (value is double v && quantity is not null && v < 0 && !quantity.AllowsNegative(statistic))
            {
                Fail(columns.ValueColumn, $"{columns.ValueColumn} {Format(v)} is negative; expected a number of at least 0 for a {quantity.Name} {statistic}.");
            }

            if (value is double share && prevalence && share > 100)
            {
                Fail(columns.ValueColumn, $"{columns.ValueColumn} {Format(share)} is above 100; expected a percentage from 0 to 100.");
            }

            double? se = NonNegative(columns.SeColumn);
            double? tolerance = NonNegative("tolerance");
            double weight = NonNegative("weight") ?? 1;
            (string? definition, TargetStage? stage) = prevalence ? DefinitionAndStage() : (null, null);
            if (_problems > 0)
            {
                return null;
            }

            return new Target
            {
                Id = id,
                Quantity = quantity!.Name,
                Unit = unit,
                Statistic = statistic,
                Sex = sex,
                Ancestry = ancestry,
                AgeLow = ageLow,
                AgeHigh = ageHigh,
                Value = value!.Value,
                Se = se,
                Tolerance = tolerance,
                Definition = definition,
                Stage = stage,
                Citation = Text("citation"),
                Weight = weight,
                Origin = $"{source}:{record.Line}",
                Metadata = [.. columns.Others(record)],
            };
        }

        private TargetStatistic Statistic(TargetQuantity? quantity)
        {
            string text = Text("statistic");
            TargetStatistic[] allowed = quantity is null ? [.. Enum.GetValues<TargetStatistic>().Where(s => s != TargetStatistic.Prevalence)] : [.. quantity.Statistics];
            IEnumerable<string> names = allowed.Select(ModelCheckReport.StatisticName);
            TargetStatistic? found = Enum.GetValues<TargetStatistic>().Cast<TargetStatistic?>().FirstOrDefault(s => string.Equals(ModelCheckReport.StatisticName(s!.Value), text, StringComparison.OrdinalIgnoreCase));
            if (found is not { } statistic || !allowed.Contains(statistic))
            {
                Fail("statistic", $"statistic {Shown(text)} is not allowed{(quantity is null ? "" : $" for {quantity.Name}")}; expected one of {string.Join(", ", names)}{NameSuggester.Hint(text, names)}");
                return default;
            }

            return statistic;
        }

        private (string?, TargetStage?) DefinitionAndStage()
        {
            string name = Text("definition");
            IEnumerable<string> names = Definitions.All.Select(d => d.Name);
            SarcopeniaDefinition? definition = Definitions.All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
            if (definition is null)
            {
                Fail("definition", $"definition {Shown(name)} is not allowed; expected one of {string.Join(", ", names)}{NameSuggester.Hint(name, names)}");
            }

            string stageText = Text("stage");
            IEnumerable<string> stages = Enum.GetNames<TargetStage>();
            if (!Enum.TryParse(stageText, ignoreCase: true, out TargetStage stage) || !Enum.IsDefined(stage) || int.TryParse(stageText, out _))
            {
                Fail("stage", $"stage {Shown(stageText)} is not allowed; expected one of {string.Join(", ", stages)}{NameSuggester.Hint(stageText, stages)}");
                return (definition?.Name, null);
            }

            if (definition is not null && TargetEvaluator.StageOf(stage) is Stage needed && !definition.Stages.Contains(needed))
            {
                Fail("stage", $"stage {stageText} is not a stage of {definition.Name}; expected one of {string.Join(", ", StagesOf(definition))}.");
            }

            return (definition?.Name, stage);
        }

        private static IEnumerable<string> StagesOf(SarcopeniaDefinition definition) =>
            Enum.GetValues<TargetStage>().Where(s => TargetEvaluator.StageOf(s) is not Stage needed || definition.Stages.Contains(needed)).Select(s => s.ToString());

        private T? Choice<T>(string column, string all)
            where T : struct, Enum
        {
            string text = Text(column);
            if (string.Equals(text, all, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (Enum.TryParse(text, ignoreCase: true, out T value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
            {
                return value;
            }

            string[] names = [.. Enum.GetNames<T>(), all];
            Fail(column, $"{column} {Shown(text)} is not allowed; expected one of {string.Join(", ", names)}{NameSuggester.Hint(text, names)}");
            return null;
        }

        private int? Age(string column)
        {
            string text = Text(column);
            if (text.Length == 0)
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int age) || age > MaxAge)
            {
                Fail(column, $"{column} {Shown(text)} is not allowed; expected a whole number of years from 0 to {MaxAge}, or blank (unknown, or open for age_high).");
                return null;
            }

            return age;
        }

        private double? Number(string column, bool required)
        {
            string text = Text(column);
            if (text.Length == 0)
            {
                if (required)
                {
                    Fail(column, $"{column} is empty; expected the published number.");
                }

                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                Fail(column, $"{column} {Shown(text)} is not a number; expected a finite number such as 12.5 (a point, no thousands separators).");
                return null;
            }

            return value;
        }

        private double? NonNegative(string column)
        {
            double? value = Number(column, required: false);
            if (value < 0)
            {
                Fail(column, $"{column} {Format(value.Value)} is negative; expected a number of at least 0, or blank.");
                return null;
            }

            return value;
        }

        private string Text(string column) => columns.Value(record, column);

        private void Fail(string column, string message)
        {
            _problems++;
            errors.Add(new TargetFileError(record.Line, column, message));
        }

        private static string Shown(string text) => text.Length == 0 ? "(empty)" : $"\"{text}\"";

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
