using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;

namespace Sarcopenia.Sim.Fitting;

/// <summary>A heritability to reach: the additive share a² of an ACE fit of a trait at an age, among same-sex pairs of one sex.</summary>
/// <param name="Trait">One of <see cref="Simulation.TwinTraits"/>.</param>
/// <param name="Age">The age the twins are measured at.</param>
/// <param name="Sex">The sex of the (same-sex) pairs fitted.</param>
/// <param name="Additive">The target a², 0 to 1.</param>
public sealed record HeritabilityTarget(string Trait, int Age, Sex Sex, double Additive);

/// <summary>A target's a² before and after the search.</summary>
/// <param name="Target">The target.</param>
/// <param name="Before">The fitted a² with the starting shares.</param>
/// <param name="After">The fitted a² with the shares found.</param>
public sealed record HeritabilityTargetResult(HeritabilityTarget Target, double Before, double After);

/// <summary>How <see cref="HeritabilityTargets.Fit"/> searches.</summary>
public sealed record HeritabilityFitOptions
{
    /// <summary>Twin pairs simulated at each evaluation when the cohort has no families (a third of each zygosity). Default 20,000.</summary>
    public long Pairs { get; init; } = 20_000;

    /// <summary>Nelder–Mead iterations at most. Default 60.</summary>
    public int MaxIterations { get; init; } = 60;

    /// <summary>The simplex's relative convergence tolerance on the sum of squared a² errors. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Threads and chunk size of each simulation.</summary>
    public RunOptions? RunOptions { get; init; }
}

/// <summary>The shares found and how close they bring each target.</summary>
/// <param name="Genetics">The model's genetics with the shares found.</param>
/// <param name="Free">The traits whose a² (both sexes) was searched.</param>
/// <param name="Additive">The a² found for each of <paramref name="Free"/>.</param>
/// <param name="Targets">Each target's fitted a² before and after.</param>
/// <param name="Evaluations">Simulations run.</param>
/// <param name="Converged">Whether the simplex converged within the iterations allowed (otherwise the best point found is reported).</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record HeritabilityFitResult(Genetics Genetics, IReadOnlyList<GeneticTrait> Free, IReadOnlyList<double> Additive, IReadOnlyList<HeritabilityTargetResult> Targets,
    int Evaluations, bool Converged, TimeSpan Elapsed);

/// <summary>
/// Finds variance-component settings that reach target heritabilities at chosen ages: heritability at an age emerges from
/// the peak traits' and the rates' shares, so the a² of chosen scores (e.g. the loss rate and the quality decline) is
/// searched by Nelder–Mead (MathNet.Numerics) until the ACE a² fitted to simulated twins meets the targets in the
/// least-squares sense. Every evaluation simulates the same twins with the same seed (common random numbers), so the
/// objective changes only through the shares and the search is not misled by sampling noise between evaluations.
/// </summary>
public static class HeritabilityTargets
{
    // The search works on unbounded values mapped onto [0, 1 − c²] by a logistic, so no step leaves the allowed shares.
    private const double InitialStep = 1.0;

    // A share the validation refuses (genes explaining more than a², an own part outside [0, 1]) scores this badly.
    private const double InvalidObjective = 1e6;

    // Logistic maps stay clear of their ends, where the logit is infinite.
    private const double EdgeMargin = 1e-6;

