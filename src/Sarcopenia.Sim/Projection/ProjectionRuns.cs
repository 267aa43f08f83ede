using System.Globalization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Projection;

/// <summary>A quantity over replicates: its mean, 2.5 and 97.5 % points, and the share of its variance that is stochastic.</summary>
/// <param name="Mean">The mean over replicates.</param>
/// <param name="Lower">The 2.5 % point of the replicates' values (linear between order statistics).</param>
/// <param name="Upper">The 97.5 % point.</param>
/// <param name="StochasticShare">
/// The share of the replicates' variance that the simulation's sampling explains (its expected within-draw variance over
/// the total); the rest is parametric, from the parameters' draws. 1 without parameter uncertainty (up to sampling), and
/// <see cref="double.NaN"/> when it is not known (a single replicate, or a quantity without a sampling variance).
/// </param>
public readonly record struct Interval(double Mean, double Lower, double Upper, double StochasticShare)
{
    /// <summary>The summary of <paramref name="values"/>, with the mean within-draw (stochastic) variance <paramref name="stochasticVariance"/> if known.</summary>
    public static Interval Of(IReadOnlyList<double> values, double? stochasticVariance = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values.Order()];
        double mean = sorted.Average();
        double total = sorted.Length > 1 ? sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1) : double.NaN;
        double share = stochasticVariance is double within && total > 0 ? Math.Min(1, within / total) : double.NaN;
        return new Interval(mean, Quantile(sorted, LowerPoint), Quantile(sorted, UpperPoint), share);
    }

    // The interval's points: the central 95 %.
    private const double LowerPoint = 0.025;
    private const double UpperPoint = 0.975;

    private static double Quantile(double[] sorted, double p)
    {
        double at = p * (sorted.Length - 1);
        int below = (int)Math.Floor(at);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((at - below) * (sorted[above] - sorted[below]));
    }
}

/// <summary>
/// The scenario of each replicate when parameters carry distributions: made by <c>Fitting.ParameterDraws</c>, which
/// sets drawn values through the scenario-file reader.
/// </summary>
/// <param name="Uncertainty">The parameters drawn.</param>
/// <param name="Draws">Per replicate, each parameter's value.</param>
/// <param name="ScenarioOf">The scenario of replicate r, with its draws set.</param>
public sealed record ReplicateDraws(IReadOnlyList<ParameterDistribution> Uncertainty, IReadOnlyList<double[]> Draws, Func<int, Scenario> ScenarioOf)
{
    /// <summary>The drawn values of replicate <paramref name="replicate"/>.</summary>
    public double[] Values(int replicate) => Draws[replicate];
}

/// <summary>
/// Replicates of a microsimulation projection: replicate r runs with its own cohort seeds and, when parameters carry
/// distributions, its own draws (<see cref="ReplicateDraws"/>). Replicates are kept apart; intervals are taken over them.
/// </summary>
public sealed class ProjectionRuns
{
    private ProjectionRuns(IReadOnlyList<MicrosimResult> replicates, IReadOnlyList<ParameterDistribution> uncertainty, IReadOnlyList<double[]> draws)
    {
        Replicates = replicates;
        Uncertainty = uncertainty;
        Draws = draws;
    }

    /// <summary>The replicates, in order.</summary>
    public IReadOnlyList<MicrosimResult> Replicates { get; }

    /// <summary>The parameters drawn per replicate.</summary>
    public IReadOnlyList<ParameterDistribution> Uncertainty { get; }

    /// <summary>Per replicate, the drawn value of each parameter of <see cref="Uncertainty"/>.</summary>
    public IReadOnlyList<double[]> Draws { get; }

    /// <summary>Runs <paramref name="replicates"/> replicates of <paramref name="setup"/>.</summary>
    /// <param name="setup">The projection.</param>
    /// <param name="replicates">How many replicates, at least 1.</param>
    /// <param name="draws">The parameters' draws (<c>Fitting.ParameterDraws</c>), or <see langword="null"/> for Monte Carlo error alone.</param>
    /// <param name="options">Threads, chunk size, progress (simulated people of all replicates) and cancellation.</param>
    /// <exception cref="ParameterValidationException">The setup is invalid.</exception>
    public static ProjectionRuns Run(MicrosimSetup setup, int replicates, ReplicateDraws? draws = null, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        return FromReplicates(RunRange(setup, new ReplicateRange(0, replicates), draws, options), draws);
    }

