using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Physiology;

/// <summary>The per-person columns of one segment (people of one sex and ancestry) that a year step reads and writes.</summary>
internal ref struct SegmentColumns
{
    /// <summary>Appendicular skeletal muscle mass, kg (updated in place).</summary>
    public Span<float> Asm;

    /// <summary>1 / peak ASM.</summary>
    public ReadOnlySpan<float> InvPeakAsm;

    /// <summary>Peak grip, kg.</summary>
    public ReadOnlySpan<float> PeakGrip;

    /// <summary>Peak gait speed, m/s.</summary>
    public ReadOnlySpan<float> PeakGait;

    /// <summary>Turns ASM into the definition's mass measure (1/height², 1/BMI or 1).</summary>
    public ReadOnlySpan<float> MassScale;

    /// <summary>Personal base loss rate, fraction per year.</summary>
    public ReadOnlySpan<float> Rate;

    /// <summary>Age at menopause (women) or +∞ (men).</summary>
    public ReadOnlySpan<float> MenopauseAge;

    /// <summary>Product of the active mechanisms' loss-rate ratios.</summary>
    public ReadOnlySpan<float> RateMultiplier;

    /// <summary>Product of the active mechanisms' strength ratios.</summary>
    public ReadOnlySpan<float> StrengthMultiplier;

    /// <summary>The person's multiplier of the group's muscle-quality decline (read only with personal quality rates).</summary>
    public ReadOnlySpan<float> QualityRate;

    /// <summary>This year's measurement errors of mass, grip and gait: standard normals (read only when measured).</summary>
    public ReadOnlySpan<float> MassError, GripError, GaitError;

    /// <summary>This year's standard normal noise.</summary>
    public ReadOnlySpan<float> Noise;

    /// <summary>This year's death uniform (read only when mortality is on).</summary>
    public ReadOnlySpan<float> DeathUniform;

    /// <summary>Grip, kg (written).</summary>
    public Span<float> Grip;

    /// <summary>Gait speed, m/s (written).</summary>
    public Span<float> Gait;

    /// <summary>This year's fractional loss (written).</summary>
    public Span<float> Loss;

    /// <summary>−1 while alive, 0 once dead or for padding (updated in place).</summary>
    public Span<int> Alive;

    /// <summary>Deficit combination 0..7 of the living, 8 for the dead (written).</summary>
    public Span<int> Combination;

    /// <summary>−1 if last year's stage counts as sarcopenia for the mortality hazard (updated in place).</summary>
    public Span<int> Sarcopenic;
}

/// <summary>
/// What a year's state step reads of one vector of people besides the state: fixed traits, and this year's terms that
/// depend on draws and traits only (computed before the state pass, <see cref="YearKernel.PersonTerms"/>).
/// </summary>
/// <param name="InvPeakAsm">1 / peak ASM.</param>
/// <param name="PeakGrip">Peak grip, kg.</param>
/// <param name="PeakGait">Peak gait speed, m/s.</param>
/// <param name="MassScale">Turns ASM into the definition's measured mass measure (1/height², 1/BMI or 1, times the device's error).</param>
/// <param name="Quality">Muscle quality this year: the group's, or the person's own with personal quality rates.</param>
/// <param name="GripBound">Strict bound of low grip for the true value (the cut-off less this year's measurement error).</param>
/// <param name="GaitBound">Strict bound of slow gait for the true value (the cut-off less this year's measurement error).</param>
internal readonly record struct PersonVector(
    Vector<float> InvPeakAsm,
    Vector<float> PeakGrip,
    Vector<float> PeakGait,
    Vector<float> MassScale,
    Vector<float> Quality,
    Vector<float> GripBound,
    Vector<float> GaitBound);

