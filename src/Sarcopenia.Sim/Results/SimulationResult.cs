using System.Globalization;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim;

/// <summary>Count, mean and standard deviation of a trait in one cell.</summary>
/// <param name="Count">People alive in the cell.</param>
/// <param name="Mean">Mean value, or NaN when nobody is alive.</param>
/// <param name="Sd">Standard deviation (population form, divisor <c>Count</c>), or NaN when nobody is alive.</param>
public readonly record struct TraitSummary(long Count, double Mean, double Sd);

/// <summary>A simulated prevalence with its Monte Carlo confidence interval.</summary>
/// <param name="Cases">Person-years in the stage.</param>
/// <param name="PersonYears">Person-years lived.</param>
/// <param name="Prevalence">Cases / person-years (NaN when none were lived).</param>
/// <param name="Lower">Lower bound of the interval.</param>
/// <param name="Upper">Upper bound of the interval.</param>
public readonly record struct PrevalenceEstimate(long Cases, long PersonYears, double Prevalence, double Lower, double Upper)
{
    /// <summary>The confidence level of the intervals that tables and the tool report by default.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>
    /// The share <paramref name="cases"/> / <paramref name="personYears"/> with its Wilson score interval at
    /// <paramref name="confidence"/>, treating the person-years as independent draws: it measures simulation noise only,
    /// not parameter uncertainty. All NaN when <paramref name="personYears"/> is zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not in (0, 1), or the counts are negative or inconsistent.</exception>
    public static PrevalenceEstimate Wilson(long cases, long personYears, double confidence = DefaultConfidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(cases);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cases, personYears);
        if (personYears == 0)
        {
            return new PrevalenceEstimate(0, 0, double.NaN, double.NaN, double.NaN);
        }

        // Wilson (1927): centre (p + z²/2n) / (1 + z²/n), half-width z·sqrt(p(1−p)/n + z²/4n²) / (1 + z²/n).
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        double p = (double)cases / personYears;
        double z2n = z * z / personYears;
        double centre = (p + z2n / 2) / (1 + z2n);
        double halfWidth = z * Math.Sqrt(p * (1 - p) / personYears + z2n / (4 * personYears)) / (1 + z2n);

        // At p = 0 (or 1) the bound is exactly 0 (or 1); computed, it is off by rounding and could exclude the estimate.
        double lower = cases == 0 ? 0 : Math.Max(0, centre - halfWidth);
        double upper = cases == personYears ? 1 : Math.Min(1, centre + halfWidth);
        return new PrevalenceEstimate(cases, personYears, p, lower, upper);
    }
}

/// <summary>
/// The outcome of a run: additive tables of people by age × sex × ancestry × deficit combination, deaths, and
/// trait sums, sums of squares and histograms, with typed queries. Queries take optional sex and ancestry filters;
/// <see langword="null"/> means all.
/// </summary>
public sealed class SimulationResult
{
    // The loss rate is recorded in percent of the previous year's mass; the model's clamps are fractions.
    private const double PercentPerFraction = 100;

    // A refused merge lists this many missing ranges of people before saying how many more there are.
    private const int MissingRangesShown = 3;

    private string? _runHash;

    internal SimulationResult(ModelParameters model, CohortSpec cohort, ulong seed, RunOptions options, ResultTables tables, IEnumerable<PersonRange> ranges, TimeSpan elapsed, int? vectorBits)
    {
        Model = model;
        Cohort = cohort;
        Seed = seed;
        Options = options;
        Tables = tables;
        PersonRanges = Joined(ranges);
        People = PersonRanges.Sum(r => r.Count);
        Elapsed = elapsed;
        VectorBits = vectorBits;
    }

    /// <summary>The model that was run.</summary>
    public ModelParameters Model { get; }

    /// <summary>The cohort that was run.</summary>
    public CohortSpec Cohort { get; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; }

    /// <summary>The options the run used (threads, chunk size, outputs, shard).</summary>
    public RunOptions Options { get; }

