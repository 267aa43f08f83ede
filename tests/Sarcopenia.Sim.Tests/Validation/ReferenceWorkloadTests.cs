using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;
using StandardNormal = MathNet.Numerics.Distributions.Normal;

namespace Sarcopenia.Sim.Tests.Validation;

/// <summary>
/// RW1 (docs/reference-workload.md) run by the engine through <see cref="Presets.ReferenceWorkload"/> against the
/// spec's distributions and against <see cref="Rw1Reference"/>, an independent scalar implementation of the spec.
/// Fixed seeds; every tolerance is <see cref="MonteCarlo.Sigmas"/> standard errors, derived beside the assertion.
/// </summary>
public sealed class ReferenceWorkloadTests
{
    /// <summary>Engine cohort for the trajectory comparison: 50,000 per sex, 7 M person-years.</summary>
    private const int EnginePeople = 100_000;

    /// <summary>Reference cohort: 40,000 per sex.</summary>
    private const int ReferencePerSex = 40_000;

    private static readonly int[] s_ages = [30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 100];

    private static readonly Lazy<SimulationResult> s_engine = new(() =>
        Simulation.Run(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(EnginePeople), 2024));

    /// <summary>The same cohort drawn with Philox4x32-7: the spec accepts any sound generator, and this one must pass too.</summary>
    private static readonly Lazy<SimulationResult> s_engineSevenRounds = new(() =>
        Simulation.Run(Presets.ReferenceWorkload with { PhiloxRounds = 7 }, Presets.ReferenceWorkloadCohort(EnginePeople), 2024));

    private static readonly Lazy<Rw1Reference> s_reference = new(() => Rw1Reference.Run(ReferencePerSex, 7));

    /// <summary>A one-year cohort of 400,000 for the peak distributions (200,000 per sex; 0.4 M person-years).</summary>
    private static readonly Lazy<SimulationResult> s_peak = new(() =>
        Simulation.Run(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(400_000) with { EndAge = 31 }, 99));

    public static IEnumerable<object[]> PeakSpecs =>
    [
        // trait, sex, spec mean, spec SD
        [Trait.Asm, Sex.Female, 17.0, 2.2],
        [Trait.Asm, Sex.Male, 25.5, 3.2],
        [Trait.Grip, Sex.Female, 31.0, 5.0],
        [Trait.Grip, Sex.Male, 49.0, 7.0],
        [Trait.Gait, Sex.Female, 1.35, 0.15],
        [Trait.Gait, Sex.Male, 1.35, 0.15],
        [Trait.Asmi, Sex.Female, 17.0 / (1.62 * 1.62), 2.2 / (1.62 * 1.62)],
        [Trait.Asmi, Sex.Male, 25.5 / (1.75 * 1.75), 3.2 / (1.75 * 1.75)],
    ];

    [Theory]
    [MemberData(nameof(PeakSpecs))]
    public void PeakTraitsAt30_HaveTheSpecsMeanAndSd(Trait trait, Sex sex, double mean, double sd)
    {
        TraitSummary s = s_peak.Value.Summary(trait, 30, sex);
        Assert.Equal(200_000, s.Count);

        // 5 SE: SE(mean) = sd/sqrt(n), e.g. 2.2/sqrt(200,000) = 0.0049 kg; SE(sd) = sd/sqrt(2n) = 0.0035 kg. The
        // fixed-point tables (2⁻¹⁶ sums, 2⁻¹² squares) add bias below 1e-5, far inside.
        Assert.InRange(s.Mean, mean - (MonteCarlo.Sigmas * MonteCarlo.MeanError(sd, s.Count)), mean + (MonteCarlo.Sigmas * MonteCarlo.MeanError(sd, s.Count)));
        Assert.InRange(s.Sd, sd - (MonteCarlo.Sigmas * MonteCarlo.SdError(sd, s.Count)), sd + (MonteCarlo.Sigmas * MonteCarlo.SdError(sd, s.Count)));
    }

    [Fact]
    public void Baseline_HasNoLossAndAlternatingSexes()
    {
        SimulationResult r = s_peak.Value;
        Assert.Equal(0, r.Summary(Trait.LossRate, 30).Mean);
        Assert.Equal(r.Alive(30, Sex.Female), r.Alive(30, Sex.Male));
        Assert.Equal(400_000, r.Alive(31));
    }