/// <summary>The scalars of one year step for one segment.</summary>
internal readonly struct YearScalars
{
    /// <summary>The age reached at the end of the step.</summary>
    public float Age { get; init; }

    /// <summary>1 when mass loss applies this step, 0 otherwise (the baseline row and ages up to the onset).</summary>
    public float Active { get; init; }

    /// <summary>1 + the old-age extra when it applies.</summary>
    public float AccelerationBase { get; init; }

    /// <summary>Extra acceleration past menopause (0 for men).</summary>
    public float MenopauseExtra { get; init; }

    /// <summary>Log-scale SD of the year noise in base 2: σ · log₂e.</summary>
    public float NoiseLog2Sigma { get; init; }

    /// <summary>σ²/2 in base 2, (σ²/2) · log₂e, so that the noise factor has mean one.</summary>
    public float NoiseLog2Bias { get; init; }

    /// <summary>Lower clamp of one year's loss.</summary>
    public float MinLoss { get; init; }

    /// <summary>Upper clamp of one year's loss.</summary>
    public float MaxLoss { get; init; }

    /// <summary>The lower clamp applied: <see cref="MinLoss"/> when active, 0 otherwise.</summary>
    public float LossFloor => Active * MinLoss;

    /// <summary>
    /// The upper clamp applied: <see cref="MaxLoss"/> when active, 0 otherwise, so an inactive year's loss is clamped
    /// to exactly 0 (the unclamped loss is never negative) and needs no separate multiplication by <see cref="Active"/>.
    /// </summary>
    public float LossCeiling => Active * MaxLoss;

    /// <summary>Muscle quality q(age) = exp(−Σλ) for this segment's group.</summary>
    public float Quality { get; init; }

    /// <summary>log₂ q(age): a person with quality-rate multiplier k has quality 2^(k · log₂ q).</summary>
    public float Log2Quality { get; init; }

    /// <summary>Whether quality is personal (each person's multiplier of the group's decline) rather than the group's.</summary>
    public bool PersonalQuality { get; init; }

    /// <summary>Whether staging uses measured values (true values with this year's device errors).</summary>
    public bool Measured { get; init; }

    /// <summary>The mass device's mean measured over true value.</summary>
    public float MassBias { get; init; }

    /// <summary>The mass device's coefficient of variation.</summary>
    public float MassCv { get; init; }

    /// <summary>Grip's standard error of measurement, kg.</summary>
    public float GripSem { get; init; }

    /// <summary>Gait's standard error of measurement, m/s.</summary>
    public float GaitSem { get; init; }

    /// <summary>Gait's strength exponent γ.</summary>
    public float GaitExponent { get; init; }

    /// <summary>exp(−δ · max(0, age − from)).</summary>
    public float GaitAgeFactor { get; init; }

    /// <summary>Strict float bound for low mass.</summary>
    public float MassBound { get; init; }

    /// <summary>Strict float bound for low grip.</summary>
    public float GripBound { get; init; }

    /// <summary>Strict float bound for low gait.</summary>
    public float GaitBound { get; init; }

    /// <summary>Whether anyone can die this step.</summary>
    public bool Mortality { get; init; }

    /// <summary>Whether this step's stage is kept for next year's mortality hazard (from the cohort's start age on, with mortality).</summary>
    public bool TracksStage { get; init; }

    /// <summary>Annual probability of death.</summary>
    public float DeathProbability { get; init; }

    /// <summary>Hazard ratio for people sarcopenic last year.</summary>
    public float HazardRatio { get; init; }

    /// <summary>Bit c set when deficit combination c counts as sarcopenia for mortality.</summary>
    public int SarcopenicCombinations { get; init; }
}

