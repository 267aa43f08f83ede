using System.Diagnostics;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Fitting;

/// <summary>How a target came out of a model check.</summary>
public enum TargetOutcome
{
    /// <summary>Within the tolerance (<see cref="ToleranceRule"/>).</summary>
    Pass = 0,

    /// <summary>Outside the tolerance.</summary>
    Fail = 1,

    /// <summary>The published number used a criterion the model cannot reproduce (sample-relative or local cut-offs, ...).</summary>
    NotComparable = 2,

    /// <summary>The model does not produce the quantity, or the ages are outside the simulated ones.</summary>
    NotModelled = 3,
}

/// <summary>One target compared with the model.</summary>
/// <param name="Target">The target.</param>
/// <param name="Outcome">Pass, fail, or why it was not compared.</param>
/// <param name="Simulated">The simulated value in the target's unit (NaN when not modelled).</param>
/// <param name="Lower">Lower end of the simulated value's 95 % Monte Carlo interval.</param>
/// <param name="Upper">Upper end of the simulated value's 95 % Monte Carlo interval.</param>
/// <param name="Tolerance">The largest difference that passes (NaN when not compared).</param>
/// <param name="Rule">The tolerance rule's terms, e.g. <c>max(2·SE 1.7, floor 3, 50% 2.3)</c>.</param>
/// <param name="AgeFrom">The first simulated age compared (0 when not modelled).</param>
/// <param name="AgeTo">The last simulated age compared (0 when not modelled).</param>
/// <param name="Note">How the ages were chosen, or why the target was not compared.</param>
public sealed record TargetEvaluation(
    Target Target, TargetOutcome Outcome, double Simulated, double Lower, double Upper, double Tolerance, string Rule, int AgeFrom, int AgeTo, string Note)
{
    /// <summary>Simulated minus published.</summary>
    public double Difference => Simulated - Target.Value;

    /// <summary>Whether the target counts towards the pass and fail totals.</summary>
    public bool IsCompared => Outcome is TargetOutcome.Pass or TargetOutcome.Fail;

    /// <summary>
    /// The ids of the compared targets this one can never pass together with: they compare the same simulated value (same
    /// definition, stage, quantity, statistic, sex, ancestry, simulated ages and device) with published values whose
    /// tolerance intervals do not overlap, so whatever the model simulates, at least one of them fails.
    /// </summary>
    public IReadOnlyList<string> ConflictsWith { get; init; } = [];
}

/// <summary>Options of <see cref="ModelCheck.Run"/>.</summary>
public sealed record ModelCheckOptions
{
    /// <summary>
    /// The default number of people per run: the shipped validation set's 10 runs (70 million person-years) take
    /// about 1 s in a Release build and 2 s in a Debug build on the two-core reference machine, and the Monte Carlo 95 %
    /// intervals of its prevalences are ±0.2–0.8 points, far inside every tolerance (docs/validation.md).
    /// </summary>
    public const long DefaultPeople = 100_000;

    /// <summary>People per run (every run of a check has the same people and seed).</summary>
    public long People { get; init; } = DefaultPeople;

    /// <summary>Threads, progress and cancellation of each run; the traits accumulated are chosen by the check.</summary>
    public RunOptions? RunOptions { get; init; }
}

/// <summary>
/// Compares a scenario's model with published targets: each prevalence under its own definition, each ancestry group
/// simulated alone, every value weighted by the simulated survivors' ages, judged by <see cref="ToleranceRule"/>.
/// </summary>
public static class ModelCheck
{
    /// <summary>Runs <paramref name="scenario"/> as <paramref name="targets"/> need and compares.</summary>
    /// <param name="scenario">The scenario (its model, cohort ages and mixes, and seed are used; its number of people is not).</param>
    /// <param name="targets">The targets, e.g. <see cref="TargetFile.ShippedValidation"/>.</param>
    /// <param name="options">People per run, threads and cancellation.</param>
    /// <exception cref="Common.ParameterValidationException">The scenario is invalid.</exception>
    public static ModelCheckReport Run(Scenario scenario, IReadOnlyList<Target> targets, ModelCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(targets);
        options ??= new ModelCheckOptions();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<SimulatedValue> values = TargetRuns.Evaluate(scenario, targets, options.People, options.RunOptions);
        TargetEvaluation[] rows = MarkConflicts([.. targets.Select((t, i) => Judge(t, values[i]))]);
        return new ModelCheckReport(scenario, options.People, TargetRuns.Count(scenario, targets), rows, clock.Elapsed);
    }

    /// <summary>
    /// Finds the compared rows that no model can pass together (<see cref="TargetEvaluation.ConflictsWith"/>): rows of one
    /// simulated value whose intervals [published ± tolerance] are disjoint. Published studies of the same definition and
    /// population disagree by more than their sampling error (different samples, devices and protocols); the report says
    /// so rather than letting a model look wrong for what the data cannot decide.
    /// </summary>
    internal static TargetEvaluation[] MarkConflicts(TargetEvaluation[] rows)
    {
        var marked = (TargetEvaluation[])rows.Clone();
        var sameValue = rows.Select((row, index) => (Row: row, Index: index)).Where(x => x.Row.IsCompared).GroupBy(x =>
            (x.Row.Target.Definition, x.Row.Target.Stage, x.Row.Target.Quantity, x.Row.Target.Statistic, x.Row.Target.Sex, x.Row.Target.Ancestry,
             x.Row.AgeFrom, x.Row.AgeTo, x.Row.Simulated));
        foreach (var group in sameValue)
        {
            foreach ((TargetEvaluation row, int index) in group)
            {
                string[] others = [.. group
                    .Where(other => other.Index != index && Math.Abs(other.Row.Target.Value - row.Target.Value) > other.Row.Tolerance + row.Tolerance)
                    .Select(other => other.Row.Target.Id)];
                if (others.Length > 0)
                {
                    marked[index] = row with
                    {
                        ConflictsWith = others,
                        Note = Join($"no value passes both this and {string.Join(", ", others)} (published values further apart than their tolerances)", row.Note),
                    };
                }
            }
        }

        return marked;
    }

    /// <summary>Judges one simulated value against its target.</summary>
    internal static TargetEvaluation Judge(Target target, SimulatedValue value)
    {
        if (value.NotModelled is { } missing)
        {
            return new TargetEvaluation(target, TargetOutcome.NotModelled, double.NaN, double.NaN, double.NaN, double.NaN, "", value.AgeFrom, value.AgeTo, missing);
        }

        (double tolerance, string rule) = ToleranceRule.Of(target, value.Se);
        if (ToleranceRule.NotComparableReason(target) is { } reason)
        {
            return new TargetEvaluation(target, TargetOutcome.NotComparable, value.Value, value.Lower, value.Upper, double.NaN, "", value.AgeFrom, value.AgeTo, Join(reason, value.Note));
        }

        TargetOutcome outcome = Math.Abs(value.Value - target.Value) <= tolerance ? TargetOutcome.Pass : TargetOutcome.Fail;
        return new TargetEvaluation(target, outcome, value.Value, value.Lower, value.Upper, tolerance, rule, value.AgeFrom, value.AgeTo, value.Note);
    }

    private static string Join(string first, string second) => second.Length == 0 ? first : $"{first}; {second}";
}