    /// <summary>People simulated in this result (the shard's share, or everyone).</summary>
    public long People { get; }

    /// <summary>
    /// The ids of the people this result holds, sorted, with adjacent ranges joined: one range for a run or a shard,
    /// several for a partial merge with gaps, none for a shard without people.
    /// </summary>
    public IReadOnlyList<PersonRange> PersonRanges { get; }

    /// <summary>Whether the result holds every person of the cohort exactly once (a whole run, or a complete merge).</summary>
    public bool IsComplete => PersonRanges is [{ First: 0 } only] && only.Count == Cohort.People;

    /// <summary>
    /// A SHA-256 (64 lowercase hexadecimal digits) of everything that decides the tables: model (generator rounds
    /// included), cohort, seed, the statistics, SDs and histograms accumulated, and the results format version.
    /// Partial results merge only when their hashes are equal; threads, chunk size and shard split are not part of it.
    /// </summary>
    public string RunHash => _runHash ??= RunIdentity.Hash(Model, Cohort, Seed, Statistics, Tables.StandardDeviations, Histograms);

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// The SIMD vector width the run computed at, in bits (128, 256 or 512): the machine's widest, or
    /// <see cref="RunOptions.MaxVectorBits"/> if that is narrower. It explains <see cref="PersonYearsPerSecond"/>, never
    /// the tables, which are the same bits at every width. <see langword="null"/> when it is not known: a result read
    /// from a results file (which does not record it), or merged from parts that ran at different or unknown widths.
    /// </summary>
    public int? VectorBits { get; }

    /// <summary>People × years stepped.</summary>
    public long PersonYears => People * Cohort.Years;

    /// <summary>Throughput of the run.</summary>
    public double PersonYearsPerSecond => Elapsed.TotalSeconds > 0 ? PersonYears / Elapsed.TotalSeconds : double.PositiveInfinity;

    /// <summary>The definition used for staging.</summary>
    public SarcopeniaDefinition Definition => Model.Definition;

    /// <summary>The stages the definition assigns, <see cref="Stage.None"/> first.</summary>
    public IReadOnlyList<Stage> Stages => Model.Definition.Stages;

    /// <summary>Every age with a row: the start age (peak, before any loss) to the end age.</summary>
    public IEnumerable<int> Ages => Enumerable.Range(Cohort.StartAge, Cohort.Years + 1);

    /// <summary>
    /// The sexes with at least one person in the cohort, women first. A cohort of one sex (<c>FemaleFraction</c> 0 or 1)
    /// has no rows, charts or summary lines for the other: they would only hold zeros.
    /// </summary>
    public IReadOnlyList<Sex> Sexes => [.. ((Sex[])[Sex.Female, Sex.Male]).Where(sex => Alive(Cohort.StartAge, sex) > 0)];

    /// <summary>Traits with count, mean and SD.</summary>
    public TraitSet Statistics => Tables.Statistics;

    /// <summary>Traits with histograms (and so centiles).</summary>
    public TraitSet Histograms => Tables.Histograms;

    /// <summary>The shape of the result tables: their axes, fixed-point scales and format version.</summary>
    public ResultLayout Layout => Tables.Layout;

    internal ResultTables Tables { get; }

    /// <summary>People alive at <paramref name="age"/>.</summary>
    public long Alive(int age, Sex? sex = null, Ancestry? ancestry = null) => Alive(age, age, sex, ancestry);

    /// <summary>People alive at ages <paramref name="fromAge"/> to <paramref name="toAge"/> (person-years lived in the band).</summary>
    public long Alive(int fromAge, int toAge, Sex? sex = null, Ancestry? ancestry = null) =>
        SumCombinations(fromAge, toAge, sex, ancestry, (1 << ResultLayout.Combinations) - 1);

    /// <summary>People at <paramref name="age"/> whose stage is exactly <paramref name="stage"/>.</summary>
    public long Count(int age, Stage stage, Sex? sex = null, Ancestry? ancestry = null) =>
        SumCombinations(age, age, sex, ancestry, CombinationsWhere(s => s == stage));