/// <summary><see cref="YearScalars"/> broadcast to vectors, once per run for each group and age row (<c>GroupPlan.Vectors</c>).</summary>
internal readonly struct YearVectors
{
    public YearVectors(in YearScalars p)
    {
        Age = new Vector<float>(p.Age);
        AccelerationBase = new Vector<float>(p.AccelerationBase);
        AccelerationAfterMenopause = new Vector<float>(p.AccelerationBase + p.MenopauseExtra);
        NoiseLog2Sigma = new Vector<float>(p.NoiseLog2Sigma);
        NegatedNoiseLog2Bias = new Vector<float>(-p.NoiseLog2Bias);
        LossFloor = new Vector<float>(p.LossFloor);
        LossCeiling = new Vector<float>(p.LossCeiling);
        Quality = new Vector<float>(p.Quality);
        Log2Quality = new Vector<float>(p.Log2Quality);
        PersonalQuality = p.PersonalQuality;
        Measured = p.Measured;
        MassBias = new Vector<float>(p.MassBias);
        MassCv = new Vector<float>(p.MassCv);
        NegatedGripSem = new Vector<float>(-p.GripSem);
        NegatedGaitSem = new Vector<float>(-p.GaitSem);
        TracksStage = p.TracksStage;
        GaitExponent = new Vector<float>(p.GaitExponent);
        GaitAgeFactor = new Vector<float>(p.GaitAgeFactor);
        MassBound = new Vector<float>(p.MassBound);
        GripBound = new Vector<float>(p.GripBound);
        GaitBound = new Vector<float>(p.GaitBound);
        DeathProbability = new Vector<float>(p.DeathProbability);
        SarcopenicDeathProbability = new Vector<float>(p.DeathProbability * p.HazardRatio);
        Mortality = p.Mortality;
        SarcopenicCombinations = p.SarcopenicCombinations;
    }

    /// <summary>See <see cref="YearScalars.Age"/>.</summary>
    public Vector<float> Age { get; }

    /// <summary>See <see cref="YearScalars.AccelerationBase"/>.</summary>
    public Vector<float> AccelerationBase { get; }

    /// <summary><see cref="YearScalars.AccelerationBase"/> + <see cref="YearScalars.MenopauseExtra"/>: the acceleration past menopause.</summary>
    public Vector<float> AccelerationAfterMenopause { get; }

    /// <summary>See <see cref="YearScalars.NoiseLog2Sigma"/>.</summary>
    public Vector<float> NoiseLog2Sigma { get; }

    /// <summary>−<see cref="YearScalars.NoiseLog2Bias"/> (negated once here rather than in every step).</summary>
    public Vector<float> NegatedNoiseLog2Bias { get; }

    /// <summary>See <see cref="YearScalars.LossFloor"/>.</summary>
    public Vector<float> LossFloor { get; }

    /// <summary>See <see cref="YearScalars.LossCeiling"/>.</summary>
    public Vector<float> LossCeiling { get; }

    /// <summary>See <see cref="YearScalars.Quality"/>.</summary>
    public Vector<float> Quality { get; }

    /// <summary>See <see cref="YearScalars.Log2Quality"/>.</summary>
    public Vector<float> Log2Quality { get; }

    /// <summary>See <see cref="YearScalars.PersonalQuality"/>.</summary>
    public bool PersonalQuality { get; }

    /// <summary>See <see cref="YearScalars.Measured"/>.</summary>
    public bool Measured { get; }

    /// <summary>See <see cref="YearScalars.MassBias"/>.</summary>
    public Vector<float> MassBias { get; }

    /// <summary>See <see cref="YearScalars.MassCv"/>.</summary>
    public Vector<float> MassCv { get; }

    /// <summary>−<see cref="YearScalars.GripSem"/>.</summary>
    public Vector<float> NegatedGripSem { get; }

    /// <summary>−<see cref="YearScalars.GaitSem"/>.</summary>
    public Vector<float> NegatedGaitSem { get; }

    /// <summary>See <see cref="YearScalars.TracksStage"/>.</summary>
    public bool TracksStage { get; }

    /// <summary>See <see cref="YearScalars.GaitExponent"/>.</summary>
    public Vector<float> GaitExponent { get; }

    /// <summary>See <see cref="YearScalars.GaitAgeFactor"/>.</summary>
    public Vector<float> GaitAgeFactor { get; }

    /// <summary>See <see cref="YearScalars.MassBound"/>.</summary>
    public Vector<float> MassBound { get; }

    /// <summary>See <see cref="YearScalars.GripBound"/>.</summary>
    public Vector<float> GripBound { get; }

    /// <summary>See <see cref="YearScalars.GaitBound"/>.</summary>
    public Vector<float> GaitBound { get; }

    /// <summary>See <see cref="YearScalars.DeathProbability"/>.</summary>
    public Vector<float> DeathProbability { get; }

    /// <summary>The death probability times the hazard ratio.</summary>
    public Vector<float> SarcopenicDeathProbability { get; }

    /// <summary>See <see cref="YearScalars.Mortality"/>.</summary>
    public bool Mortality { get; }

    /// <summary>See <see cref="YearScalars.SarcopenicCombinations"/>.</summary>
    public int SarcopenicCombinations { get; }
}

