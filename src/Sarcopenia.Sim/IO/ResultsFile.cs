using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
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
/// people that produced them. Reading it back gives a <see cref="SimulationResult"/> that answers every query as the
/// original did, so charts can be drawn and shards merged long after the run.
/// </summary>
/// <remarks>
/// The file carries the run's hash (<see cref="SimulationResult.RunHash"/>), the ranges of people it holds and a
/// SHA-256 of those ranges and its tables; reading recomputes both, so a file cut short or changed after it was
/// written is refused instead of merged.
/// </remarks>
public static class ResultsFile
{
    /// <summary>The value of the file's <c>format</c> field.</summary>
    public const string Format = "sarcosim-results";

    /// <summary>
    /// The layout version this library writes and reads (<see cref="ResultLayout.FormatVersion"/>). It changes whenever
    /// the tables' layout or units do, or the draws behind them: version 2 sums each value's single-precision square in
    /// units of 2⁻¹², where version 1 summed the squares of values rounded to 2⁻⁸; version 3 draws its normals by octant
    /// (Box–Muller's angle from the word's top bits), so the same seed gives other numbers and its shards must not be
    /// merged with version 2's; version 4 splits shards by ranges of people rather than of chunks and records the run
    /// hash, the person ranges and a checksum of the tables, without which version 3's shards cannot be merged safely.
    /// </summary>
    public const int FormatVersion = ResultLayout.FormatVersion;

    /// <summary>The file name <c>sarcosim run --out</c> uses.</summary>
    public const string DefaultFileName = "results.sarcosim.json";