    /// <summary>
    /// Runs the replicates of <paramref name="range"/> only: one work unit of a projection split over processes or
    /// cluster tasks. Replicate r is the same bit for bit as in <see cref="Run"/>, whatever range holds it.
    /// </summary>
    /// <param name="setup">The projection.</param>
    /// <param name="range">The replicates to run.</param>
    /// <param name="draws">The parameters' draws (of at least <see cref="ReplicateRange.End"/> replicates), or <see langword="null"/>.</param>
    /// <param name="options">Threads, chunk size, progress (simulated people of the range's replicates) and cancellation.</param>
    /// <returns>The replicates of the range, in order.</returns>
    /// <exception cref="ParameterValidationException">The setup is invalid.</exception>
    public static IReadOnlyList<MicrosimResult> RunRange(MicrosimSetup setup, ReplicateRange range, ReplicateDraws? draws = null, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentOutOfRangeException.ThrowIfNegative(range.First);
        ArgumentOutOfRangeException.ThrowIfNegative(range.Count);
        var results = new MicrosimResult[range.Count];
        long done = 0;
        for (int i = 0; i < range.Count; i++)
        {
            int r = range.First + i;
            Scenario scenario = draws is null ? setup.Scenario : draws.ScenarioOf(r);
            long before = done;
            RunOptions? replicateOptions = options?.Progress is { } progress ? options with { Progress = new Offset(progress, before) } : options;
            results[i] = MicrosimProjection.Run(setup with { Scenario = scenario }, r, replicateOptions);
            done += results[i].SimulatedPeople;
        }

        return results;
    }

    /// <summary>
    /// The replicates 0 .. R − 1 of one projection, run in any number of processes (<see cref="RunRange"/>) and brought
    /// together: intervals over them are those of <see cref="Run"/> bit for bit.
    /// </summary>
    /// <param name="replicates">Replicate r at index r, all of the same setup.</param>
    /// <param name="draws">The parameters' draws they were run with, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The list is empty, a replicate is out of place, or the replicates have different setups.</exception>
    public static ProjectionRuns FromReplicates(IReadOnlyList<MicrosimResult> replicates, ReplicateDraws? draws = null)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        if (replicates.Count == 0)
        {
            throw new ArgumentException("A projection needs at least one replicate.", nameof(replicates));
        }

        for (int r = 0; r < replicates.Count; r++)
        {
            if (replicates[r].Replicate != r)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"replicates[{r}] is replicate {replicates[r].Replicate}; expected replicate {r}."), nameof(replicates));
            }

            // The scenario may differ by its parameter draws; the rest of the setup may not.
            if (replicates[r].Setup with { Scenario = replicates[0].Setup.Scenario } != replicates[0].Setup)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"replicates[{r}] projects another population, years, scale or interventions than replicates[0]."), nameof(replicates));
            }
        }

        return new ProjectionRuns([.. replicates], draws?.Uncertainty ?? [], [.. Enumerable.Range(0, replicates.Count).Select(r => draws?.Values(r) ?? [])]);
    }

    /// <summary>Cases (at sarcopenia or beyond) over replicates, with the stochastic share of their variance.</summary>
    public Interval Cases(int year, Sex? sex = null, int? minimumAge = null) =>
        Interval.Of([.. Replicates.Select(r => r.Cases(year, sex, minimumAge))], Replicates.Average(r => r.CasesStochasticVariance(year, sex, minimumAge)));

    /// <summary>Prevalence over replicates, with the stochastic share of its variance (the cases' variance over the fixed, aligned people).</summary>
    public Interval Prevalence(int year, Sex? sex = null, int? minimumAge = null)
    {
        double people = Replicates[0].People(year, sex, minimumAge);
        return Interval.Of([.. Replicates.Select(r => r.Prevalence(year, sex, minimumAge))],
            Replicates.Average(r => r.CasesStochasticVariance(year, sex, minimumAge)) / (people * people));
    }

    /// <summary>Any quantity of a replicate over replicates (no decomposition).</summary>
    public Interval Of(Func<MicrosimResult, double> quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return Interval.Of([.. Replicates.Select(quantity)]);
    }

    private sealed class Offset(IProgress<long> inner, long before) : IProgress<long>
    {
        public void Report(long value) => inner.Report(before + value);
    }
}

/// <summary>
/// A baseline and a scenario projected on common random numbers: the same replicates, cohort seeds, people and parameter
/// draws, so that differences come from the interventions alone and their intervals are those of paired differences.
/// </summary>
public sealed class ProjectionComparison
{
    private ProjectionComparison(ProjectionRuns baseline, ProjectionRuns scenario)
    {
        Baseline = baseline;
        Scenario = scenario;
    }