    /// <summary>People at <paramref name="age"/> with exactly the deficits in <paramref name="combination"/> (bits 1 mass, 2 strength, 4 performance).</summary>
    public long CountWithDeficits(int age, int combination, Sex? sex = null, Ancestry? ancestry = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(combination);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(combination, ResultLayout.Combinations - 1);
        return SumCombinations(age, age, sex, ancestry, 1 << combination);
    }

    /// <summary>Share of the living at <paramref name="age"/> whose stage is exactly <paramref name="stage"/> (NaN if nobody is alive).</summary>
    public double Prevalence(int age, Sex? sex, Stage stage, Ancestry? ancestry = null) => Prevalence(age, age, sex, stage, ancestry);

    /// <summary>Share of person-years at ages <paramref name="fromAge"/>..<paramref name="toAge"/> spent exactly in <paramref name="stage"/>.</summary>
    public double Prevalence(int fromAge, int toAge, Sex? sex, Stage stage, Ancestry? ancestry = null) =>
        Ratio(SumCombinations(fromAge, toAge, sex, ancestry, CombinationsWhere(s => s == stage)), Alive(fromAge, toAge, sex, ancestry));

    /// <summary>Share of the living at <paramref name="age"/> whose stage is <paramref name="stage"/> or more severe.</summary>
    public double PrevalenceAtLeast(int age, Sex? sex, Stage stage, Ancestry? ancestry = null) => PrevalenceAtLeast(age, age, sex, stage, ancestry);

    /// <summary>Share of person-years at ages <paramref name="fromAge"/>..<paramref name="toAge"/> in <paramref name="stage"/> or worse.</summary>
    public double PrevalenceAtLeast(int fromAge, int toAge, Sex? sex, Stage stage, Ancestry? ancestry = null) =>
        Ratio(CasesAtLeast(fromAge, toAge, sex, stage, ancestry), Alive(fromAge, toAge, sex, ancestry));

    /// <summary>Person-years at ages <paramref name="fromAge"/>..<paramref name="toAge"/> spent in <paramref name="stage"/> or worse.</summary>
    public long CasesAtLeast(int fromAge, int toAge, Sex? sex, Stage stage, Ancestry? ancestry = null) =>
        SumCombinations(fromAge, toAge, sex, ancestry, CombinationsWhere(s => s >= stage && s != Stage.None));

    /// <summary>
    /// The prevalence of <paramref name="stage"/> or worse at ages <paramref name="fromAge"/>..<paramref name="toAge"/> with its
    /// Monte Carlo (binomial) confidence interval: the Wilson score interval at <paramref name="confidence"/>, treating the
    /// simulated person-years as independent draws. It measures simulation noise only, not parameter uncertainty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidence"/> is not in (0, 1).</exception>
    public PrevalenceEstimate PrevalenceAtLeastInterval(int fromAge, int toAge, Sex? sex, Stage stage, Ancestry? ancestry = null, double confidence = PrevalenceEstimate.DefaultConfidence) =>
        PrevalenceEstimate.Wilson(
            CasesAtLeast(fromAge, toAge, sex, stage, ancestry),
            Alive(fromAge, toAge, sex, ancestry),
            confidence);

    /// <summary>Deaths in the year that ended at <paramref name="age"/>.</summary>
    public long Deaths(int age, Sex? sex = null, Ancestry? ancestry = null) => Tables.DeathsIn(Layout.CellsOf(age, age, sex, ancestry));

    /// <summary>
    /// Count, mean and SD of <paramref name="trait"/> among the living at <paramref name="age"/> (the SD is NaN if the run
    /// did not accumulate <see cref="RunOptions.StandardDeviations"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate statistics for the trait.</exception>
    public TraitSummary Summary(Trait trait, int age, Sex? sex = null, Ancestry? ancestry = null) =>
        Tables.Summary(trait, Layout.CellsOf(age, age, sex, ancestry));

