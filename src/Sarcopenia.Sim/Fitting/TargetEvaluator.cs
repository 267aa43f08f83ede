using System.Globalization;
using System.Text.RegularExpressions;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Fitting;

/// <summary>A value with its standard error, with the error propagated through differences and ratios (first order).</summary>
internal readonly record struct Estimate(double Value, double Se)
{
    // Treating the two as independent overstates the SE of a difference of positively correlated values (the same
    // survivors at two ages), which errs on the side of wider intervals.
    public static Estimate operator -(Estimate a, Estimate b) => new(a.Value - b.Value, Math.Sqrt((a.Se * a.Se) + (b.Se * b.Se)));

    public static Estimate operator /(Estimate a, Estimate b)
    {
        double ratio = a.Value / b.Value;
        return new(ratio, Math.Abs(ratio) * Math.Sqrt(Square(a.Se / a.Value) + Square(b.Se / b.Value)));
    }

    public static Estimate operator *(Estimate a, double factor) => new(a.Value * factor, Math.Abs(a.Se * factor));

    private static double Square(double x) => x * x;
}

/// <summary>The simulated counterpart of a target, or why there is none.</summary>
/// <param name="Value">The simulated value, in the target's unit.</param>
/// <param name="Lower">Lower end of its 95 % Monte Carlo interval.</param>
/// <param name="Upper">Upper end of its 95 % Monte Carlo interval.</param>
/// <param name="AgeFrom">The first age compared.</param>
/// <param name="AgeTo">The last age compared.</param>
/// <param name="Note">How the ages were chosen, when not as published.</param>
/// <param name="NotModelled">Why the model cannot produce the target, or <see langword="null"/>.</param>
internal sealed record SimulatedValue(double Value, double Lower, double Upper, int AgeFrom, int AgeTo, string Note, string? NotModelled)
{
    /// <summary>The Monte Carlo standard error: half the 95 % interval over 1.96.</summary>
    public double Se => (Upper - Lower) / (2 * TargetEvaluator.Z95);

    public static SimulatedValue Missing(string reason, int from = 0, int to = 0, string note = "") => new(double.NaN, double.NaN, double.NaN, from, to, note, reason);
}

/// <summary>
/// Computes a target's simulated value from a result whose cohort matches the target's ancestry. Every value counts
/// the survivors at each age of the band, so it is weighted by the simulated population's own age structure, as a
/// population sample is.
/// </summary>
internal static partial class TargetEvaluator
{
    /// <summary>The normal quantile of a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The first age of a band the source gives no ages for and no mean age: the age from which EWGSOP2 and AWGS 2019
    /// apply their cut-offs to community samples of older people.
    /// </summary>
    public const int DefaultAgeLow = 65;

    /// <summary>Years either side of a published mean age taken as the band when the source gives no range.</summary>
    public const int MeanAgeHalfWidth = 10;

    private const double Percent = 100;

    /// <summary>The definition's stage that a published stage counts at or above, or <see langword="null"/> for a deficit.</summary>
    public static Stage? StageOf(TargetStage stage) => stage switch
    {
        TargetStage.Sarcopenia => Stage.Sarcopenia,
        TargetStage.Severe => Stage.Severe,
        TargetStage.Probable or TargetStage.Possible => Stage.Probable,
        TargetStage.Presarcopenia => Stage.Presarcopenia,
        _ => null,
    };

    /// <summary>The deficit bit a published stage counts, whatever the person's stage, or 0 for a stage.</summary>
    public static int DeficitOf(TargetStage stage) => stage switch
    {
        TargetStage.LowMass => SarcopeniaDefinition.LowMassBit,
        TargetStage.Weakness => SarcopeniaDefinition.LowStrengthBit,
        _ => 0,
    };