    /// <summary>The baseline's replicates.</summary>
    public ProjectionRuns Baseline { get; }

    /// <summary>The scenario's replicates.</summary>
    public ProjectionRuns Scenario { get; }

    /// <summary>
    /// Runs both arms. They must share the scenario (model, cohort, seed), the population, years and scale: only their
    /// interventions may differ, or the comparison would not be on common random numbers.
    /// </summary>
    /// <exception cref="ParameterValidationException">The arms differ in more than their interventions.</exception>
    public static ProjectionComparison Run(MicrosimSetup baseline, MicrosimSetup scenario, int replicates, ReplicateDraws? draws = null, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(scenario);
        CheckArms(baseline, scenario);
        return new ProjectionComparison(
            ProjectionRuns.Run(baseline, replicates, draws, options),
            ProjectionRuns.Run(scenario, replicates, draws, options));
    }

    /// <summary>
    /// The comparison of two arms run apart (in work units of replicates, <see cref="ProjectionRuns.RunRange"/>): the
    /// same as <see cref="Run"/> bit for bit when both ran the same replicates with the same draws.
    /// </summary>
    /// <exception cref="ParameterValidationException">The arms differ in more than their interventions.</exception>
    /// <exception cref="ArgumentException">The arms have different numbers of replicates.</exception>
    public static ProjectionComparison FromRuns(ProjectionRuns baseline, ProjectionRuns scenario)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(scenario);
        CheckArms(baseline.Replicates[0].Setup, scenario.Replicates[0].Setup);
        return baseline.Replicates.Count == scenario.Replicates.Count
            ? new ProjectionComparison(baseline, scenario)
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The baseline has {baseline.Replicates.Count} replicates and the scenario {scenario.Replicates.Count}; paired differences need the same replicates."), nameof(scenario));
    }

    /// <summary>Refuses arms that differ in more than their interventions: the comparison would not be on common random numbers.</summary>
    /// <exception cref="ParameterValidationException">The arms differ in more than their interventions.</exception>
    public static void CheckArms(MicrosimSetup baseline, MicrosimSetup scenario)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(scenario);
        var v = new ParameterValidator();
        Check(v, "scenario.model", baseline.Scenario.Model == scenario.Scenario.Model, "the baseline's model (only interventions may differ between arms)");
        Check(v, "scenario.cohort", baseline.Scenario.Cohort == scenario.Scenario.Cohort, "the baseline's cohort");
        Check(v, "scenario.seed", baseline.Scenario.Seed == scenario.Scenario.Seed, $"the baseline's seed, {baseline.Scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        Check(v, "population", baseline.Population == scenario.Population || (baseline.Population.Location == scenario.Population.Location && baseline.Population.Description == scenario.Population.Description), "the baseline's population");
        Check(v, "population.baseYear", baseline.BaseYear == scenario.BaseYear, $"the baseline's, {baseline.BaseYear.ToString(CultureInfo.InvariantCulture)}");
        Check(v, "population.horizon", baseline.Horizon == scenario.Horizon, $"the baseline's, {baseline.Horizon.ToString(CultureInfo.InvariantCulture)}");
        Check(v, "population.scale", baseline.Scale == scenario.Scale, $"the baseline's, {ParameterValidator.Format(baseline.Scale)}");
        v.ThrowIfAny();
    }

    /// <summary>Cases averted in <paramref name="year"/> (baseline minus scenario), paired by replicate.</summary>
    public Interval CasesAverted(int year, Sex? sex = null, int? minimumAge = null) =>
        Paired(r => r.Cases(year, sex, minimumAge));

    /// <summary>Life-years without sarcopenia gained from the base year to <paramref name="year"/> (scenario minus baseline), paired by replicate.</summary>
    public Interval LifeYearsGained(int year, Sex? sex = null, int? minimumAge = null) =>
        Interval.Of([.. Baseline.Replicates.Zip(Scenario.Replicates, (b, s) =>
            Enumerable.Range(b.FirstYear, year - b.FirstYear + 1).Sum(y => s.LifeYearsWithout(y, sex, minimumAge) - b.LifeYearsWithout(y, sex, minimumAge)))]);

    private Interval Paired(Func<MicrosimResult, double> quantity) =>
        Interval.Of([.. Baseline.Replicates.Zip(Scenario.Replicates, (b, s) => quantity(b) - quantity(s))]);

    private static void Check(ParameterValidator v, string path, bool same, string allowed)
    {
        if (!same)
        {
            v.Fail(path, "a different value", allowed);
        }
    }
}
