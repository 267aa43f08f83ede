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

    /// <summary>Log-scale SD of the year noise.</summary>
    public float NoiseSigma { get; init; }

    /// <summary>σ²/2, so that the noise factor has mean one.</summary>
    public float NoiseBias { get; init; }

    /// <summary>Lower clamp of one year's loss.</summary>
    public float MinLoss { get; init; }

    /// <summary>Upper clamp of one year's loss.</summary>
    public float MaxLoss { get; init; }

    /// <summary>Muscle quality q(age) = exp(−Σλ) for this segment's group.</summary>
    public float Quality { get; init; }

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

    /// <summary>Annual probability of death.</summary>
    public float DeathProbability { get; init; }

    /// <summary>Hazard ratio for people sarcopenic last year.</summary>
    public float HazardRatio { get; init; }

    /// <summary>Bit c set when deficit combination c counts as sarcopenia for mortality.</summary>
    public int SarcopenicCombinations { get; init; }
}

/// <summary>
/// One year of ageing for one segment, in a fixed order:
/// <list type="number">
/// <item>Mortality: a living person dies if <c>u &lt; q · (HR if sarcopenic last year else 1)</c>.</item>
/// <item>Mass loss: <c>loss = clamp(r · m · (base + extra·[age ≥ menopause]) · exp(σe − σ²/2), min, max) · active</c>; <c>ASM ·= 1 − loss</c>.</item>
/// <item>Strength: <c>grip = grip₀ · (ASM/ASM₀) · q · s</c>.</item>
/// <item>Gait: <c>gait = gait₀ · (ASM/ASM₀ · q · s)^γ · ageFactor</c>.</item>
/// <item>Staging: deficits <c>mass·scale &lt; b_m</c>, <c>grip &lt; b_s</c>, <c>gait &lt; b_p</c> as bits 1, 2, 4; 8 for the dead.</item>
/// </list>
/// </summary>
/// <remarks>
/// The vector path and the scalar path (<see cref="StepOne{TGait}"/>) compute the same formulas with the same
/// correctly rounded operations (exp and ln from <see cref="FloatMath"/>, never fused multiply-add), so they agree
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
            var age = new Vector<float>(p.Age);
            var active = new Vector<float>(p.Active);
            var accBase = new Vector<float>(p.AccelerationBase);
            var menopauseExtra = new Vector<float>(p.MenopauseExtra);
            var sigma = new Vector<float>(p.NoiseSigma);
            var bias = new Vector<float>(p.NoiseBias);
            var minLoss = new Vector<float>(p.MinLoss);
            var maxLoss = new Vector<float>(p.MaxLoss);
            var quality = new Vector<float>(p.Quality);
            var gamma = new Vector<float>(p.GaitExponent);
            var gaitAge = new Vector<float>(p.GaitAgeFactor);
            var massBound = new Vector<float>(p.MassBound);
            var gripBound = new Vector<float>(p.GripBound);
            var gaitBound = new Vector<float>(p.GaitBound);
            var deathQ = new Vector<float>(p.DeathProbability);
            var deathQSarcopenic = new Vector<float>(p.DeathProbability * p.HazardRatio);
            var massBit = new Vector<int>(LowMassBit);
            var strengthBit = new Vector<int>(LowStrengthBit);
            var performanceBit = new Vector<int>(LowPerformanceBit);
            var dead = new Vector<int>(DeadCombination);
            Vector<int> deathCount = Vector<int>.Zero;

            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var alive = VectorSpan.Load(c.Alive, i);

                // 1. Mortality.
                if (p.Mortality)
                {
                    Vector<float> q = Vector.ConditionalSelect(VectorSpan.Load(c.Sarcopenic, i), deathQSarcopenic, deathQ);
                    Vector<int> dies = alive & Vector.LessThan(VectorSpan.Load(c.DeathUniform, i), q);
                    deathCount -= dies;
                    alive = Vector.AndNot(alive, dies);
                    VectorSpan.Store(alive, c.Alive, i);
                }

                // 2. Mass loss.
                Vector<float> acceleration = accBase + (menopauseExtra & Vector.AsVectorSingle(Vector.GreaterThanOrEqual(age, VectorSpan.Load(c.MenopauseAge, i))));
                Vector<float> yearFactor = FloatMath.Exp(sigma * VectorSpan.Load(c.Noise, i) - bias);
                Vector<float> loss = VectorSpan.Load(c.Rate, i) * VectorSpan.Load(c.RateMultiplier, i) * acceleration * yearFactor;
                loss = Vector.MinNative(Vector.MaxNative(loss, minLoss), maxLoss) * active;
                Vector<float> asm = VectorSpan.Load(c.Asm, i) * (Vector<float>.One - loss);
                VectorSpan.Store(asm, c.Asm, i);
                VectorSpan.Store(loss, c.Loss, i);

                // 3. Strength, 4. gait.
                Vector<float> relative = asm * VectorSpan.Load(c.InvPeakAsm, i) * quality * VectorSpan.Load(c.StrengthMultiplier, i);
                Vector<float> grip = VectorSpan.Load(c.PeakGrip, i) * relative;
                Vector<float> gait = VectorSpan.Load(c.PeakGait, i) * TGait.Apply(relative, gamma) * gaitAge;
                VectorSpan.Store(grip, c.Grip, i);
                VectorSpan.Store(gait, c.Gait, i);

                // 5. Staging.
                Vector<int> combination =
                    (Vector.LessThan(asm * VectorSpan.Load(c.MassScale, i), massBound) & massBit)
                    | (Vector.LessThan(grip, gripBound) & strengthBit)
                    | (Vector.LessThan(gait, gaitBound) & performanceBit);
                combination = Vector.ConditionalSelect(alive, combination, dead);
                VectorSpan.Store(combination, c.Combination, i);
                if (p.Mortality)
                {
                    VectorSpan.Store(SarcopenicMask(combination, p.SarcopenicCombinations), c.Sarcopenic, i);
                }
            }

            deaths = Vector.Sum(deathCount);
        }

        for (; i < n; i++)
        {
            deaths += StepOne<TGait>(ref c, i, p);
        }

        return deaths;
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
        float loss = c.Rate[i] * c.RateMultiplier[i] * acceleration * FloatMath.Exp(p.NoiseSigma * c.Noise[i] - p.NoiseBias);
        loss = MathF.Min(MathF.Max(loss, p.MinLoss), p.MaxLoss) * p.Active;
        float asm = c.Asm[i] * (1f - loss);
        c.Asm[i] = asm;
        c.Loss[i] = loss;

        float relative = asm * c.InvPeakAsm[i] * p.Quality * c.StrengthMultiplier[i];
        float grip = c.PeakGrip[i] * relative;
        float gait = c.PeakGait[i] * TGait.Apply(relative, p.GaitExponent) * p.GaitAgeFactor;
        c.Grip[i] = grip;
        c.Gait[i] = gait;

        int combination = DeadCombination;
        if (alive)
        {
            combination = (asm * c.MassScale[i] < p.MassBound ? LowMassBit : 0)
                | (grip < p.GripBound ? LowStrengthBit : 0)
                | (gait < p.GaitBound ? LowPerformanceBit : 0);
        }

        c.Combination[i] = combination;
        if (p.Mortality)
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