    /// <summary>The <paramref name="percent"/>-th centile of <paramref name="trait"/> among the living at <paramref name="age"/>,
    /// interpolated within fixed histogram bins (NaN if nobody is alive).</summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate a histogram for the trait.</exception>
    public double Centile(Trait trait, int age, double percent, Sex? sex = null, Ancestry? ancestry = null) =>
        Centile(trait, age, age, percent, sex, ancestry);

    /// <summary>The <paramref name="percent"/>-th centile of <paramref name="trait"/> over the person-years lived at ages
    /// <paramref name="fromAge"/>..<paramref name="toAge"/>, interpolated within fixed histogram bins (NaN if none).</summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate a histogram for the trait.</exception>
    public double Centile(Trait trait, int fromAge, int toAge, double percent, Sex? sex = null, Ancestry? ancestry = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        (double low, double width, long[] bins) = Histogram(trait, fromAge, toAge, sex, ancestry);
        long total = bins.Sum();
        if (total == 0)
        {
            return double.NaN;
        }

        double target = percent / 100 * total;
        long cumulative = 0;
        for (int b = 0; b < bins.Length; b++)
        {
            if (bins[b] > 0 && cumulative + bins[b] >= target)
            {
                // Every trait is non-negative; only the loss rate's zero-centred first bin reaches below zero.
                double within = (target - cumulative) / bins[b];
                return WithinSupport(trait, b, Math.Max(0, low + (b + within) * width));
            }

            cumulative += bins[b];
        }

        return low + bins.Length * width;
    }

    /// <summary>
    /// Keeps a centile interpolated within a bin inside the values the model can produce. A year's loss is clamped to
    /// [<c>MinAnnualLoss</c>, <c>MaxAnnualLoss</c>] once loss applies (and is exactly zero before, in the zero-centred
    /// first bin), so a bin that straddles a clamp must not report a centile beyond it: Review2014's p5 of 0.975 %/yr
    /// inside the bin [0.95, 1.05) was below the 1 %/yr that every one of its losses reaches.
    /// </summary>
    private double WithinSupport(Trait trait, int bin, double value)
    {
        if (trait != Trait.LossRate)
        {
            return value;
        }

        double floor = bin == 0 ? 0 : Model.MassLoss.MinAnnualLoss * PercentPerFraction;
        return Math.Min(Math.Max(value, floor), Model.MassLoss.MaxAnnualLoss * PercentPerFraction);
    }

    /// <summary>The histogram of <paramref name="trait"/> at <paramref name="age"/>: the first bin's lower edge, the bin width and the counts.</summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate a histogram for the trait.</exception>
    public (double Low, double Width, long[] Counts) Histogram(Trait trait, int age, Sex? sex = null, Ancestry? ancestry = null) =>
        Histogram(trait, age, age, sex, ancestry);

    /// <summary>The histogram of <paramref name="trait"/> pooled over ages <paramref name="fromAge"/>..<paramref name="toAge"/>.</summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate a histogram for the trait.</exception>
    public (double Low, double Width, long[] Counts) Histogram(Trait trait, int fromAge, int toAge, Sex? sex = null, Ancestry? ancestry = null)
    {
        (double low, double width) = ResultLayout.BinsOf(trait);
        return (low, width, Tables.Histogram(trait, Layout.CellsOf(fromAge, toAge, sex, ancestry)));
    }

    /// <summary>Whether every table entry equals <paramref name="other"/>'s (bit-for-bit reproducibility checks).</summary>
    public bool TablesEqual(SimulationResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Tables.ContentEquals(other.Tables);
    }

    /// <summary>
    /// Adds the partial results of one run (shards, or earlier partial merges) into its complete result. The sum equals
    /// the unsharded run exactly.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No results; results of different runs (another model, generator, cohort, seed or outputs: their
    /// <see cref="RunHash"/> differs); results that hold the same people twice; or people that no result holds. The
    /// message names the offending results by their position, <c>shards[i]</c>.
    /// </exception>
    public static SimulationResult Merge(IEnumerable<SimulationResult> shards) => Merge(shards, allowPartial: false);