    /// <summary>
    /// The ages compared for <paramref name="target"/> in <paramref name="cohort"/>: the published band, an open band
    /// to the cohort's last age, the published mean age ± <see cref="MeanAgeHalfWidth"/> when only that is given, or
    /// <see cref="DefaultAgeLow"/> to the last age; clipped to the simulated ages (the note says how).
    /// </summary>
    public static (int From, int To, string Note)? AgeBand(Target target, CohortSpec cohort, out string? outside)
    {
        outside = null;
        int low;
        int high;
        string note = "";
        if (target.AgeLow is null && target.AgeHigh is null)
        {
            if (MeanAge(target) is double mean)
            {
                int centre = (int)Math.Round(mean, MidpointRounding.AwayFromZero);
                (low, high) = (centre - MeanAgeHalfWidth, centre + MeanAgeHalfWidth);
                note = string.Create(CultureInfo.InvariantCulture, $"no ages given: mean age {mean:0.#} ± {MeanAgeHalfWidth}");
            }
            else
            {
                (low, high) = (DefaultAgeLow, cohort.EndAge);
                note = $"no ages given: default {DefaultAgeLow}+";
            }
        }
        else
        {
            low = target.AgeLow ?? DefaultAgeLow;
            high = target.AgeHigh ?? cohort.EndAge;
        }

        if (high < cohort.StartAge || low > cohort.EndAge)
        {
            outside = $"ages {low}–{high} are outside the simulated ages {cohort.StartAge}–{cohort.EndAge}";
            return null;
        }

        int from = Math.Max(low, cohort.StartAge);
        int to = Math.Min(high, cohort.EndAge);
        if (from != low || to != high)
        {
            string clipped = $"ages {low}–{high} clipped to the simulated {from}–{to}";
            note = note.Length == 0 ? clipped : $"{note}; {clipped}";
        }

        return (from, to, note);
    }

    /// <summary>Computes the simulated value of <paramref name="target"/> from <paramref name="result"/>, whose whole cohort is the target's ancestry group.</summary>
    public static SimulatedValue Evaluate(SimulationResult result, Target target)
    {
        TargetQuantity quantity = TargetQuantity.Find(target.Quantity)
            ?? throw new ArgumentException($"Unknown quantity {target.Quantity}.", nameof(target));
        if (quantity.Kind == QuantityKind.NotModelled)
        {
            return SimulatedValue.Missing(quantity.NotModelledReason);
        }

        if (AgeBand(target, result.Cohort, out string? outside) is not (int from, int to, string note))
        {
            return SimulatedValue.Missing(outside!);
        }

        if (result.Alive(from, to, target.Sex) == 0)
        {
            return SimulatedValue.Missing($"nobody of the simulated cohort is alive at {from}–{to}", from, to, note);
        }

        if (quantity.Kind == QuantityKind.Prevalence)
        {
            return Prevalence(result, target, from, to, note);
        }

        if (quantity.ModelTrait is not Trait trait)
        {
            return SimulatedValue.Missing($"the model has no {quantity.TraitName} trait yet", from, to, note);
        }

        double perModelUnit = quantity.PerModelUnit(target.Unit) ?? 1;
        Estimate? estimate = quantity.Kind switch
        {
            QuantityKind.MassChangeRate when Centile(target.Statistic) is double percent =>
                Centile(result, trait, from, to, Percent - percent, target.Sex) is { } c ? new Estimate(-c.Value, c.Se) : null,
            QuantityKind.MassChangeRate => Mean(result, trait, from, to, target.Sex) * -1,
            QuantityKind.GripChangeRate => RatePerYear(result, trait, from, to, target.Sex),
            QuantityKind.StrengthToMassRatio => RatePerYear(result, trait, from, to, target.Sex) / RatePerYear(result, Trait.Asm, from, to, target.Sex),
            _ => Level(result, trait, target.Statistic, from, to, target.Sex) * perModelUnit,
        };
        if (estimate is not { } e || !double.IsFinite(e.Value))
        {
            return SimulatedValue.Missing(Unavailable(result, quantity, trait, target.Statistic, from, to), from, to, note);
        }

        double half = Z95 * (double.IsFinite(e.Se) ? e.Se : 0);
        return new SimulatedValue(e.Value, e.Value - half, e.Value + half, from, to, note, null);
    }