    [Fact]
    public void FirstYearLoss_MatchesTheClosedFormOfTheClampedPersonalRate()
    {
        // With the year noise switched off, the loss in the year ending at 31 is the personal rate itself:
        // r = clamp(exp(ln 0.015 + 0.35 z), 0.01, 0.05). Closed forms (μ = ln 0.015, σ = 0.35):
        //   P(r = 0.01) = Φ((ln 0.01 − μ)/σ) = Φ(−1.1585) = 0.1233,  P(r = 0.05) = 1 − Φ((ln 0.05 − μ)/σ) = 0.00029,
        //   E[r] = 0.01·Φ(a) + e^{μ+σ²/2}·[Φ(b − σ) − Φ(a − σ)] + 0.05·(1 − Φ(b)),  a, b the standardized clamps.
        ModelParameters model = Presets.ReferenceWorkload with { MassLoss = Presets.ReferenceWorkload.MassLoss with { YearNoiseSigma = 0 } };
        double mu = Math.Log(0.015), sigma = 0.35;
        double a = (Math.Log(0.01) - mu) / sigma, b = (Math.Log(0.05) - mu) / sigma;
        double pLow = StandardNormal.CDF(0, 1, a);
        double mean = (0.01 * pLow) + (Math.Exp(mu + (sigma * sigma / 2)) * (StandardNormal.CDF(0, 1, b - sigma) - StandardNormal.CDF(0, 1, a - sigma))) + (0.05 * (1 - StandardNormal.CDF(0, 1, b)));

        const int N = 400_000;
        SimulationResult r = Simulation.Run(model, Presets.ReferenceWorkloadCohort(N) with { EndAge = 31 }, 11);
        TraitSummary loss = r.Summary(Trait.LossRate, 31);

        // 5 SE: SE = sd/sqrt(n) with sd ≈ 0.0055 (0.55 %/yr) → 0.0087 %/yr · 5 = 0.0043 %/yr. Loss is reported in %/yr.
        double tolerance = MonteCarlo.Sigmas * MonteCarlo.MeanError(loss.Sd, N);
        Assert.InRange(loss.Mean, (mean * 100) - tolerance, (mean * 100) + tolerance);

        // The clamped share, from replayed lives: exactly 1 %/yr means the lower clamp.
        const int Traced = 10_000;
        CohortSpec cohort = Presets.ReferenceWorkloadCohort(N) with { EndAge = 31 };
        int clamped = Enumerable.Range(0, Traced).Count(id => Simulation.TracePerson(model, cohort, 11, id).Years[1].LossPercent == 1.0);

        // 5 SE: SE = sqrt(p(1−p)/n) = sqrt(0.1233 · 0.8767 / 10,000) = 0.0033.
        double share = (double)clamped / Traced;
        double se = Math.Sqrt(pLow * (1 - pLow) / Traced);
        Assert.InRange(share, pLow - (MonteCarlo.Sigmas * se), pLow + (MonteCarlo.Sigmas * se));
    }

    public static IEnumerable<object[]> AgesSexesAndRounds =>
        from int age in s_ages from Sex sex in new[] { Sex.Female, Sex.Male } from int rounds in new[] { 10, 7 } select new object[] { age, sex, rounds };

    [Theory]
    [MemberData(nameof(AgesSexesAndRounds))]
    public void MeanAsmTrajectory_MatchesTheIndependentReference(int age, Sex sex, int rounds)
    {
        TraitSummary engine = Engine(rounds).Summary(Trait.Asm, age, sex);
        (double mean, double sd) = s_reference.Value.Asm(age, sex);

        // 5 SE of the difference of two independent means: sqrt(sd₁²/n₁ + sd₂²/n₂), about 0.02 kg (women at 30: 2.2 kg
        // over 50,000 and 40,000 people).
        double se = Math.Sqrt((engine.Sd * engine.Sd / engine.Count) + (sd * sd / ReferencePerSex));
        Assert.True(Math.Abs(engine.Mean - mean) <= MonteCarlo.Sigmas * se, $"age {age} {sex}: engine {engine.Mean:F4} kg, reference {mean:F4} kg, 5 SE = {MonteCarlo.Sigmas * se:F4}");

        // The spread too: SE(sd) ≈ sd/sqrt(2n) per sample (the trajectory's ASM is close to normal).
        double sdSe = Math.Sqrt((engine.Sd * engine.Sd / (2.0 * engine.Count)) + (sd * sd / (2.0 * ReferencePerSex)));
        Assert.True(Math.Abs(engine.Sd - sd) <= MonteCarlo.Sigmas * sdSe, $"age {age} {sex}: engine SD {engine.Sd:F4}, reference SD {sd:F4}");
    }

    [Theory]
    [MemberData(nameof(AgesSexesAndRounds))]
    public void StagePrevalence_MatchesTheIndependentReferenceInEveryCell(int age, Sex sex, int rounds)
    {
        SimulationResult r = Engine(rounds);
        long n = r.Alive(age, sex);
        Assert.Equal(EnginePeople / 2, n);
        for (int stage = 0; stage < 4; stage++)
        {
            double engine = r.Prevalence(age, sex, Rw1Reference.Stages[stage]);
            double reference = s_reference.Value.Prevalence(age, sex, stage);

            // 5 SE of the difference of two proportions at the pooled p: sqrt(p(1−p)(1/n₁ + 1/n₂)); at p = 0.3 that is
            // 0.0031 · 5 = 0.015. Where both are zero the check is exact.
            double pooled = ((engine * n) + (reference * ReferencePerSex)) / (n + ReferencePerSex);
            double se = MonteCarlo.ProportionDifferenceError(pooled, n, ReferencePerSex);
            Assert.True(Math.Abs(engine - reference) <= MonteCarlo.Sigmas * se, $"age {age} {sex} stage {Rw1Reference.Stages[stage]}: engine {engine:F4}, reference {reference:F4}, 5 SE = {MonteCarlo.Sigmas * se:F4}");
        }
    }

    [Fact]
    public void Trajectory_IsNotTrivial()
    {
        // Guards the comparisons above against a vacuous pass. A median woman keeps about
        // exp(−(20·0.015 + 20·0.0225 + 30·0.03)) ≈ 0.19 of her peak ASM at 100 (men: exp(−(40·0.015 + 30·0.0225)) ≈ 0.28),
        // and most people are staged by then.
        SimulationResult r = s_engine.Value;
        double kept = r.Summary(Trait.Asm, 100, Sex.Female).Mean / r.Summary(Trait.Asm, 30, Sex.Female).Mean;
        Assert.True(kept is > 0.1 and < 0.35, $"women keep {kept:F3} of peak ASM at 100");
        Assert.True(r.Prevalence(100, Sex.Female, Stage.None) < 0.5);
        Assert.True(r.Prevalence(80, Sex.Male, Stage.Sarcopenia) + r.Prevalence(80, Sex.Male, Stage.Severe) > 0.01);
    }

    private static SimulationResult Engine(int rounds) => rounds == 7 ? s_engineSevenRounds.Value : s_engine.Value;
}
