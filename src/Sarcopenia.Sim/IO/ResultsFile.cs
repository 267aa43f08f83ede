using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// A versioned, self-describing JSON file holding a run's additive tables together with the model, cohort, seed and
/// shard that produced them. Reading it back gives a <see cref="SimulationResult"/> that answers every query as the
/// original did, so charts can be drawn and shards merged long after the run.
/// </summary>
public static class ResultsFile
{
    /// <summary>The value of the file's <c>format</c> field.</summary>
    public const string Format = "sarcosim-results";

    /// <summary>
    /// The layout version this library writes and reads (<see cref="ResultLayout.FormatVersion"/>). It changes whenever
    /// the tables' layout or units do, or the draws behind them: version 2 sums each value's single-precision square in
    /// units of 2⁻¹², where version 1 summed the squares of values rounded to 2⁻⁸; version 3 draws its normals by octant
    /// (Box–Muller's angle from the word's top bits), so the same seed gives other numbers and its shards must not be
    /// merged with version 2's.
    /// </summary>
    public const int FormatVersion = ResultLayout.FormatVersion;

    /// <summary>The file name <c>sarcosim run --out</c> uses.</summary>
    public const string DefaultFileName = "results.sarcosim.json";

    // Tables hold hundreds of thousands of integers; one per line would make the file several times larger.
    private static readonly JsonSerializerOptions s_compact = new(ScenarioJson.Options) { WriteIndented = false };