/// <summary>
/// One year of ageing for one segment, in a fixed order:
/// <list type="number">
/// <item>Mortality: a living person dies if <c>u &lt; q · (HR if sarcopenic last year else 1)</c>.</item>
/// <item>Mass loss: <c>loss = clamp(r · m · (base + extra·[age ≥ menopause]) · exp(σe − σ²/2), min, max) · active</c>, the exponential computed as <c>2^(σ·log₂e·e − (σ²/2)·log₂e)</c>; <c>ASM ·= 1 − loss</c> (as <c>ASM − ASM·loss</c>, rounded once).</item>
/// <item>Strength: <c>grip = grip₀ · (ASM/ASM₀) · q · s</c>.</item>
/// <item>Gait: <c>gait = gait₀ · (ASM/ASM₀ · q · s)^γ · ageFactor</c>.</item>
/// <item>Staging: deficits <c>mass·scale &lt; b_m</c>, <c>grip &lt; b_s</c>, <c>gait &lt; b_p</c> as bits 1, 2, 4; 8 for the dead.</item>
/// </list>
/// </summary>
/// <remarks>
/// The vector path and the scalar path (<see cref="StepOne{TGait}"/>) compute the same formulas with the same
/// correctly rounded operations (2^x and log₂ from <see cref="FloatMath"/>, fused multiply-add in the same places), so they agree
/// bit for bit. Every person therefore gets the same numbers wherever they sit in a chunk: results do not depend on
/// chunk size, and a replayed life is bit-identical to the same person in a population run.
/// </remarks>
internal static class YearKernel
{
    private const int DeadCombination = 8;
    private const int LowMassBit = 1;
    private const int LowStrengthBit = 2;
    private const int LowPerformanceBit = 4;

