using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
/// <typeparam name="TF">The vector width's float vector.</typeparam>
internal readonly record struct PersonVector<TF>(
    TF InvPeakAsm,
    TF PeakGrip,
    TF PeakGait,
    TF MassScale,
    TF Quality,
    TF GripBound,
    TF GaitBound);

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

/// <summary>
/// <see cref="YearScalars"/> broadcast to 512-bit vectors, once per run for each group and age row
/// (<c>GroupPlan.Broadcasts</c>); every lane holds the same value, so a narrower width reads the low lanes
/// (<see cref="YearVectors{TSimd, TF, TI, TU}"/>).
/// </summary>
internal readonly struct YearBroadcasts
{
    public YearBroadcasts(in YearScalars p)
    {
        Age = Vector512.Create(p.Age);
        AccelerationBase = Vector512.Create(p.AccelerationBase);
        AccelerationAfterMenopause = Vector512.Create(p.AccelerationBase + p.MenopauseExtra);
        NoiseLog2Sigma = Vector512.Create(p.NoiseLog2Sigma);
        NegatedNoiseLog2Bias = Vector512.Create(-p.NoiseLog2Bias);
        LossFloor = Vector512.Create(p.LossFloor);
        LossCeiling = Vector512.Create(p.LossCeiling);
        Quality = Vector512.Create(p.Quality);
        Log2Quality = Vector512.Create(p.Log2Quality);
        PersonalQuality = p.PersonalQuality;
        Measured = p.Measured;
        MassBias = Vector512.Create(p.MassBias);
        MassCv = Vector512.Create(p.MassCv);
        NegatedGripSem = Vector512.Create(-p.GripSem);
        NegatedGaitSem = Vector512.Create(-p.GaitSem);
        TracksStage = p.TracksStage;
        GaitExponent = Vector512.Create(p.GaitExponent);
        GaitAgeFactor = Vector512.Create(p.GaitAgeFactor);
        MassBound = Vector512.Create(p.MassBound);
        GripBound = Vector512.Create(p.GripBound);
        GaitBound = Vector512.Create(p.GaitBound);
        DeathProbability = Vector512.Create(p.DeathProbability);
        SarcopenicDeathProbability = Vector512.Create(p.DeathProbability * p.HazardRatio);
        Mortality = p.Mortality;
        SarcopenicCombinations = p.SarcopenicCombinations;
    }

    /// <summary>See <see cref="YearScalars.Age"/>.</summary>
    public readonly Vector512<float> Age;

    /// <summary>See <see cref="YearScalars.AccelerationBase"/>.</summary>
    public readonly Vector512<float> AccelerationBase;

    /// <summary><see cref="YearScalars.AccelerationBase"/> + <see cref="YearScalars.MenopauseExtra"/>: the acceleration past menopause.</summary>
    public readonly Vector512<float> AccelerationAfterMenopause;

    /// <summary>See <see cref="YearScalars.NoiseLog2Sigma"/>.</summary>
    public readonly Vector512<float> NoiseLog2Sigma;

    /// <summary>−<see cref="YearScalars.NoiseLog2Bias"/> (negated once here rather than in every step).</summary>
    public readonly Vector512<float> NegatedNoiseLog2Bias;

    /// <summary>See <see cref="YearScalars.LossFloor"/>.</summary>
    public readonly Vector512<float> LossFloor;

    /// <summary>See <see cref="YearScalars.LossCeiling"/>.</summary>
    public readonly Vector512<float> LossCeiling;

    /// <summary>See <see cref="YearScalars.Quality"/>.</summary>
    public readonly Vector512<float> Quality;

    /// <summary>See <see cref="YearScalars.Log2Quality"/>.</summary>
    public readonly Vector512<float> Log2Quality;

    /// <summary>See <see cref="YearScalars.PersonalQuality"/>.</summary>
    public bool PersonalQuality { get; }

    /// <summary>See <see cref="YearScalars.Measured"/>.</summary>
    public bool Measured { get; }

    /// <summary>See <see cref="YearScalars.MassBias"/>.</summary>
    public readonly Vector512<float> MassBias;

    /// <summary>See <see cref="YearScalars.MassCv"/>.</summary>
    public readonly Vector512<float> MassCv;

    /// <summary>−<see cref="YearScalars.GripSem"/>.</summary>
    public readonly Vector512<float> NegatedGripSem;

    /// <summary>−<see cref="YearScalars.GaitSem"/>.</summary>
    public readonly Vector512<float> NegatedGaitSem;

    /// <summary>See <see cref="YearScalars.TracksStage"/>.</summary>
    public bool TracksStage { get; }

    /// <summary>See <see cref="YearScalars.GaitExponent"/>.</summary>
    public readonly Vector512<float> GaitExponent;

    /// <summary>See <see cref="YearScalars.GaitAgeFactor"/>.</summary>
    public readonly Vector512<float> GaitAgeFactor;

    /// <summary>See <see cref="YearScalars.MassBound"/>.</summary>
    public readonly Vector512<float> MassBound;

    /// <summary>See <see cref="YearScalars.GripBound"/>.</summary>
    public readonly Vector512<float> GripBound;

    /// <summary>See <see cref="YearScalars.GaitBound"/>.</summary>
    public readonly Vector512<float> GaitBound;

    /// <summary>See <see cref="YearScalars.DeathProbability"/>.</summary>
    public readonly Vector512<float> DeathProbability;

    /// <summary>The death probability times the hazard ratio.</summary>
    public readonly Vector512<float> SarcopenicDeathProbability;

    /// <summary>See <see cref="YearScalars.Mortality"/>.</summary>
    public bool Mortality { get; }

    /// <summary>See <see cref="YearScalars.SarcopenicCombinations"/>.</summary>
    public int SarcopenicCombinations { get; }
}