    /// <summary>Writes <paramref name="result"/> to <paramref name="stream"/>.</summary>
    public static void Write(SimulationResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, ResultsDocument.From(result), s_compact);
    }

    /// <summary>Writes <paramref name="result"/> to the file at <paramref name="path"/> (through a temporary file, so a failed write leaves no partial file).</summary>
    public static void Write(SimulationResult result, string path) => AtomicFile.Write(path, stream => Write(result, stream));

    /// <summary>Reads a results file.</summary>
    /// <exception cref="InvalidDataException">The file is not a results file, has another format version, or its tables do not match its cohort.</exception>
    public static SimulationResult Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    /// <summary>Reads a results file from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The content is not a results file of this format version, or is inconsistent.</exception>
    public static SimulationResult Read(Stream stream, string source = "results file")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ResultsDocument document;
        try
        {
            JsonNode node = JsonNode.Parse(stream) ?? throw new JsonException("The file is empty.");
            string? format = node["format"]?.GetValueKind() == JsonValueKind.String ? node["format"]!.GetValue<string>() : null;
            int? version = node["formatVersion"]?.GetValueKind() == JsonValueKind.Number ? node["formatVersion"]!.GetValue<int>() : null;
            if (format != Format || version != FormatVersion)
            {
                throw new InvalidDataException($"{source} is not a {Format} file of format version {FormatVersion} (found format \"{format}\", version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
            }

            document = node.Deserialize<ResultsDocument>(ScenarioJson.Options)!;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} cannot be read: {e.Message}", e);
        }

        return document.ToResult(source);
    }

    /// <summary>
    /// Reads shard files of one run and merges them (see <see cref="SimulationResult.Merge"/>). Shards whose model and
    /// cohort are written identically share one model and cohort instance, as shards of one run in one process do.
    /// </summary>
    public static SimulationResult ReadShards(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var models = new Dictionary<string, ModelParameters>();
        var cohorts = new Dictionary<string, CohortSpec>();
        var shards = new List<SimulationResult>();
        foreach (string path in paths)
        {
            SimulationResult shard = Read(path);
            ModelParameters model = Canonical(models, shard.Model);
            CohortSpec cohort = Canonical(cohorts, shard.Cohort);
            shards.Add(new SimulationResult(model, cohort, shard.Seed, shard.Options, shard.Tables, shard.People, shard.Elapsed));
        }

        return SimulationResult.Merge(shards);

        static T Canonical<T>(Dictionary<string, T> seen, T value)
        {
            string key = JsonSerializer.Serialize(value, s_compact);
            return seen.TryAdd(key, value) ? value : seen[key];
        }
    }

    /// <summary>The file's content. Field order is the order written.</summary>
    internal sealed record ResultsDocument
    {
        public string Format { get; init; } = ResultsFile.Format;

        public int FormatVersion { get; init; } = ResultsFile.FormatVersion;

        public string Layout { get; init; } =
            "Tables are flat arrays of 64-bit integers indexed [row][group] (deaths, sums), [row][group][combination] (combinationCounts) "
            + "or [row][group][bin] (histograms), row-major. row = age - cohort.startAge (0 .. cohort.endAge - cohort.startAge); "
            + "groups are listed in 'groups'; combination bits: 1 low mass, 2 low strength, 4 low performance, mapped to stages by "
            + "model.definition.rules; sums are in units of 1/sumScale of the trait's unit, sums of squares in units of "
            + "1/squareScale of the unit squared, each square rounded once; histogram bins are equal-width from low to high.";

        public required ModelParameters Model { get; init; }

        public required CohortSpec Cohort { get; init; }

        public ulong Seed { get; init; }

        public int ShardIndex { get; init; }

        public int ShardCount { get; init; } = 1;

        public long People { get; init; }

        public double ElapsedSeconds { get; init; }

        public ImmutableArray<Group> Groups { get; init; } = [];

        public int Combinations { get; init; } = ResultLayout.Combinations;

        public long SumScale { get; init; } = ResultLayout.SumScale;

        public long SquareScale { get; init; } = ResultLayout.SquareScale;

        public ImmutableArray<Bins> HistogramBins { get; init; } = [];

        public ImmutableArray<Trait> Statistics { get; init; } = [];

        /// <summary>Whether <see cref="SumsOfSquares"/> are present (<see cref="RunOptions.StandardDeviations"/>).</summary>
        public bool StandardDeviations { get; init; } = true;

        public ImmutableArray<Trait> Histograms { get; init; } = [];

        public required long[] CombinationCounts { get; init; }

        public required long[] Deaths { get; init; }

        public Dictionary<Trait, long[]> Sums { get; init; } = [];

        public Dictionary<Trait, long[]> SumsOfSquares { get; init; } = [];

        public Dictionary<Trait, long[]> HistogramCounts { get; init; } = [];

        public static ResultsDocument From(SimulationResult result)
        {
            ResultTables tables = result.Tables;
            return new ResultsDocument
            {
                Model = result.Model,
                Cohort = result.Cohort,
                Seed = result.Seed,
                ShardIndex = result.Options.ShardIndex,
                ShardCount = result.Options.ShardCount,
                People = result.People,
                ElapsedSeconds = result.Elapsed.TotalSeconds,
                Groups = CurrentGroups(),
                HistogramBins = CurrentBins(),
                Statistics = [.. Traits.All.ToArray().Where(t => result.Statistics.Contains(t))],
                StandardDeviations = result.Options.StandardDeviations,
                Histograms = [.. Traits.All.ToArray().Where(t => result.Histograms.Contains(t))],
                CombinationCounts = tables.CombinationCounts,
                Deaths = tables.Deaths,
                Sums = ByTrait(tables.Sums),
                SumsOfSquares = ByTrait(tables.SumsOfSquares),
                HistogramCounts = ByTrait(tables.HistogramCounts),
            };
        }

        public SimulationResult ToResult(string source)
        {
            var problems = new List<string>();
            if (!Groups.SequenceEqual(CurrentGroups()))
            {
                problems.Add("its sex × ancestry groups differ from this library's");
            }

            if (Combinations != ResultLayout.Combinations || SumScale != ResultLayout.SumScale || SquareScale != ResultLayout.SquareScale
                || !HistogramBins.SequenceEqual(CurrentBins()))
            {
                problems.Add("its fixed-point scales or histogram bins differ from this library's");
            }

            // The model and cohort first: the tables' shape comes from the cohort.
            var v = new ParameterValidator();
            Model.Validate(v);
            Cohort.Validate(v);
            problems.AddRange(v.Errors.Select(e => e.ToString()));
            if (v.Errors.Count > 0)
            {
                throw Unusable();
            }

            TraitSet statistics = ScenarioOutputs.ToSet(Statistics);
            TraitSet histograms = ScenarioOutputs.ToSet(Histograms);
            var tables = new ResultTables(new ResultLayout(Cohort.StartAge, Cohort.Years + 1), statistics, StandardDeviations, histograms);
            Copy("combinationCounts", CombinationCounts, tables.CombinationCounts);
            Copy("deaths", Deaths, tables.Deaths);
            foreach (Trait trait in Traits.All)
            {
                CopyTrait("sums", Sums, trait, tables.Sums[(int)trait]);
                CopyTrait("sumsOfSquares", SumsOfSquares, trait, tables.SumsOfSquares[(int)trait]);
                CopyTrait("histogramCounts", HistogramCounts, trait, tables.HistogramCounts[(int)trait]);
            }

            if (problems.Count > 0)
            {
                throw Unusable();
            }

            var options = new RunOptions
            {
                ShardIndex = ShardIndex, ShardCount = ShardCount, Statistics = statistics, StandardDeviations = StandardDeviations, Histograms = histograms,
            };
            return new SimulationResult(Model, Cohort, Seed, options, tables, People, TimeSpan.FromSeconds(ElapsedSeconds));

            InvalidDataException Unusable() => new($"{source} cannot be used: {string.Join("; ", problems)}.");

            void Copy(string name, long[]? from, long[] to)
            {
                if (from is null || from.Length != to.Length)
                {
                    problems.Add($"{name} has {from?.Length ?? 0} entries where the cohort needs {to.Length}");
                    return;
                }

                from.CopyTo(to, 0);
            }

            void CopyTrait(string name, Dictionary<Trait, long[]> from, Trait trait, long[]? to)
            {
                if (to is null)
                {
                    if (from.ContainsKey(trait))
                    {
                        problems.Add($"{name} has {trait}, which the file's outputs do not list");
                    }

                    return;
                }

                Copy($"{name}.{trait}", from.GetValueOrDefault(trait), to);
            }
        }

        private static Dictionary<Trait, long[]> ByTrait(long[]?[] tables)
        {
            var byTrait = new Dictionary<Trait, long[]>();
            foreach (Trait trait in Traits.All)
            {
                if (tables[(int)trait] is { } table)
                {
                    byTrait[trait] = table;
                }
            }

            return byTrait;
        }

        private static ImmutableArray<Group> CurrentGroups() =>
            [.. Enumerable.Range(0, ResultLayout.GroupCount).Select(g => new Group(ResultLayout.SexOf(g), ResultLayout.AncestryOf(g)))];

        private static ImmutableArray<Bins> CurrentBins() =>
            [.. Traits.All.ToArray().Select(t => new Bins(t, TraitInfo.Of(t).HistogramLow, TraitInfo.Of(t).HistogramHigh, TraitInfo.HistogramBins))];
    }

    /// <summary>One sex × ancestry group of the tables.</summary>
    internal sealed record Group(Sex Sex, Ancestry Ancestry);

    /// <summary>A trait's histogram bins.</summary>
    internal sealed record Bins(Trait Trait, double Low, double High, int Count);
}