    /// <summary>Advances every person of the segment by one year and returns the number who died.</summary>
    public static int Step<TGait>(scoped ref SegmentColumns c, in YearScalars p)
        where TGait : struct, IGaitLaw
    {
        int n = c.Asm.Length;
        Debug.Assert(c.InvPeakAsm.Length >= n && c.PeakGrip.Length >= n && c.PeakGait.Length >= n && c.MassScale.Length >= n);
        Debug.Assert(c.Rate.Length >= n && c.MenopauseAge.Length >= n && c.RateMultiplier.Length >= n && c.StrengthMultiplier.Length >= n);
        Debug.Assert(c.Noise.Length >= n && c.Grip.Length >= n && c.Gait.Length >= n && c.Loss.Length >= n);
        Debug.Assert(c.Alive.Length >= n && c.Combination.Length >= n && c.Sarcopenic.Length >= n);
        Debug.Assert(!p.Mortality || c.DeathUniform.Length >= n);

        int deaths = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var year = new YearVectors(p);
            Vector<int> deathCount = Vector<int>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> loss = LossVector(
                    year, VectorSpan.Load(c.Rate, i) * VectorSpan.Load(c.RateMultiplier, i), VectorSpan.Load(c.MenopauseAge, i), VectorSpan.Load(c.Noise, i));
                var person = PersonTerms(
                    year,
                    VectorSpan.Load(c.InvPeakAsm, i),
                    VectorSpan.Load(c.PeakGrip, i),
                    VectorSpan.Load(c.PeakGait, i),
                    VectorSpan.Load(c.MassScale, i),
                    p.PersonalQuality ? VectorSpan.Load(c.QualityRate, i) : default,
                    p.Measured ? VectorSpan.Load(c.MassError, i) : default,
                    p.Measured ? VectorSpan.Load(c.GripError, i) : default,
                    p.Measured ? VectorSpan.Load(c.GaitError, i) : default);
                Vector<float> asm = VectorSpan.Load(c.Asm, i);
                Vector<int> alive = VectorSpan.Load(c.Alive, i);
                Vector<int> sarcopenic = VectorSpan.Load(c.Sarcopenic, i);
                Vector<float> deathUniform = p.Mortality ? VectorSpan.Load(c.DeathUniform, i) : Vector<float>.Zero;
                Vector<int> combination = StepVector<TGait>(
                    year, person, loss, deathUniform, VectorSpan.Load(c.StrengthMultiplier, i), scaleStrength: true,
                    ref asm, ref alive, ref sarcopenic, out Vector<int> died, out Vector<float> grip, out Vector<float> gait);
                deathCount -= died;
                VectorSpan.Store(asm, c.Asm, i);
                VectorSpan.Store(alive, c.Alive, i);
                VectorSpan.Store(sarcopenic, c.Sarcopenic, i);
                VectorSpan.Store(loss, c.Loss, i);
                VectorSpan.Store(grip, c.Grip, i);
                VectorSpan.Store(gait, c.Gait, i);
                VectorSpan.Store(combination, c.Combination, i);
            }