    /// <summary>The traits a run needs statistics of, and the traits it needs histograms of, to evaluate <paramref name="targets"/>.</summary>
    public static (TraitSet Statistics, TraitSet Histograms) Needs(IEnumerable<Target> targets)
    {
        TraitSet statistics = TraitSet.None;
        TraitSet histograms = TraitSet.None;
        foreach (Target target in targets)
        {
            if (TargetQuantity.Find(target.Quantity) is not { ModelTrait: Trait trait } quantity)
            {
                continue;
            }

            statistics |= Set(trait);
            if (quantity.Kind == QuantityKind.StrengthToMassRatio)
            {
                statistics |= Set(Trait.Asm);
            }

            if (Centile(target.Statistic) is not null)
            {
                histograms |= Set(trait);
            }
        }

        return (statistics, histograms);
    }

    private static TraitSet Set(Trait trait) => (TraitSet)(1 << (int)trait);

    private static SimulatedValue Prevalence(SimulationResult result, Target target, int from, int to, string note)
    {
        TargetStage stage = target.Stage ?? TargetStage.Sarcopenia;
        long alive = result.Alive(from, to, target.Sex);
        long cases = StageOf(stage) is Stage atLeast
            ? result.CasesAtLeast(from, to, target.Sex, atLeast)
            : CountWithDeficit(result, DeficitOf(stage), from, to, target.Sex);

        // The same person is counted once per year of age in the band; years of one life are strongly correlated, so
        // the interval treats the band's people at one age (person-years / years) as the independent draws.
        int years = to - from + 1;
        PrevalenceEstimate interval = PrevalenceEstimate.Wilson((long)Math.Round((double)cases / years), Math.Max(1, (long)Math.Round((double)alive / years)));
        return new SimulatedValue(Percent * cases / alive, Percent * interval.Lower, Percent * interval.Upper, from, to, note, null);
    }

    private static long CountWithDeficit(SimulationResult result, int bit, int from, int to, Sex? sex)
    {
        long count = 0;
        for (int age = from; age <= to; age++)
        {
            for (int combination = 0; combination < SarcopeniaDefinition.Combinations; combination++)
            {
                if ((combination & bit) != 0)
                {
                    count += result.CountWithDeficits(age, combination, sex);
                }
            }
        }

        return count;
    }

    private static Estimate? Level(SimulationResult result, Trait trait, TargetStatistic statistic, int from, int to, Sex? sex)
    {
        if (statistic == TargetStatistic.ChangeOver)
        {
            return MeanAt(result, trait, to, sex) - MeanAt(result, trait, from, sex);
        }

        if (Centile(statistic) is double percent)
        {
            return Centile(result, trait, from, to, percent, sex);
        }

        if (!result.Statistics.Contains(trait))
        {
            return null;
        }

        (long n, double mean, double sd) = Pooled(result, trait, from, to, sex);
        double effective = EffectiveCount(n, from, to);
        return statistic == TargetStatistic.Sd
            ? new Estimate(sd, sd / Math.Sqrt(2 * effective))
            : new Estimate(mean, sd / Math.Sqrt(effective));
    }

    private static Estimate? Mean(SimulationResult result, Trait trait, int from, int to, Sex? sex) =>
        Level(result, trait, TargetStatistic.Mean, from, to, sex);

    /// <summary>The annual change, percent of the band's first mean, from the means at the band's ends: cross-sectional, of survivors.</summary>
    private static Estimate? RatePerYear(SimulationResult result, Trait trait, int from, int to, Sex? sex)
    {
        if (to <= from || !result.Statistics.Contains(trait))
        {
            return null;
        }

        Estimate first = MeanAt(result, trait, from, sex);
        return (MeanAt(result, trait, to, sex) - first) / first * (Percent / (to - from));
    }

