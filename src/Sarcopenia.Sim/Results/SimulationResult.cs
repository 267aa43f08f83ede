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

    internal SimulationResult(ModelParameters model, CohortSpec cohort, ulong seed, RunOptions options, ResultTables tables, long people, TimeSpan elapsed)
    {
        Model = model;
        Cohort = cohort;
        Seed = seed;
        Options = options;
        Tables = tables;
        People = people;
        Elapsed = elapsed;
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

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; }

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
    /// Adds shard results of the same run into one result. Shards must share model, cohort, seed, shard count and
    /// outputs, and be distinct; the sum of all shards equals the unsharded run exactly.
    /// </summary>
    /// <exception cref="ArgumentException">The shards do not belong to one run, or one is repeated.</exception>
    public static SimulationResult Merge(IEnumerable<SimulationResult> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        SimulationResult[] parts = [.. shards];
        if (parts.Length == 0)
        {
            throw new ArgumentException("At least one shard result is needed.", nameof(shards));
        }

        SimulationResult first = parts[0];
        var seen = new HashSet<int>();
        foreach (SimulationResult part in parts)
        {
            if (!ReferenceEquals(part.Model, first.Model) && part.Model != first.Model
                || part.Cohort != first.Cohort || part.Seed != first.Seed
                || part.Options.ShardCount != first.Options.ShardCount
                || part.Statistics != first.Statistics || part.Options.StandardDeviations != first.Options.StandardDeviations
                || part.Histograms != first.Histograms)
            {
                throw new ArgumentException("Shard results must come from the same model, cohort, seed, shard count and outputs.", nameof(shards));
            }

            if (!seen.Add(part.Options.ShardIndex))
            {
                throw new ArgumentException($"Shard {part.Options.ShardIndex} appears more than once.", nameof(shards));
            }
        }

        var total = new ResultTables(first.Layout, first.Statistics, first.Options.StandardDeviations, first.Histograms);
        foreach (SimulationResult part in parts)
        {
            total.Add(part.Tables);
        }

        bool complete = seen.Count == first.Options.ShardCount;
        RunOptions options = complete ? first.Options with { ShardIndex = 0, ShardCount = 1 } : first.Options;
        return new SimulationResult(first.Model, first.Cohort, first.Seed, options, total,
            parts.Sum(p => p.People), TimeSpan.FromTicks(parts.Max(p => p.Elapsed.Ticks)));
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