    /// <summary>Searches the a² of <paramref name="free"/> (the same value for both sexes) to meet <paramref name="targets"/>.</summary>
    /// <param name="model">The model; its genetics give the starting shares and everything not searched.</param>
    /// <param name="cohort">The cohort; without families, <see cref="HeritabilityFitOptions.Pairs"/> twin pairs are simulated.</param>
    /// <param name="seed">The seed of every evaluation.</param>
    /// <param name="targets">The targets, at least one.</param>
    /// <param name="free">The scores whose a² is searched, each once.</param>
    /// <param name="options">Search settings.</param>
    /// <exception cref="ParameterValidationException">An input is invalid: no targets, an unknown trait, an a² outside [0, 1], an age outside the cohort's, no free score or one twice, too few pairs.</exception>
    public static HeritabilityFitResult Fit(ModelParameters model, CohortSpec cohort, ulong seed, IReadOnlyList<HeritabilityTarget> targets,
        IReadOnlyList<GeneticTrait> free, HeritabilityFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(free);
        options ??= new HeritabilityFitOptions();
        CohortSpec twins = cohort.Families is null ? cohort with { Families = FamilySpec.TwinPairs(options.Pairs), People = 2 * options.Pairs } : cohort;
        Validate(targets, free, options, twins);
        var clock = Stopwatch.StartNew();
        int[] ages = [.. targets.Select(t => t.Age).Distinct().Order()];
        int evaluations = 0;

        double[] Evaluate(Genetics genetics)
        {
            evaluations++;
            TwinPairs data = Simulation.SimulateTwins(model with { Genetics = genetics }, twins, seed, ages, options.RunOptions);
            return [.. targets.Select(t => FittedAdditive(data, t))];
        }

        // The upper end of each free a²: what its shared share leaves (the smaller of the two sexes').
        double[] upper = [.. free.Select(trait => Math.Min(1 - model.Genetics.SharesOf(trait).Female.Shared, 1 - model.Genetics.SharesOf(trait).Male.Shared))];
        double Share(int i, double x) => upper[i] / (1 + Math.Exp(-x));
        double Logit(int i, double share) => Math.Log(Math.Clamp(share / upper[i], EdgeMargin, 1 - EdgeMargin) / (1 - Math.Clamp(share / upper[i], EdgeMargin, 1 - EdgeMargin)));

        Genetics With(IReadOnlyList<double> x)
        {
            Genetics genetics = model.Genetics;
            for (int i = 0; i < free.Count; i++)
            {
                genetics = WithAdditive(genetics, free[i], Share(i, x[i]));
            }

            return genetics;
        }

        double[] start = [.. free.Select((trait, i) => Logit(i, (model.Genetics.SharesOf(trait).Female.Additive + model.Genetics.SharesOf(trait).Male.Additive) / 2))];
        double[] before = Evaluate(With(start));
        double[] best = start;
        double bestObjective = double.PositiveInfinity;

        double Objective(Vector<double> x)
        {
            Genetics genetics = With([.. x]);
            var v = new ParameterValidator();
            genetics.Validate(v, "model.genetics", model.Peak, model.Strength);
            if (v.Errors.Count > 0)
            {
                return InvalidObjective;
            }

            double[] fitted = Evaluate(genetics);
            double sum = targets.Select((t, i) => double.IsFinite(fitted[i]) ? (fitted[i] - t.Additive) * (fitted[i] - t.Additive) : 1).Sum();
            if (sum < bestObjective)
            {
                (bestObjective, best) = (sum, [.. x]);
            }

            return sum;
        }

        bool converged;
        try
        {
            new NelderMeadSimplex(options.Tolerance, options.MaxIterations).FindMinimum(
                ObjectiveFunction.Value(Objective), Vector<double>.Build.Dense(start), Vector<double>.Build.Dense(free.Count, InitialStep));
            converged = true;
        }
        catch (MaximumIterationsException)
        {
            converged = false;
        }

        Genetics found = With(best);
        double[] after = Evaluate(found);
        return new HeritabilityFitResult(found, [.. free], [.. free.Select((_, i) => Share(i, best[i]))],
            [.. targets.Select((t, i) => new HeritabilityTargetResult(t, before[i], after[i]))], evaluations, converged, clock.Elapsed);
    }

    /// <summary>The ACE a² of <paramref name="target"/>'s trait among same-sex pairs of its sex at its age (NaN if too few pairs).</summary>
    private static double FittedAdditive(TwinPairs data, HeritabilityTarget target)
    {
        TwinPairs pairs = data.Where(r => data.Age[r] == target.Age && data.Sex1[r] == target.Sex && data.Sex2[r] == target.Sex);
        if (pairs.CountOf(Zygosity.Monozygotic) < TwinModels.MinimumPairsPerZygosity || pairs.CountOf(Zygosity.DizygoticSameSex) < TwinModels.MinimumPairsPerZygosity)
        {
            return double.NaN;
        }

        return TwinModels.Fit(pairs, TwinModel.Ace, new TwinFitOptions { Trait = target.Trait, Intervals = false }).Proportion(VarianceComponent.Additive);
    }

    private static Genetics WithAdditive(Genetics genetics, GeneticTrait trait, double additive)
    {
        BySex<VarianceShares> shares = genetics.SharesOf(trait);
        var changed = new BySex<VarianceShares>(shares.Female with { Additive = additive }, shares.Male with { Additive = additive });
        return trait switch
        {
            GeneticTrait.Height => genetics with { Height = changed },
            GeneticTrait.Asmi => genetics with { Asmi = changed },
            GeneticTrait.Grip => genetics with { Grip = changed },
            GeneticTrait.Gait => genetics with { Gait = changed },
            GeneticTrait.LossRate => genetics with { LossRate = changed },
            _ => genetics with { QualityDecline = changed },
        };
    }

    private static void Validate(IReadOnlyList<HeritabilityTarget> targets, IReadOnlyList<GeneticTrait> free, HeritabilityFitOptions options, CohortSpec cohort)
    {
        var v = new ParameterValidator();
        if (targets.Count == 0)
        {
            v.Fail("targets", "[]", "at least one target");
        }

        for (int i = 0; i < targets.Count; i++)
        {
            HeritabilityTarget t = targets[i];
            if (!Simulation.TwinTraits.Contains(t.Trait))
            {
                v.Fail($"targets[{i}].trait", $"\"{t.Trait}\"", $"one of {string.Join(", ", Simulation.TwinTraits)}");
            }

            v.Range($"targets[{i}].additive", t.Additive, 0, 1);
            v.Range($"targets[{i}].age", t.Age, cohort.StartAge, cohort.EndAge);
        }

        if (free.Count == 0 || free.Distinct().Count() != free.Count || free.Any(f => !Enum.IsDefined(f)))
        {
            v.Fail("free", $"[{string.Join(", ", free)}]", $"one or more distinct scores from {string.Join(", ", Enum.GetNames<GeneticTrait>())}");
        }

        // Each zygosity gets a third of the pairs, and a fit needs its minimum of each.
        long minimum = 3 * TwinModels.MinimumPairsPerZygosity;
        if (cohort.Families is { } families && families.Count < minimum)
        {
            v.Fail("options.pairs", families.Count.ToString(CultureInfo.InvariantCulture), $"at least {minimum} pairs");
        }

        v.Range("options.maxIterations", options.MaxIterations, 1, int.MaxValue);
        v.ThrowIfAny();
    }
}