    /// <summary>
    /// Adds the partial results of one run as <see cref="Merge(IEnumerable{SimulationResult})"/> does; with
    /// <paramref name="allowPartial"/>, people that no result holds are allowed, and the result says so
    /// (<see cref="IsComplete"/> is <see langword="false"/> and <see cref="PersonRanges"/> lists who it holds).
    /// </summary>
    /// <exception cref="ArgumentException">See <see cref="Merge(IEnumerable{SimulationResult})"/>.</exception>
    public static SimulationResult Merge(IEnumerable<SimulationResult> shards, bool allowPartial)
    {
        ArgumentNullException.ThrowIfNull(shards);
        return Merge(shards.Select((part, i) => (part, $"shards[{i}]")), allowPartial, message => new ArgumentException(message, nameof(shards)));
    }

    /// <summary>
    /// Adds named partial results of one run as <see cref="Merge(IEnumerable{SimulationResult}, bool)"/> does, for
    /// callers that know where each came from (a file, a process): a refusal names the parts by the names given.
    /// </summary>
    /// <exception cref="InvalidDataException">The refusals of <see cref="Merge(IEnumerable{SimulationResult})"/>, naming the parts.</exception>
    public static SimulationResult Merge(IEnumerable<(SimulationResult Part, string Name)> parts, bool allowPartial)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return Merge(parts, allowPartial, message => new InvalidDataException(message));
    }

    /// <summary>
    /// The merge behind the public overloads and the file merge. <paramref name="parts"/> is enumerated once and each
    /// part's tables are added as it comes, so a merge of files holds one file's tables at a time besides the total.
    /// Each part's name (as the caller knows it, e.g. a file path) names it in errors; <paramref name="refuse"/> makes
    /// the exception a refusal throws.
    /// </summary>
    internal static SimulationResult Merge(IEnumerable<(SimulationResult Part, string Name)> parts, bool allowPartial, Func<string, Exception> refuse)
    {
        SimulationResult? first = null;
        string firstName = "";
        ResultTables? total = null;
        var ranges = new List<(PersonRange Range, string Name)>();
        long elapsedTicks = 0;
        int? vectorBits = null;
        foreach ((SimulationResult part, string name) in parts)
        {
            if (first is null)
            {
                (first, firstName, vectorBits) = (part, name, part.VectorBits);
                total = new ResultTables(part.Layout, part.Statistics, part.Tables.StandardDeviations, part.Histograms);
            }
            else if (part.RunHash != first.RunHash)
            {
                throw refuse($"{name} is not part of the same run as {firstName} ({Difference(first, part)}); only partial results of one scenario, seed and library format can be merged.");
            }

            ranges.AddRange(part.PersonRanges.Select(r => (r, name)));
            total!.Add(part.Tables);
            elapsedTicks = Math.Max(elapsedTicks, part.Elapsed.Ticks);
            vectorBits = part.VectorBits == vectorBits ? vectorBits : null;
        }

        if (first is not { } merged)
        {
            throw refuse("There is nothing to merge: at least one partial result is needed.");
        }

        // Every range by first id (a stable sort: parts keep their order): a range that starts before the previous one
        // ends holds people twice.
        (PersonRange Range, string Name)[] sorted = [.. ranges.OrderBy(r => r.Range.First)];
        for (int k = 1; k < sorted.Length; k++)
        {
            ((PersonRange a, string i), (PersonRange b, string j)) = (sorted[k - 1], sorted[k]);
            if (b.First < a.End)
            {
                throw refuse(a == b
                    ? $"{i} and {j} both hold {a}: the same partial result was given twice."
                    : $"{i} ({a}) and {j} ({b}) overlap: {new PersonRange(b.First, Math.Min(a.End, b.End) - b.First)} would be counted twice.");
            }
        }

        PersonRange[] missing = [.. Gaps(sorted.Select(r => r.Range), merged.Cohort.People)];
        if (missing.Length > 0 && !allowPartial)
        {
            string shown = string.Join(", ", missing.Take(MissingRangesShown)) + (missing.Length > MissingRangesShown ? $" and {missing.Length - MissingRangesShown} more ranges" : "");
            throw refuse(string.Create(CultureInfo.InvariantCulture,
                $"The merge is incomplete: no partial result holds {shown} ({missing.Sum(r => r.Count):N0} of {merged.Cohort.People:N0} people missing). Add the missing shards, or ask explicitly for a partial merge (allowPartial; in the tool, sarcosim merge --partial)."));
        }

        RunOptions options = missing.Length == 0 ? merged.Options with { ShardIndex = 0, ShardCount = 1 } : merged.Options;
        return new SimulationResult(merged.Model, merged.Cohort, merged.Seed, options, total!, sorted.Select(r => r.Range), TimeSpan.FromTicks(elapsedTicks), vectorBits);
    }

    /// <summary>What makes two runs different, in words (their hashes are known to differ).</summary>
    private static string Difference(SimulationResult a, SimulationResult b)
    {
        var differences = new List<string>();
        if (a.Seed != b.Seed)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"seed {b.Seed} instead of {a.Seed}"));
        }

        if (a.Model.PhiloxRounds != b.Model.PhiloxRounds)
        {
            differences.Add($"{b.Model.PhiloxRounds} generator rounds instead of {a.Model.PhiloxRounds}");
        }
        else if (a.Model != b.Model)
        {
            differences.Add($"model \"{b.Model.Name}\" differs from \"{a.Model.Name}\"");
        }

        if (a.Cohort != b.Cohort)
        {
            differences.Add(a.Cohort.People != b.Cohort.People
                ? string.Create(CultureInfo.InvariantCulture, $"a cohort of {b.Cohort.People:N0} people instead of {a.Cohort.People:N0}")
                : "another cohort");
        }

        if (a.Statistics != b.Statistics || a.Tables.StandardDeviations != b.Tables.StandardDeviations || a.Histograms != b.Histograms)
        {
            differences.Add("other outputs (statistics, SDs or histograms)");
        }

        return differences.Count > 0 ? string.Join("; ", differences) : "another run hash";
    }

    /// <summary>The ranges of people in [0, <paramref name="people"/>) that none of the disjoint, sorted <paramref name="ranges"/> holds.</summary>
    private static IEnumerable<PersonRange> Gaps(IEnumerable<PersonRange> ranges, long people)
    {
        long next = 0;
        foreach (PersonRange range in ranges)
        {
            if (range.First > next)
            {
                yield return new PersonRange(next, range.First - next);
            }

            next = Math.Max(next, range.End);
        }

        if (next < people)
        {
            yield return new PersonRange(next, people - next);
        }
    }

    /// <summary>Sorts disjoint ranges, drops empty ones and joins adjacent ones.</summary>
    private static PersonRange[] Joined(IEnumerable<PersonRange> ranges)
    {
        var joined = new List<PersonRange>();
        foreach (PersonRange range in ranges.Where(r => r.Count > 0).OrderBy(r => r.First))
        {
            if (joined.Count > 0 && joined[^1].End == range.First)
            {
                joined[^1] = joined[^1] with { Count = joined[^1].Count + range.Count };
            }
            else
            {
                joined.Add(range);
            }
        }

        return [.. joined];
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;

    private int CombinationsWhere(Func<Stage, bool> predicate)
    {
        int mask = 0;
        for (int c = 0; c < ResultLayout.Combinations; c++)
        {
            if (predicate(Model.Definition.Rules[c]))
            {
                mask |= 1 << c;
            }
        }

        return mask;
    }

    private long SumCombinations(int fromAge, int toAge, Sex? sex, Ancestry? ancestry, int mask) =>
        Tables.CountCombinations(Layout.CellsOf(fromAge, toAge, sex, ancestry), mask);
}
