using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Fitting;

/// <summary>Options of <see cref="Calibration.Fit"/>.</summary>
public sealed record CalibrationOptions
{
    /// <summary>The default most objective evaluations: enough for Nelder–Mead on a few parameters (it typically needs 20–60 per parameter).</summary>
    public const int DefaultMaxIterations = 200;

    /// <summary>
    /// The default convergence tolerance: the simplex stops when its objective values differ by less than this share
    /// of their size (MathNet's relative criterion), far below the Monte Carlo noise of a standardized residual.
    /// </summary>
    public const double DefaultTolerance = 1e-4;

    /// <summary>People per run; every evaluation runs the same people with the same seed (common random numbers).</summary>
    public long People { get; init; } = ModelCheckOptions.DefaultPeople;

    /// <summary>The most simplex iterations before the fit gives up (and reports its best point, not converged).</summary>
    public int MaxIterations { get; init; } = DefaultMaxIterations;

    /// <summary>The relative spread of the simplex's objective values at which it has converged.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The name errors about parameters are reported under (e.g. the scenario file's name).</summary>
    public string Source { get; init; } = "scenario";

    /// <summary>Threads, progress and cancellation of each run.</summary>
    public RunOptions? RunOptions { get; init; }
}

/// <summary>A fitted parameter.</summary>
/// <param name="Path">Its path in scenario files.</param>
/// <param name="Start">The scenario's value.</param>
/// <param name="Fitted">The best value found.</param>
/// <param name="Lower">The least value validation allows.</param>
/// <param name="Upper">The largest value validation allows (<see cref="double.PositiveInfinity"/> for none).</param>
public sealed record FittedParameter(string Path, double Start, double Fitted, double Lower, double Upper);

/// <summary>A target before and after the fit.</summary>
/// <param name="Target">The target.</param>
/// <param name="Before">The simulated value at the start.</param>
/// <param name="After">The simulated value at the best point.</param>
/// <param name="Scale">The residual's scale: the target's SE, tolerance, or the rule's default (<see cref="ToleranceRule.Scale"/>).</param>
/// <param name="Note">Why the target is not in the objective (not modelled or not comparable), or the age note.</param>
public sealed record FittedTarget(Target Target, double Before, double After, double Scale, string Note)
{
    /// <summary>Whether the target is in the objective.</summary>
    public bool IsFitted => double.IsFinite(Before);

    /// <summary>The standardized residual at the start, (before − value) / scale.</summary>
    public double ResidualBefore => (Before - Target.Value) / Scale;

    /// <summary>The standardized residual at the best point, (after − value) / scale.</summary>
    public double ResidualAfter => (After - Target.Value) / Scale;
}

/// <summary>The outcome of <see cref="Calibration.Fit"/>.</summary>
/// <param name="Fitted">The scenario with the best values found.</param>
/// <param name="Parameters">Each parameter's start and fitted values and range.</param>
/// <param name="Targets">Each target before and after.</param>
/// <param name="ObjectiveBefore">The objective at the start: Σ weight · residual².</param>
/// <param name="ObjectiveAfter">The objective at the best point.</param>
/// <param name="Evaluations">How many times the model was evaluated (each evaluation is one run per definition and ancestry group).</param>
/// <param name="Iterations">Simplex iterations.</param>
/// <param name="Converged">Whether the simplex converged within the iteration limit.</param>
/// <param name="Message">The optimiser's reason for stopping, in words.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record CalibrationResult(
    Scenario Fitted, IReadOnlyList<FittedParameter> Parameters, IReadOnlyList<FittedTarget> Targets, double ObjectiveBefore, double ObjectiveAfter,
    int Evaluations, int Iterations, bool Converged, string Message, TimeSpan Elapsed);

/// <summary>
/// Fits model parameters, named by their scenario-file paths, to targets: minimizes Σ weight·((simulated − target)/scale)²
/// with the Nelder–Mead simplex (MathNet.Numerics), every evaluation on the same people and seed (common random
/// numbers, so means and centiles move smoothly with the parameters). Bounds are validation's ranges, kept by a
/// transform: the simplex moves in logit(place in the range) (or log(distance above a lone lower bound)), so every
/// point it tries is valid.
/// </summary>
public static class Calibration
{
    // The residual of a target the model cannot compute at some point (nobody alive, a zero rate): far larger than a
    // fitted one, so the simplex moves away from such points instead of stopping at them.
    private const double UndefinedResidual = 1e3;

    // The objective of a point the scenario's validation refuses (a combination of values out of bounds together).
    private const double InvalidObjective = 1e12;

    // The simplex's first step in the free coordinate: about 20 % of a value near a bound, 5 % of the range mid-range.
    private const double InitialStep = 0.2;

