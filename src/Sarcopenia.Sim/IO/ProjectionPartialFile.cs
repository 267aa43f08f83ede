using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sarcopenia.Sim.Projection;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// The partial results of a projection's work unit: the exact integer tables of a contiguous range of its replicates,
/// before weighting, for each arm it ran (one for <c>sarcosim project</c>, the baseline and the scenario for
/// <c>sarcosim compare</c>), with what reads the projection back, its identity and a checksum. Units of one projection
/// are read back and checked together by <see cref="ReadUnits"/>, and give the replicates of the single process bit for bit.
/// </summary>
/// <remarks>
/// Each arm carries its projection's hash (<see cref="ProjectionIdentity.Hash"/>), which the reader of the projection
/// recomputes; the file carries a SHA-256 of everything else but the timing, which <see cref="Read(string)"/> recomputes,
/// so a file cut short or changed after it was written is refused instead of merged.
/// </remarks>
public static class ProjectionPartialFile
{
    /// <summary>The value of the file's <c>format</c> field.</summary>
    public const string Format = "sarcosim-projection-partial";

    /// <summary>The layout version this library writes and reads; it changes whenever the file's fields or their meaning do.</summary>
    public const int FormatVersion = 1;

    /// <summary>The file name <c>sarcosim project --shard k/N --out DIR</c> uses.</summary>
    public const string DefaultFileName = "projection.sarcosim.json";

    // Tables hold up to millions of integers; one per line would make the file several times larger.
    private static readonly JsonSerializerOptions s_compact = new(ScenarioJson.Options) { WriteIndented = false };