    private static Estimate MeanAt(SimulationResult result, Trait trait, int age, Sex? sex)
    {
        TraitSummary summary = result.Summary(trait, age, sex);
        return new Estimate(summary.Mean, summary.Sd / Math.Sqrt(Math.Max(1, summary.Count)));
    }

    private static Estimate? Centile(SimulationResult result, Trait trait, int from, int to, double percent, Sex? sex)
    {
        if (!result.Histograms.Contains(trait))
        {
            return null;
        }

        // The centile's interval comes from the binomial uncertainty of the share below it (the order-statistic interval).
        double effective = EffectiveCount(result.Alive(from, to, sex), from, to);
        double p = percent / Percent;
        double spread = Z95 * Math.Sqrt(p * (1 - p) / effective) * Percent;
        double value = result.Centile(trait, from, to, percent, sex);
        double lower = result.Centile(trait, from, to, Math.Max(0, percent - spread), sex);
        double upper = result.Centile(trait, from, to, Math.Min(Percent, percent + spread), sex);
        return new Estimate(value, (upper - lower) / (2 * Z95));
    }

    /// <summary>Count, mean and SD over a band's person-years: the SD includes the spread of the ages' means.</summary>
    private static (long Count, double Mean, double Sd) Pooled(SimulationResult result, Trait trait, int from, int to, Sex? sex)
    {
        long n = 0;
        double sum = 0;
        double sumSquares = 0;
        for (int age = from; age <= to; age++)
        {
            TraitSummary s = result.Summary(trait, age, sex);
            if (s.Count == 0)
            {
                continue;
            }

            n += s.Count;
            sum += s.Count * s.Mean;
            sumSquares += s.Count * ((s.Sd * s.Sd) + (s.Mean * s.Mean));
        }

        double mean = sum / n;
        return (n, mean, Math.Sqrt(Math.Max(0, (sumSquares / n) - (mean * mean))));
    }

    // A person counts once per year of age in the band, and years of one life are strongly correlated: the people at
    // one age (person-years / years) are the independent draws an interval may assume.
    private static double EffectiveCount(long personYears, int from, int to) => Math.Max(1, (double)personYears / (to - from + 1));

    private static double? Centile(TargetStatistic statistic) => statistic switch
    {
        TargetStatistic.P5 => 5,
        TargetStatistic.P10 => 10,
        TargetStatistic.P25 => 25,
        TargetStatistic.P50 => 50,
        TargetStatistic.P75 => 75,
        TargetStatistic.P90 => 90,
        TargetStatistic.P95 => 95,
        _ => null,
    };

    private static string Unavailable(SimulationResult result, TargetQuantity quantity, Trait trait, TargetStatistic statistic, int from, int to) =>
        Centile(statistic) is not null && !result.Histograms.Contains(trait) ? $"the run accumulated no histogram of {trait}"
        : !result.Statistics.Contains(trait) ? $"the run accumulated no statistics of {trait}"
        : to <= from && quantity.Kind is QuantityKind.GripChangeRate or QuantityKind.StrengthToMassRatio ? "a rate needs a band of at least two ages"
        : $"the simulated {quantity.Name} {statistic} is undefined at {from}–{to} (a zero rate or nobody alive at an end of the band)";

    /// <summary>The mean age a row's population or notes give ("mean age 67", "mean 73"), if any.</summary>
    private static double? MeanAge(Target target)
    {
        foreach (string text in new[] { target.Meta("population"), target.Meta("notes") })
        {
            Match match = MeanAgePattern().Match(text);
            if (match.Success)
            {
                return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bmean(?:\s+age)?\s*[:=]?\s*(\d{2}(?:\.\d+)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MeanAgePattern();
}