    /// <summary>Fits <paramref name="parameters"/> of <paramref name="scenario"/> to <paramref name="targets"/>.</summary>
    /// <param name="scenario">The scenario to start from.</param>
    /// <param name="targets">The targets; those not modelled or not comparable are reported but not fitted.</param>
    /// <param name="parameters">Paths of the numbers to fit, as in scenario files (e.g. <c>model.massLoss.medianRate.female</c>).</param>
    /// <param name="options">People, iteration limit, tolerance.</param>
    /// <exception cref="ScenarioException">A path names no fittable number of the scenario.</exception>
    /// <exception cref="ArgumentException">No parameters, a repeated parameter, or no target the model can compute.</exception>
    public static CalibrationResult Fit(Scenario scenario, IReadOnlyList<Target> targets, IReadOnlyList<string> parameters, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new CalibrationOptions();
        if (parameters.Count == 0 || parameters.Distinct().Count() != parameters.Count)
        {
            throw new ArgumentException($"Expected at least one parameter, each named once; got {(parameters.Count == 0 ? "none" : string.Join(", ", parameters))}.", nameof(parameters));
        }

        var clock = Stopwatch.StartNew();
        ScenarioParameter[] fitted = [.. parameters.Select(p => ScenarioParameter.Of(scenario, p, options.Source))];
        double[] start = [.. fitted.Select(p => p.ValueIn(scenario, options.Source))];
        IReadOnlyList<SimulatedValue> before = TargetRuns.Evaluate(scenario, targets, options.People, options.RunOptions);
        bool[] inObjective = [.. targets.Select((t, i) => before[i].NotModelled is null && ToleranceRule.NotComparableReason(t) is null)];
        if (!inObjective.Contains(true))
        {
            throw new ArgumentException("None of the targets can be computed by the model (all are not modelled or not comparable); expected at least one.", nameof(targets));
        }

        Target[] used = [.. targets.Where((_, i) => inObjective[i])];
        double[] scales = [.. used.Select(ToleranceRule.Scale)];
        int evaluations = 1;
        double[] bestFree = [.. fitted.Select((p, i) => p.ToFree(start[i]))];
        double bestObjective = Objective([.. before.Where((_, i) => inObjective[i])]);
        double startObjective = bestObjective;

        double Evaluate(Vector<double> free)
        {
            options.RunOptions?.Cancellation.ThrowIfCancellationRequested();
            evaluations++;
            double objective;
            try
            {
                Scenario trial = ScenarioParameter.With(scenario, fitted, [.. fitted.Select((p, i) => p.FromFree(free[i]))], options.Source);
                objective = Objective(TargetRuns.Evaluate(trial, used, options.People, options.RunOptions));
            }
            catch (ScenarioException)
            {
                objective = InvalidObjective;
            }

            if (objective < bestObjective)
            {
                bestObjective = objective;
                bestFree = [.. free];
            }

            return objective;
        }

        double Objective(IReadOnlyList<SimulatedValue> values)
        {
            double sum = 0;
            for (int i = 0; i < used.Length; i++)
            {
                double residual = double.IsFinite(values[i].Value) ? (values[i].Value - used[i].Value) / scales[i] : UndefinedResidual;
                sum += used[i].Weight * residual * residual;
            }

            return sum;
        }

        var simplex = new NelderMeadSimplex(options.Tolerance, options.MaxIterations);
        bool converged;
        int iterations;
        string message;
        try
        {
            MinimizationResult minimum = simplex.FindMinimum(ObjectiveFunction.Value(Evaluate), Vector<double>.Build.Dense(bestFree), Vector<double>.Build.Dense(fitted.Length, InitialStep));
            converged = true;
            iterations = minimum.Iterations;
            message = $"converged: the simplex's objective values agree to a relative {options.Tolerance:G3} ({minimum.ReasonForExit})";
        }
        catch (MaximumIterationsException)
        {
            converged = false;
            iterations = options.MaxIterations;
            message = $"did not converge within {options.MaxIterations} iterations; the best point found so far is reported";
        }

        double[] best = [.. fitted.Select((p, i) => p.FromFree(bestFree[i]))];
        Scenario result = ScenarioParameter.With(scenario, fitted, best, options.Source);
        IReadOnlyList<SimulatedValue> after = TargetRuns.Evaluate(result, targets, options.People, options.RunOptions);
        FittedTarget[] rows = [.. targets.Select((t, i) => inObjective[i]
            ? new FittedTarget(t, before[i].Value, after[i].Value, ToleranceRule.Scale(t), after[i].Note)
            : new FittedTarget(t, double.NaN, double.NaN, ToleranceRule.Scale(t), before[i].NotModelled ?? $"not comparable: {ToleranceRule.NotComparableReason(t)}"))];
        FittedParameter[] report = [.. fitted.Select((p, i) => new FittedParameter(p.Path, start[i], best[i], p.Lower, p.Upper ?? double.PositiveInfinity))];
        return new CalibrationResult(result, report, rows, startObjective, bestObjective, evaluations, iterations, converged, message, clock.Elapsed);
    }
}