    /// <summary>Writes <paramref name="partial"/> to <paramref name="path"/> (through a temporary file, so a failed write leaves no partial file).</summary>
    public static void Write(ProjectionPartial partial, string path)
    {
        ArgumentNullException.ThrowIfNull(partial);
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, Document.From(partial), s_compact));
    }

    /// <summary>Reads a partial projection file and checks it against its checksum.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a partial projection file of this format version, is inconsistent, or was cut short or changed
    /// after it was written; the message names the file as given.
    /// </exception>
    public static ProjectionPartial Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return ResultsFile.ReadVersioned<Document>(stream, path, Format, FormatVersion).ToPartial(path);
    }

    /// <summary>
    /// Reads the partial files of one projection and checks that they belong together: the same projections (hashes)
    /// and replicate count, no replicate twice, every replicate 0 .. R − 1 present.
    /// </summary>
    /// <returns>The partials, ordered by their first replicate.</returns>
    /// <exception cref="InvalidDataException">A file cannot be read or is damaged; or the files are of different projections, overlap, repeat one another or leave replicates out. The message names the files as given.</exception>
    public static IReadOnlyList<ProjectionPartial> ReadUnits(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ProjectionPartial[] parts = [.. paths.Select(Read)];
        if (parts.Length == 0)
        {
            throw new InvalidDataException("There is nothing to merge: at least one partial projection file is needed.");
        }

        ProjectionPartial first = parts[0];
        foreach (ProjectionPartial part in parts.Skip(1))
        {
            if (!part.Arms.Select(a => a.ProjectionHash).SequenceEqual(first.Arms.Select(a => a.ProjectionHash)))
            {
                throw new InvalidDataException($"{part.Source} is not part of the same projection as {first.Source} ({Difference(first, part)}); only units of one projection file, seed and library format can be merged.");
            }

            if (part.Replicates != first.Replicates)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{part.Source} is a unit of {part.Replicates} replicates and {first.Source} of {first.Replicates}; units of one projection have the same replicate count."));
            }
        }

        // By first replicate (a stable sort): a range that starts before the previous one ends holds replicates twice.
        ProjectionPartial[] sorted = [.. parts.OrderBy(p => p.Range.First)];
        int next = 0;
        var missing = new List<ReplicateRange>();
        for (int k = 0; k < sorted.Length; k++)
        {
            ProjectionPartial part = sorted[k];
            if (k > 0 && part.Range.First < sorted[k - 1].Range.End)
            {
                ProjectionPartial previous = sorted[k - 1];
                throw new InvalidDataException(previous.Range == part.Range
                    ? $"{previous.Source} and {part.Source} both hold {part.Range}: the same unit was given twice."
                    : $"{previous.Source} ({previous.Range}) and {part.Source} ({part.Range}) overlap: {new ReplicateRange(part.Range.First, Math.Min(previous.Range.End, part.Range.End) - part.Range.First)} would be counted twice.");
            }

            if (part.Range.First > next)
            {
                missing.Add(new ReplicateRange(next, part.Range.First - next));
            }

            next = Math.Max(next, part.Range.End);
        }

        if (next < first.Replicates)
        {
            missing.Add(new ReplicateRange(next, first.Replicates - next));
        }

        return missing.Count == 0
            ? sorted
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The merge is incomplete: no file holds {string.Join(", ", missing)} ({missing.Sum(r => r.Count)} of {first.Replicates} replicates missing; given: {string.Join(", ", sorted.Select(p => p.Source))}). Run the missing units too."));
    }

    /// <summary>What makes two partials' projections different, in words (their hashes are known to differ).</summary>
    private static string Difference(ProjectionPartial a, ProjectionPartial b)
    {
        if (a.Arms.Count != b.Arms.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{b.Arms.Count} arms instead of {a.Arms.Count}: a projection and a comparison");
        }

        ulong[] seedsA = [.. a.Arms.Select(x => x.Seed)], seedsB = [.. b.Arms.Select(x => x.Seed)];
        return seedsA.SequenceEqual(seedsB)
            ? "another projection: a different model, population, years, scale, interventions, uncertainty or format, as its projection hash says"
            : string.Create(CultureInfo.InvariantCulture, $"seed {seedsB[0]} instead of {seedsA[0]}");
    }

    /// <summary>
    /// A SHA-256 over everything in the file but the timing and the checksum itself: text as UTF-8 with a terminator,
    /// numbers as little-endian 64-bit values (doubles by their bits) in a fixed order.
    /// </summary>
    private static string Checksum(ProjectionPartial partial)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Numbers([partial.Replicates, partial.Range.First, partial.Range.Count, partial.UnitIndex, partial.UnitCount, partial.Arms.Count]);
        foreach (ProjectionArm arm in partial.Arms)
        {
            Text(arm.Name);
            Text(arm.Projection);
            Text(arm.ProjectionHash);
            Numbers([(long)arm.Seed, arm.Replicates.Count]);
            foreach (ReplicateCounts r in arm.Replicates)
            {
                Numbers([r.Replicate, r.SimulatedPeople, r.SimulatedPersonYears, r.StrengthRatios.Length, r.Stages.Length, r.Transitions.Length]);
                Numbers([.. r.StrengthRatios.Select(BitConverter.DoubleToInt64Bits)]);
                Numbers(r.Stages);
                Numbers(r.Transitions);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());

        void Text(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\u0000"));

        void Numbers(ReadOnlySpan<long> values) => ResultsFile.AppendLongs(hash, values);
    }

    /// <summary>The file's content. Field order is the order written.</summary>
    private sealed record Document
    {
        public string Format { get; init; } = ProjectionPartialFile.Format;

        public int FormatVersion { get; init; } = ProjectionPartialFile.FormatVersion;

        public string Layout { get; init; } =
            "Each arm holds the replicates firstReplicate .. firstReplicate + replicateCount - 1 of replicates. stages are counts of "
            + "simulated people alive, flat and row-major by [year - baseYear][age - firstAge][sex x ancestry group][stage None..Severe]; "
            + "transitions by [year - baseYear][age - firstAge][sex][from][to] with states None..Severe, then Entered (from) or Died (to). "
            + "projection is the projection file that was run, with the tool's overrides applied; projectionHash identifies it fully resolved.";

        public int Replicates { get; init; }

        public int UnitIndex { get; init; }

        public int UnitCount { get; init; } = 1;

        public int FirstReplicate { get; init; }

        public int ReplicateCount { get; init; }

        /// <summary>See <see cref="Checksum"/>.</summary>
        public required string Sha256 { get; init; }

        public required List<ProjectionArm> Arms { get; init; }

        public static Document From(ProjectionPartial partial) => new()
        {
            Replicates = partial.Replicates,
            UnitIndex = partial.UnitIndex,
            UnitCount = partial.UnitCount,
            FirstReplicate = partial.Range.First,
            ReplicateCount = partial.Range.Count,
            Sha256 = Checksum(partial),
            Arms = [.. partial.Arms],
        };

        public ProjectionPartial ToPartial(string source)
        {
            var range = new ReplicateRange(FirstReplicate, ReplicateCount);
            var problems = new List<string>();
            if (Replicates < 1 || FirstReplicate < 0 || ReplicateCount < 1 || range.End > Replicates)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"its replicates {FirstReplicate} + {ReplicateCount} do not lie within the projection's {Replicates}"));
            }

            if (UnitCount < 1 || UnitIndex < 0 || UnitIndex >= UnitCount)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"its unit {UnitIndex}/{UnitCount} is not a unit k/N with 0 <= k < N"));
            }

            if (Arms is null || Arms.Count == 0 || Arms.Any(a => a?.Replicates is null || a.Name is null || a.Projection is null || a.ProjectionHash is null))
            {
                problems.Add("it has no arms, or an arm without its name, projection, hash or replicates");
            }
            else
            {
                foreach (ProjectionArm arm in Arms)
                {
                    if (!arm.Replicates.Select(r => r?.Replicate).SequenceEqual(Enumerable.Range(range.First, Math.Max(0, range.Count)).Select(r => (int?)r))
                        || arm.Replicates.Any(r => r.Stages is null || r.Transitions is null || r.StrengthRatios.IsDefault || !(r.ElapsedSeconds >= 0 && r.ElapsedSeconds <= TimeSpan.MaxValue.TotalSeconds)))
                    {
                        problems.Add($"arm {arm.Name} does not hold exactly its {range}, each with its tables, ratios and a duration");
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new InvalidDataException($"{source} cannot be used: {string.Join("; ", problems)}.");
            }

            var partial = new ProjectionPartial(source, Replicates, range, UnitIndex, UnitCount, Arms!);
            return Checksum(partial) == Sha256
                ? partial
                : throw new InvalidDataException($"{source} is damaged: its tables and fields do not match their checksum (sha256), so it was cut short or changed after it was written; write it again (run its unit again).");
        }
    }
}