/// <summary>
/// The <see cref="YearBroadcasts"/> of one group and age row at the width of <typeparamref name="TSimd"/>: each
/// vector is the low lanes of the stored one, so nothing is broadcast again for each block.
/// </summary>
/// <typeparam name="TSimd">The vector width.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal readonly ref struct YearVectors<TSimd, TF, TI, TU>
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    private readonly ref readonly YearBroadcasts _year;

    /// <summary>A view of <paramref name="year"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public YearVectors(ref readonly YearBroadcasts year) => _year = ref year;

    /// <summary>See <see cref="YearScalars.Age"/>.</summary>
    public TF Age
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.Age);
    }

    /// <summary>See <see cref="YearScalars.AccelerationBase"/>.</summary>
    public TF AccelerationBase
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.AccelerationBase);
    }

    /// <summary><see cref="YearScalars.AccelerationBase"/> + <see cref="YearScalars.MenopauseExtra"/>: the acceleration past menopause.</summary>
    public TF AccelerationAfterMenopause
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.AccelerationAfterMenopause);
    }

    /// <summary>See <see cref="YearScalars.NoiseLog2Sigma"/>.</summary>
    public TF NoiseLog2Sigma
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.NoiseLog2Sigma);
    }

    /// <summary>−<see cref="YearScalars.NoiseLog2Bias"/> (negated once here rather than in every step).</summary>
    public TF NegatedNoiseLog2Bias
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.NegatedNoiseLog2Bias);
    }

    /// <summary>See <see cref="YearScalars.LossFloor"/>.</summary>
    public TF LossFloor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.LossFloor);
    }

    /// <summary>See <see cref="YearScalars.LossCeiling"/>.</summary>
    public TF LossCeiling
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.LossCeiling);
    }

    /// <summary>See <see cref="YearScalars.Quality"/>.</summary>
    public TF Quality
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.Quality);
    }

    /// <summary>See <see cref="YearScalars.Log2Quality"/>.</summary>
    public TF Log2Quality
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.Log2Quality);
    }

    /// <summary>See <see cref="YearScalars.PersonalQuality"/>.</summary>
    public bool PersonalQuality => _year.PersonalQuality;

    /// <summary>See <see cref="YearScalars.Measured"/>.</summary>
    public bool Measured => _year.Measured;

    /// <summary>See <see cref="YearScalars.MassBias"/>.</summary>
    public TF MassBias
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.MassBias);
    }

    /// <summary>See <see cref="YearScalars.MassCv"/>.</summary>
    public TF MassCv
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.MassCv);
    }

    /// <summary>−<see cref="YearScalars.GripSem"/>.</summary>
    public TF NegatedGripSem
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.NegatedGripSem);
    }

    /// <summary>−<see cref="YearScalars.GaitSem"/>.</summary>
    public TF NegatedGaitSem
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.NegatedGaitSem);
    }

    /// <summary>See <see cref="YearScalars.TracksStage"/>.</summary>
    public bool TracksStage => _year.TracksStage;

    /// <summary>See <see cref="YearScalars.GaitExponent"/>.</summary>
    public TF GaitExponent
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.GaitExponent);
    }

    /// <summary>See <see cref="YearScalars.GaitAgeFactor"/>.</summary>
    public TF GaitAgeFactor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.GaitAgeFactor);
    }

    /// <summary>See <see cref="YearScalars.MassBound"/>.</summary>
    public TF MassBound
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.MassBound);
    }

    /// <summary>See <see cref="YearScalars.GripBound"/>.</summary>
    public TF GripBound
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.GripBound);
    }

    /// <summary>See <see cref="YearScalars.GaitBound"/>.</summary>
    public TF GaitBound
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.GaitBound);
    }

    /// <summary>See <see cref="YearScalars.DeathProbability"/>.</summary>
    public TF DeathProbability
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.DeathProbability);
    }

    /// <summary>The death probability times the hazard ratio.</summary>
    public TF SarcopenicDeathProbability
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TSimd.FromWidest(in _year.SarcopenicDeathProbability);
    }

    /// <summary>See <see cref="YearScalars.Mortality"/>.</summary>
    public bool Mortality => _year.Mortality;

    /// <summary>See <see cref="YearScalars.SarcopenicCombinations"/>.</summary>
    public int SarcopenicCombinations => _year.SarcopenicCombinations;
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

    /// <summary>
    /// <see cref="Step{TGait, TSimd, TF, TI, TU}"/> at a width chosen at run time, for tests and benchmarks (the engine
    /// chooses the width once per worker).
    /// </summary>
    /// <param name="bits">128, 256 or 512.</param>
    /// <param name="c">The segment's columns.</param>
    /// <param name="p">The year's scalars.</param>
    public static int Step<TGait>(int bits, SegmentColumns c, in YearScalars p)
        where TGait : struct, IGaitLaw =>
        VectorWidth.Dispatch<StepCall<TGait>, int>(bits, new StepCall<TGait>(c, p));

    /// <summary>Advances every person of the segment by one year and returns the number who died.</summary>
    public static int Step<TGait, TSimd, TF, TI, TU>(scoped ref SegmentColumns c, in YearScalars p)
        where TGait : struct, IGaitLaw
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        int n = c.Asm.Length;
        Debug.Assert(c.InvPeakAsm.Length >= n && c.PeakGrip.Length >= n && c.PeakGait.Length >= n && c.MassScale.Length >= n);
        Debug.Assert(c.Rate.Length >= n && c.MenopauseAge.Length >= n && c.RateMultiplier.Length >= n && c.StrengthMultiplier.Length >= n);
        Debug.Assert(c.Noise.Length >= n && c.Grip.Length >= n && c.Gait.Length >= n && c.Loss.Length >= n);
        Debug.Assert(c.Alive.Length >= n && c.Combination.Length >= n && c.Sarcopenic.Length >= n);
        Debug.Assert(!p.Mortality || c.DeathUniform.Length >= n);

        int deaths = 0;
        int i = 0;
        int width = TSimd.Lanes;
        if (TSimd.IsHardwareAccelerated && n >= width)
        {
            var broadcasts = new YearBroadcasts(p);
            var year = new YearVectors<TSimd, TF, TI, TU>(in broadcasts);
            TI deathCount = TSimd.Broadcast(0);
            for (; i <= n - width; i += width)
            {
                TF loss = LossVector(
                    year, TSimd.Multiply(TSimd.Load(c.Rate, i), TSimd.Load(c.RateMultiplier, i)), TSimd.Load(c.MenopauseAge, i), TSimd.Load(c.Noise, i));
                PersonVector<TF> person = PersonTerms<TSimd, TF, TI, TU>(
                    year,
                    TSimd.Load(c.InvPeakAsm, i),
                    TSimd.Load(c.PeakGrip, i),
                    TSimd.Load(c.PeakGait, i),
                    TSimd.Load(c.MassScale, i),
                    p.PersonalQuality ? TSimd.Load(c.QualityRate, i) : TSimd.Broadcast(0f),
                    p.Measured ? TSimd.Load(c.MassError, i) : TSimd.Broadcast(0f),
                    p.Measured ? TSimd.Load(c.GripError, i) : TSimd.Broadcast(0f),
                    p.Measured ? TSimd.Load(c.GaitError, i) : TSimd.Broadcast(0f));
                TF asm = TSimd.Load(c.Asm, i);
                TI alive = TSimd.Load(c.Alive, i);
                TI sarcopenic = TSimd.Load(c.Sarcopenic, i);
                TF deathUniform = p.Mortality ? TSimd.Load(c.DeathUniform, i) : TSimd.Broadcast(0f);
                TI combination = StepVector<TGait, TSimd, TF, TI, TU>(
                    year, person, loss, deathUniform, TSimd.Load(c.StrengthMultiplier, i), scaleStrength: true,
                    ref asm, ref alive, ref sarcopenic, out TI died, out TF grip, out TF gait);
                deathCount = TSimd.Subtract(deathCount, died);
                TSimd.Store(asm, c.Asm, i);
                TSimd.Store(alive, c.Alive, i);
                TSimd.Store(sarcopenic, c.Sarcopenic, i);
                TSimd.Store(loss, c.Loss, i);
                TSimd.Store(grip, c.Grip, i);
                TSimd.Store(gait, c.Gait, i);
                TSimd.Store(combination, c.Combination, i);
            }

            deaths = TSimd.Sum(deathCount);
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
    internal static PersonVector<TF> PersonTerms<TSimd, TF, TI, TU>(
        scoped in YearVectors<TSimd, TF, TI, TU> p,
        TF invPeakAsm,
        TF peakGrip,
        TF peakGait,
        TF massScale,
        TF qualityRate,
        TF massError,
        TF gripError,
        TF gaitError)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TF quality = p.PersonalQuality ? FloatMath.Exp2<TSimd, TF, TI, TU>(TSimd.Multiply(qualityRate, p.Log2Quality)) : p.Quality;
        return p.Measured
            ? new PersonVector<TF>(invPeakAsm, peakGrip, peakGait, TSimd.Multiply(massScale, TSimd.FusedMultiplyAdd(p.MassCv, massError, p.MassBias)), quality,
                TSimd.FusedMultiplyAdd(p.NegatedGripSem, gripError, p.GripBound), TSimd.FusedMultiplyAdd(p.NegatedGaitSem, gaitError, p.GaitBound))
            : new PersonVector<TF>(invPeakAsm, peakGrip, peakGait, massScale, quality, p.GripBound, p.GaitBound);
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
    internal static TF LossVector<TSimd, TF, TI, TU>(scoped in YearVectors<TSimd, TF, TI, TU> p, TF rate, TF menopauseAge, TF noise)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        // A select between two precomputed sums rather than adding a masked extra: one blend on the comparison's mask
        // (same bits: base + extra is the same float sum either way, and base + 0 is base).
        TF acceleration = TSimd.ConditionalSelect(
            TSimd.GreaterThanOrEqual(p.Age, menopauseAge), p.AccelerationAfterMenopause, p.AccelerationBase);
        // |σe − σ²/2| ≤ 3 · 5.77 + 4.5 (σ ≤ 3 is validated, and normals are truncated at 5.77), so the argument in base 2
        // is far inside Exp2Bounded's ±126 and needs no clamp.
        TF yearFactor = FloatMath.Exp2Bounded<TSimd, TF, TI, TU>(TSimd.FusedMultiplyAdd(p.NoiseLog2Sigma, noise, p.NegatedNoiseLog2Bias));
        return TSimd.MinNative(TSimd.MaxNative(TSimd.Multiply(TSimd.Multiply(rate, acceleration), yearFactor), p.LossFloor), p.LossCeiling);
    }

    /// <summary>
    /// One year for one vector of people held in registers, once their loss is known (<see cref="LossVector"/>): the
    /// body of <see cref="Step{TGait, TSimd, TF, TI, TU}"/> and of the engine's state pass.
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
    internal static TI StepVector<TGait, TSimd, TF, TI, TU>(
        scoped in YearVectors<TSimd, TF, TI, TU> p,
        PersonVector<TF> person,
        TF loss,
        TF deathUniform,
        TF strengthMultiplier,
        bool scaleStrength,
        ref TF asm,
        ref TI alive,
        ref TI sarcopenic,
        out TI died,
        out TF grip,
        out TF gait)
        where TGait : struct, IGaitLaw
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        // 1. Mortality.
        died = TSimd.Broadcast(0);
        if (p.Mortality)
        {
            TF q = TSimd.ConditionalSelect(sarcopenic, p.SarcopenicDeathProbability, p.DeathProbability);
            died = TSimd.And(alive, TSimd.LessThan(deathUniform, q));
            alive = TSimd.AndNot(alive, died);
        }

        // 2. Mass loss.
        asm = TSimd.FusedMultiplyAdd(TSimd.Negate(asm), loss, asm);

        // 3. Strength, 4. gait.
        TF relative = TSimd.Multiply(TSimd.Multiply(asm, person.InvPeakAsm), person.Quality);
        if (scaleStrength)
        {
            relative = TSimd.Multiply(relative, strengthMultiplier);
        }

        grip = TSimd.Multiply(person.PeakGrip, relative);
        gait = TSimd.Multiply(TSimd.Multiply(person.PeakGait, TGait.Apply<TSimd, TF, TI, TU>(relative, p.GaitExponent)), p.GaitAgeFactor);

        // 5. Staging. Each deficit sets its bit through a select on the comparison, which AVX-512 does as one masked
        // operation on the comparison's mask register.
        TI combination = TSimd.ConditionalSelect(TSimd.LessThan(TSimd.Multiply(asm, person.MassScale), p.MassBound), TSimd.Broadcast(LowMassBit), TSimd.Broadcast(0));
        combination = TSimd.ConditionalSelect(TSimd.LessThan(grip, person.GripBound), TSimd.Or(combination, TSimd.Broadcast(LowStrengthBit)), combination);
        combination = TSimd.ConditionalSelect(TSimd.LessThan(gait, person.GaitBound), TSimd.Or(combination, TSimd.Broadcast(LowPerformanceBit)), combination);
        combination = TSimd.ConditionalSelect(alive, combination, TSimd.Broadcast(DeadCombination));
        if (p.TracksStage)
        {
            sarcopenic = SarcopenicMask<TSimd, TF, TI, TU>(combination, p.SarcopenicCombinations);
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
    private static TI SarcopenicMask<TSimd, TF, TI, TU>(TI combination, int combinations)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TI mask = TSimd.Broadcast(0);
        for (int k = 0; k < DeadCombination; k++)
        {
            if (((combinations >> k) & 1) != 0)
            {
                mask = TSimd.Or(mask, TSimd.EqualTo(combination, TSimd.Broadcast(k)));
            }
        }

        return mask;
    }

    private readonly ref struct StepCall<TGait>(SegmentColumns columns, YearScalars scalars) : IWidthGeneric<int>
        where TGait : struct, IGaitLaw
    {
        private readonly SegmentColumns _columns = columns;

        public int Invoke<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
        {
            SegmentColumns c = _columns;
            return Step<TGait, TSimd, TF, TI, TU>(ref c, scalars);
        }
    }
}