            deaths = Vector.Sum(deathCount);
        }

        for (; i < n; i++)
        {
            deaths += StepOne<TGait>(ref c, i, p);
        }

        return deaths;
    }

    /// <summary>
    /// The terms of one vector of people's year that depend on their fixed traits and this year's draws only, not on the
    /// state: quality (the group's, or <c>2^(k · log₂ q)</c> with the person's multiplier <c>k</c>), and with
    /// measurement, the measured mass scale <c>scale · (bias + cv · e₁)</c> and the bounds of low grip and slow gait for
    /// the true values, <c>bound − sem · e</c> (a measured value <c>x + sem · e</c> is below the cut-off exactly when
    /// <c>x</c> is below that).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static PersonVector PersonTerms(
        in YearVectors p,
        Vector<float> invPeakAsm,
        Vector<float> peakGrip,
        Vector<float> peakGait,
        Vector<float> massScale,
        Vector<float> qualityRate,
        Vector<float> massError,
        Vector<float> gripError,
        Vector<float> gaitError)
    {
        Vector<float> quality = p.PersonalQuality ? FloatMath.Exp2(qualityRate * p.Log2Quality) : p.Quality;
        return p.Measured
            ? new PersonVector(invPeakAsm, peakGrip, peakGait, massScale * FloatMath.Fma(p.MassCv, massError, p.MassBias), quality,
                FloatMath.Fma(p.NegatedGripSem, gripError, p.GripBound), FloatMath.Fma(p.NegatedGaitSem, gaitError, p.GaitBound))
            : new PersonVector(invPeakAsm, peakGrip, peakGait, massScale, quality, p.GripBound, p.GaitBound);
    }

    /// <summary>
    /// One year's fractional mass loss for one vector of people:
    /// <c>clamp(r · (base + extra·[age ≥ menopause]) · exp(σe − σ²/2), floor, ceiling)</c>.
    /// </summary>
    /// <remarks>
    /// The loss depends on the year's draws and fixed traits only, never on the state, so the engine computes a block's
    /// losses in a pass of their own before the state pass: the exponential's long dependency chain then no longer
    /// holds up the state pass's out-of-order window.
    /// </remarks>
    /// <param name="p">The year's scalars.</param>
    /// <param name="rate">Personal base loss rate times the active mechanisms' loss-rate ratios.</param>
    /// <param name="menopauseAge">Age at menopause (women) or +∞ (men).</param>
    /// <param name="noise">This year's standard normal noise.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> LossVector(in YearVectors p, Vector<float> rate, Vector<float> menopauseAge, Vector<float> noise)
    {
        // A select between two precomputed sums rather than adding a masked extra: one blend on the comparison's mask
        // (same bits: base + extra is the same float sum either way, and base + 0 is base).
        Vector<float> acceleration = Vector.ConditionalSelect(
            Vector.GreaterThanOrEqual(p.Age, menopauseAge), p.AccelerationAfterMenopause, p.AccelerationBase);
        // |σe − σ²/2| ≤ 3 · 5.77 + 4.5 (σ ≤ 3 is validated, and normals are truncated at 5.77), so the argument in base 2
        // is far inside Exp2Bounded's ±126 and needs no clamp.
        Vector<float> yearFactor = FloatMath.Exp2Bounded(FloatMath.Fma(p.NoiseLog2Sigma, noise, p.NegatedNoiseLog2Bias));
        return Vector.MinNative(Vector.MaxNative(rate * acceleration * yearFactor, p.LossFloor), p.LossCeiling);
    }

    /// <summary>
    /// One year for one vector of people held in registers, once their loss is known (<see cref="LossVector"/>): the
    /// body of <see cref="Step{TGait}"/> and of the engine's state pass.
    /// </summary>
    /// <param name="p">The year's scalars.</param>
    /// <param name="person">The people's fixed traits.</param>
    /// <param name="loss">This year's fractional loss.</param>
    /// <param name="deathUniform">This year's death uniform (read only when <see cref="YearScalars.Mortality"/>).</param>
    /// <param name="strengthMultiplier">Product of the active mechanisms' strength ratios (read only if <paramref name="scaleStrength"/>).</param>
    /// <param name="scaleStrength">
    /// Whether any strength ratio can be in force; without one the multiplication by one is skipped, which gives the same bits.
    /// </param>
    /// <param name="asm">ASM, updated.</param>
    /// <param name="alive">−1 while alive, 0 once dead; updated.</param>
    /// <param name="sarcopenic">−1 if the stage counts as sarcopenia for the mortality hazard; updated only with mortality.</param>
    /// <param name="died">−1 for those who died this year.</param>
    /// <param name="grip">Grip, kg.</param>
    /// <param name="gait">Gait speed, m/s.</param>
    /// <returns>The deficit combination 0..7 of the living, 8 for the dead.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<int> StepVector<TGait>(
        in YearVectors p,
        PersonVector person,
        Vector<float> loss,
        Vector<float> deathUniform,
        Vector<float> strengthMultiplier,
        bool scaleStrength,
        ref Vector<float> asm,
        ref Vector<int> alive,
        ref Vector<int> sarcopenic,
        out Vector<int> died,
        out Vector<float> grip,
        out Vector<float> gait)
        where TGait : struct, IGaitLaw
    {
        // 1. Mortality.
        died = Vector<int>.Zero;
        if (p.Mortality)
        {
            Vector<float> q = Vector.ConditionalSelect(sarcopenic, p.SarcopenicDeathProbability, p.DeathProbability);
            died = alive & Vector.LessThan(deathUniform, q);
            alive = Vector.AndNot(alive, died);
        }

        // 2. Mass loss.
        asm = FloatMath.Fma(-asm, loss, asm);

        // 3. Strength, 4. gait.
        Vector<float> relative = asm * person.InvPeakAsm * person.Quality;
        if (scaleStrength)
        {
            relative *= strengthMultiplier;
        }
        grip = person.PeakGrip * relative;
        gait = person.PeakGait * TGait.Apply(relative, p.GaitExponent) * p.GaitAgeFactor;

        // 5. Staging. Each deficit sets its bit through a select on the comparison, which AVX-512 does as one masked
        // operation on the comparison's mask register.
        Vector<int> combination = Vector.ConditionalSelect(Vector.LessThan(asm * person.MassScale, p.MassBound), new Vector<int>(LowMassBit), Vector<int>.Zero);
        combination = Vector.ConditionalSelect(Vector.LessThan(grip, person.GripBound), combination | new Vector<int>(LowStrengthBit), combination);
        combination = Vector.ConditionalSelect(Vector.LessThan(gait, person.GaitBound), combination | new Vector<int>(LowPerformanceBit), combination);
        combination = Vector.ConditionalSelect(alive, combination, new Vector<int>(DeadCombination));
        if (p.TracksStage)
        {
            sarcopenic = SarcopenicMask(combination, p.SarcopenicCombinations);
        }

        return combination;
    }

    /// <summary>The scalar definition of one person's year step; returns 1 if the person died.</summary>
    public static int StepOne<TGait>(scoped ref SegmentColumns c, int i, in YearScalars p)
        where TGait : struct, IGaitLaw
    {
        bool alive = c.Alive[i] != 0;
        int died = 0;
        if (p.Mortality && alive)
        {
            float q = c.Sarcopenic[i] != 0 ? p.DeathProbability * p.HazardRatio : p.DeathProbability;
            if (c.DeathUniform[i] < q)
            {
                died = 1;
                alive = false;
                c.Alive[i] = 0;
            }
        }

        float acceleration = p.AccelerationBase + (p.Age >= c.MenopauseAge[i] ? p.MenopauseExtra : 0f);
        float loss = c.Rate[i] * c.RateMultiplier[i] * acceleration * FloatMath.Exp2Bounded(FloatMath.Fma(p.NoiseLog2Sigma, c.Noise[i], -p.NoiseLog2Bias));
        loss = MathF.Min(MathF.Max(loss, p.LossFloor), p.LossCeiling);
        float asm = FloatMath.Fma(-c.Asm[i], loss, c.Asm[i]);
        c.Asm[i] = asm;
        c.Loss[i] = loss;

        float quality = p.PersonalQuality ? FloatMath.Exp2(c.QualityRate[i] * p.Log2Quality) : p.Quality;
        float relative = asm * c.InvPeakAsm[i] * quality * c.StrengthMultiplier[i];
        float grip = c.PeakGrip[i] * relative;
        float gait = c.PeakGait[i] * TGait.Apply(relative, p.GaitExponent) * p.GaitAgeFactor;
        c.Grip[i] = grip;
        c.Gait[i] = gait;

        int combination = DeadCombination;
        if (alive)
        {
            (float massScale, float gripBound, float gaitBound) = p.Measured
                ? (c.MassScale[i] * FloatMath.Fma(p.MassCv, c.MassError[i], p.MassBias),
                    FloatMath.Fma(-p.GripSem, c.GripError[i], p.GripBound), FloatMath.Fma(-p.GaitSem, c.GaitError[i], p.GaitBound))
                : (c.MassScale[i], p.GripBound, p.GaitBound);
            combination = (asm * massScale < p.MassBound ? LowMassBit : 0)
                | (grip < gripBound ? LowStrengthBit : 0)
                | (gait < gaitBound ? LowPerformanceBit : 0);
        }

        c.Combination[i] = combination;
        if (p.TracksStage)
        {
            c.Sarcopenic[i] = ((p.SarcopenicCombinations >> combination) & 1) != 0 ? -1 : 0;
        }

        return died;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> SarcopenicMask(Vector<int> combination, int combinations)
    {
        Vector<int> mask = Vector<int>.Zero;
        for (int k = 0; k < DeadCombination; k++)
        {
            if (((combinations >> k) & 1) != 0)
            {
                mask |= Vector.Equals(combination, new Vector<int>(k));
            }
        }

        return mask;
    }
}