/// <summary>A work unit's partial projection, as <see cref="ProjectionPartialFile"/> writes and reads it.</summary>
/// <param name="Source">The file as given (names it in errors; not written).</param>
/// <param name="Replicates">R, the projection's replicates.</param>
/// <param name="Range">The replicates this unit holds.</param>
/// <param name="UnitIndex">The unit, 0-based, as asked for (for people reading the file; merging goes by <paramref name="Range"/>).</param>
/// <param name="UnitCount">The number of units the replicates were split into.</param>
/// <param name="Arms">Per arm (one, or the baseline and the scenario of a comparison), its replicates' tables.</param>
public sealed record ProjectionPartial(string Source, int Replicates, ReplicateRange Range, int UnitIndex, int UnitCount, IReadOnlyList<ProjectionArm> Arms);

/// <summary>One arm of a partial projection.</summary>
/// <param name="Name">How the arm's projection file is named in errors and summaries.</param>
/// <param name="Projection">The projection file's text that was run (with overrides applied), from which its setup is read back.</param>
/// <param name="ProjectionHash">The projection's <see cref="ProjectionIdentity.Hash"/>.</param>
/// <param name="Seed">The projection's seed (also in its hash; kept to say what differs).</param>
/// <param name="Replicates">The unit's replicates, in order.</param>
public sealed record ProjectionArm(string Name, string Projection, string ProjectionHash, ulong Seed, IReadOnlyList<ReplicateCounts> Replicates);

/// <summary>One replicate's exact tables (see <see cref="MicrosimResult.StageCounts"/> and <see cref="MicrosimResult.TransitionCounts"/>).</summary>
/// <param name="Replicate">The replicate.</param>
/// <param name="SimulatedPeople">See <see cref="MicrosimResult.SimulatedPeople"/>.</param>
/// <param name="SimulatedPersonYears">See <see cref="MicrosimResult.SimulatedPersonYears"/>.</param>
/// <param name="StrengthRatios">See <see cref="MicrosimResult.InterventionStrengthRatios"/>.</param>
/// <param name="ElapsedSeconds">See <see cref="MicrosimResult.Elapsed"/>.</param>
/// <param name="Stages">See <see cref="MicrosimResult.StageCounts"/>.</param>
/// <param name="Transitions">See <see cref="MicrosimResult.TransitionCounts"/>.</param>
public sealed record ReplicateCounts(int Replicate, long SimulatedPeople, long SimulatedPersonYears, System.Collections.Immutable.ImmutableArray<double> StrengthRatios, double ElapsedSeconds, long[] Stages, long[] Transitions)
{
    /// <summary>The tables of <paramref name="result"/>.</summary>
    public static ReplicateCounts Of(MicrosimResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReplicateCounts(result.Replicate, result.SimulatedPeople, result.SimulatedPersonYears, [.. result.InterventionStrengthRatios], result.Elapsed.TotalSeconds,
            result.StageCounts.ToArray(), result.TransitionCounts.ToArray());
    }

    /// <summary>The replicate of <paramref name="setup"/> these tables are (see <see cref="MicrosimResult.FromCounts"/>).</summary>
    /// <exception cref="ArgumentException">The tables do not have the setup's shape.</exception>
    public MicrosimResult ToResult(MicrosimSetup setup) =>
        MicrosimResult.FromCounts(setup, Replicate, Stages, Transitions, SimulatedPeople, SimulatedPersonYears, StrengthRatios, TimeSpan.FromSeconds(ElapsedSeconds));
}