    // Values converted to little-endian bytes at a time for the checksum: 4 KiB of stack, few hashing calls.
    private const int ChecksumBlock = 512;

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
    /// <exception cref="InvalidDataException">
    /// The file is not a results file, has another format version, its tables do not match its cohort, or it was cut
    /// short or changed after it was written (its checksum or run hash does not match); the message names the file as given.
    /// </exception>
    public static SimulationResult Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a results file from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The content is not a results file of this format version, or is inconsistent.</exception>
    public static SimulationResult Read(Stream stream, string source = "results file")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadVersioned<ResultsDocument>(stream, source, Format, FormatVersion).ToResult(source);
    }

    /// <summary>
    /// Reads a JSON file of the tool's own formats whose <c>format</c> and <c>formatVersion</c> fields must be
    /// <paramref name="format"/> and <paramref name="version"/>, checked before the rest is read.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is of another format or version, or not readable as <typeparamref name="T"/>; the message names <paramref name="source"/>.</exception>
    internal static T ReadVersioned<T>(Stream stream, string source, string format, int version)
    {
        try
        {
            JsonNode node = JsonNode.Parse(stream) ?? throw new JsonException("The file is empty.");
            string? found = node["format"]?.GetValueKind() == JsonValueKind.String ? node["format"]!.GetValue<string>() : null;
            int? foundVersion = node["formatVersion"]?.GetValueKind() == JsonValueKind.Number ? node["formatVersion"]!.GetValue<int>() : null;
            if (found != format || foundVersion != version)
            {
                throw new InvalidDataException($"{source} is not a {format} file of format version {version} (found format \"{found}\", version {foundVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
            }

            return node.Deserialize<T>(ScenarioJson.Options) ?? throw new JsonException("The file holds null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads the partial results files of one run (shards, or partial merges) and merges them into the complete result
    /// (see <see cref="SimulationResult.Merge(IEnumerable{SimulationResult})"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A file cannot be read or is damaged; or the files come from different runs, hold the same people twice, or
    /// leave people out. The message names the files as given in <paramref name="paths"/>.
    /// </exception>
    public static SimulationResult ReadShards(IEnumerable<string> paths) => ReadShards(paths, allowPartial: false);

    /// <summary>
    /// Reads and merges partial results files as <see cref="ReadShards(IEnumerable{string})"/> does; with
    /// <paramref name="allowPartial"/>, files that leave people out are merged into a partial result
    /// (<see cref="SimulationResult.IsComplete"/> is <see langword="false"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">See <see cref="ReadShards(IEnumerable{string})"/>.</exception>
    public static SimulationResult ReadShards(IEnumerable<string> paths, bool allowPartial)
    {
        ArgumentNullException.ThrowIfNull(paths);

        // One file's tables in memory at a time besides the total: merging thousands of shards needs no more memory than two.
        return SimulationResult.Merge(paths.Select(path => (Read(path), path)), allowPartial);
    }

    /// <summary>
    /// A SHA-256 over the person ranges and every table, as little-endian 64-bit integers in a fixed order with each
    /// trait table tagged by its kind and trait, so that moving numbers between tables changes it too.
    /// </summary>
    internal static string TablesChecksum(ResultTables tables, IEnumerable<PersonRange> ranges)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (PersonRange range in ranges)
        {
            Append([range.First, range.Count]);
        }

        Append(tables.CombinationCounts);
        Append(tables.Deaths);
        long[]?[][] kinds = [tables.Sums, tables.SumsOfSquares, tables.HistogramCounts];
        for (int kind = 0; kind < kinds.Length; kind++)
        {
            foreach (Trait trait in Traits.All)
            {
                if (kinds[kind][(int)trait] is { } table)
                {
                    Append([kind, (long)trait]);
                    Append(table);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());

        void Append(ReadOnlySpan<long> values) => AppendLongs(hash, values);
    }

    /// <summary>Appends <paramref name="values"/> to <paramref name="hash"/> as little-endian 64-bit integers (the checksums of the tool's partial files).</summary>
    internal static void AppendLongs(IncrementalHash hash, ReadOnlySpan<long> values)
    {
        Span<byte> buffer = stackalloc byte[ChecksumBlock * sizeof(long)];
        while (!values.IsEmpty)
        {
            int count = Math.Min(ChecksumBlock, values.Length);
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer[(i * sizeof(long))..], values[i]);
            }

            hash.AppendData(buffer[..(count * sizeof(long))]);
            values = values[count..];
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

        /// <summary>The run's <see cref="SimulationResult.RunHash"/>, recomputed and compared on read.</summary>
        public required string RunHash { get; init; }

        /// <summary>The shard the run was asked for (for people reading the file; merging goes by <see cref="PersonRanges"/>).</summary>
        public int ShardIndex { get; init; }

        public int ShardCount { get; init; } = 1;

        public long People { get; init; }

        /// <summary>The ids of the people the tables hold (<see cref="SimulationResult.PersonRanges"/>).</summary>
        public required ImmutableArray<PersonRange> PersonRanges { get; init; }

        /// <summary>See <see cref="TablesChecksum"/>.</summary>
        public required string TablesSha256 { get; init; }

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
                RunHash = result.RunHash,
                ShardIndex = result.Options.ShardIndex,
                ShardCount = result.Options.ShardCount,
                People = result.People,
                PersonRanges = [.. result.PersonRanges],
                TablesSha256 = TablesChecksum(tables, result.PersonRanges),
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

            long next = 0;
            foreach (PersonRange range in PersonRanges)
            {
                if (range.First < next || range.Count <= 0 || range.End > Cohort.People)
                {
                    problems.Add($"personRanges has {range}, which is empty, out of order, overlaps another or lies outside the cohort's people");
                }

                next = range.End;
            }

            if (People != PersonRanges.Sum(r => r.Count))
            {
                problems.Add($"people is {People} where personRanges hold {PersonRanges.Sum(r => r.Count)}");
            }

            // Fields the checksum does not cover are checked like any input.
            if (!(ElapsedSeconds >= 0 && ElapsedSeconds <= TimeSpan.MaxValue.TotalSeconds))
            {
                problems.Add($"elapsedSeconds is {ElapsedSeconds.ToString(CultureInfo.InvariantCulture)}, not a duration");
            }

            var shard = new ParameterValidator();
            new RunOptions { ShardIndex = ShardIndex, ShardCount = ShardCount }.Validate(shard, "");
            problems.AddRange(shard.Errors.Select(e => e.ToString()));

            if (problems.Count > 0)
            {
                throw Unusable();
            }

            if (TablesChecksum(tables, PersonRanges) != TablesSha256)
            {
                throw Damaged("its tables and person ranges do not match their checksum (tablesSha256)");
            }

            var options = new RunOptions
            {
                ShardIndex = ShardIndex, ShardCount = ShardCount, Statistics = statistics, StandardDeviations = StandardDeviations, Histograms = histograms,
            };
            var result = new SimulationResult(Model, Cohort, Seed, options, tables, PersonRanges, TimeSpan.FromSeconds(ElapsedSeconds), vectorBits: null);
            if (result.RunHash != RunHash)
            {
                throw Damaged("its model, cohort, seed and outputs do not match its run hash (runHash)");
            }

            return result;

            InvalidDataException Damaged(string what) =>
                new($"{source} is damaged: {what}, so it was cut short or changed after it was written; write it again (run its shard again).");

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
