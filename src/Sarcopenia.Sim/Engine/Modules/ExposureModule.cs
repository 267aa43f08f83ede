using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Steps 2c and 3: the review's mechanisms as risk-factor exposures. Each person draws the age at which each active
/// mechanism starts (from its prevalence by age, on the RiskFactors stream); before every year step the products of
/// the loss-rate and strength ratios in force at that age (menopause's strength ratio included) are updated.
/// </summary>
/// <remarks>The column keys live here; <see cref="ExposureModule{TSimd, TF, TI, TU}"/> holds the yearly kernel at one vector width.</remarks>
internal abstract class ExposureModule : ChunkModule
{
    /// <summary>Product of the loss-rate ratios in force.</summary>
    public static readonly ColumnKey<float> RateMultiplier = new("loss-rate multiplier");

    /// <summary>Product of the strength ratios in force.</summary>
    public static readonly ColumnKey<float> StrengthMultiplier = new("strength multiplier");

    private protected readonly RunPlan _plan;
    private readonly CounterRng _rng;
    private readonly uint[] _idLow;
    private readonly uint[] _idHigh;
    private readonly float[][] _uniforms;
    private protected readonly float[] _menopauseAge;
    private protected readonly float[] _rateMultiplier;
    private protected readonly float[] _strengthMultiplier;

    /// <summary>Per active mechanism: the age its exposure starts, +∞ if never (yet).</summary>
    private protected readonly float[][] _onset;

    /// <summary>Per screened mechanism (null for the others): the first age the person may be enrolled, +∞ if never.</summary>
    private readonly float[]?[] _eligibleFrom;

    /// <summary>Everyone's deficit combination at the end of the latest year step (8 for the dead).</summary>
    private readonly int[] _combination;

    /// <summary>
    /// Per active mechanism and sex (female first): the running maximum of its prevalence over the rows. The first row
    /// whose prevalence exceeds a draw is the first whose running maximum does, and the running maximum does not fall,
    /// so that row is found by bisection rather than by a scan of every row.
    /// </summary>
    private readonly float[][][] _prevalenceSoFar;

    private protected ExposureModule(ModuleContext context)
    {
        _plan = context.Plan;
        _rng = context.Rng;
        PersonColumns columns = context.Columns;
        _idLow = columns.Get(ChunkLayout.IdLow);
        _idHigh = columns.Get(ChunkLayout.IdHigh);
        _uniforms = [.. PersonColumns.Scratch.Select(columns.Get)];
        _menopauseAge = columns.Get(PersonalTraitModule.MenopauseAge);
        _rateMultiplier = columns.Get(RateMultiplier);
        _strengthMultiplier = columns.Get(StrengthMultiplier);
        _onset = [.. _plan.Mechanisms.Select(m => columns.Get(new ColumnKey<float>($"onset age of mechanism {m.Index}, years")))];
        _eligibleFrom = [.. _plan.Mechanisms.Select(m => m.Screened ? columns.Get(new ColumnKey<float>($"first age of enrolment in mechanism {m.Index}, years")) : null)];
        _combination = columns.Get(YearStep.Combination);
        _prevalenceSoFar = [.. _plan.Mechanisms.Select(m => new[] { RunningMaximum(m.FemalePrevalence), RunningMaximum(m.MalePrevalence) })];
    }

    /// <inheritdoc/>
    public override bool HasYearWork => _plan.UpdatesMultipliers;

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        (int start, int length) = (segment.Start, segment.Length);
        _rateMultiplier.AsSpan(start, length).Fill(1f);
        _strengthMultiplier.AsSpan(start, length).Fill(1f);

        GroupPlan gp = _plan.Groups[segment.Group];
        MechanismPlan[] mechanisms = _plan.Mechanisms;
        uint filledCounter = uint.MaxValue;
        for (int j = 0; j < mechanisms.Length; j++)
        {
            // Mechanism k of the model draws lane k % 4 of RiskFactors counter k / 4, whatever else is active.
            int k = mechanisms[j].Index;
            uint counter = (uint)(k >> 2);
            if (counter != filledCounter)
            {
                _rng.FillUniforms(RandomStream.RiskFactors, counter, _idLow.AsSpan(start, length), _idHigh.AsSpan(start, length),
                    _uniforms[0].AsSpan(start, length), _uniforms[1].AsSpan(start, length), _uniforms[2].AsSpan(start, length), _uniforms[3].AsSpan(start, length));
                filledCounter = counter;
            }

            float[] u = _uniforms[k & 3];
            float[] prevalenceSoFar = _prevalenceSoFar[j][gp.Sex == Sex.Female ? 0 : 1];
            // A screened mechanism's draw gives the first age its person may be enrolled; the stage decides when they are.
            float[] onset = _eligibleFrom[j] ?? _onset[j];
            if (mechanisms[j].Screened)
            {
                _onset[j].AsSpan(start, length).Fill(float.PositiveInfinity);
            }

            for (int i = start; i < segment.End; i++)
            {
                // The age of the first row whose prevalence exceeds the draw, +∞ if none does.
                int row = FirstRowAbove(prevalenceSoFar, u[i]);
                onset[i] = row < prevalenceSoFar.Length ? _plan.AgeOf(row) : float.PositiveInfinity;
            }
        }
    }

    /// <summary>The first index whose value exceeds <paramref name="x"/> in the non-decreasing <paramref name="values"/>, or their length if none does.</summary>
    internal static int FirstRowAbove(float[] values, float x)
    {
        // Most people are never exposed: one well-predicted test settles them, before a bisection's unpredictable ones.
        if (values.Length == 0 || !(x < values[^1]))
        {
            return values.Length;
        }

        int low = 0;
        int high = values.Length - 1;
        while (low < high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            if (x < values[middle])
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>The running maximum of <paramref name="values"/>, NaNs passed over (a NaN prevalence is exceeded by no draw).</summary>
    internal static float[] RunningMaximum(float[] values)
    {
        var maximum = new float[values.Length];
        float largest = float.NegativeInfinity;
        for (int row = 0; row < values.Length; row++)
        {
            // A comparison, not MathF.Max: a NaN prevalence, which no draw is below, then leaves the maximum as it was.
            largest = values[row] > largest ? values[row] : largest;
            maximum[row] = largest;
        }

        return maximum;
    }

    /// <summary>
    /// Enrols, at the start of the year that ends at <paramref name="age"/>, the people each screened mechanism may enrol
    /// (eligible by their draw, not yet enrolled, at most its last age) whose stage measured at the end of the year before
    /// qualifies. The dead (combination 8) never qualify.
    /// </summary>
    private protected void Screen(Slice block, int age)
    {
        for (int j = 0; j < _plan.Mechanisms.Length; j++)
        {
            MechanismPlan m = _plan.Mechanisms[j];
            if (_eligibleFrom[j] is not float[] eligibleFrom || age > m.LastScreenedAge)
            {
                continue;
            }

            float[] onset = _onset[j];
            for (int i = block.Start; i < block.End; i++)
            {
                if (float.IsPositiveInfinity(onset[i]) && eligibleFrom[i] <= age && ((m.ScreenedCombinations >> _combination[i]) & 1) != 0)
                {
                    onset[i] = age;
                }
            }
        }
    }
}

/// <summary>Steps 2c and 3 at the vector width of <typeparamref name="TSimd"/>.</summary>
/// <typeparam name="TSimd">The width struct.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal sealed class ExposureModule<TSimd, TF, TI, TU>(ModuleContext context) : ExposureModule(context)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    /// <inheritdoc/>
    public override void BeforeYear(Slice block, int row)
    {
        int age = _plan.AgeOf(row);
        if (_plan.ScreensStages)
        {
            Screen(block, age);
        }

        for (int at = block.Start; at < block.End; at += TSimd.Lanes)
        {
            Multipliers(at, age, out TF rate, out TF strength);
            TSimd.Store(rate, _rateMultiplier, at);
            TSimd.Store(strength, _strengthMultiplier, at);
        }
    }

    /// <summary>
    /// The products of the loss-rate and strength ratios in force at <paramref name="age"/> for one vector of people:
    /// menopause (strength), then each active mechanism whose onset has been reached, in the model's order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Multipliers(int at, float age, out TF rate, out TF strength)
    {
        TF a = TSimd.Broadcast(age);
        rate = TSimd.Broadcast(1f);
        strength = TSimd.Broadcast(1f);
        MultiplyWhereReached(ref strength, TSimd.Load(_menopauseAge, at), a, _plan.MenopauseStrengthRatio);
        for (int j = 0; j < _plan.Mechanisms.Length; j++)
        {
            MechanismPlan m = _plan.Mechanisms[j];
            TF onset = TSimd.Load(_onset[j], at);
            if (m.HalvingsPerYear == 0)
            {
                MultiplyWhereReached(ref rate, onset, a, m.LossRateRatio);
                MultiplyWhereReached(ref strength, onset, a, m.StrengthRatio);
            }
            else
            {
                // The share of the effect left, 2^(−(age − onset)/halfLife); lanes not yet exposed (onset +∞) are masked.
                TF left = FloatMath.Exp2<TSimd, TF, TI, TU>(TSimd.Multiply(TSimd.Subtract(onset, a), TSimd.Broadcast(m.HalvingsPerYear)));
                MultiplyWhereReachedWaning(ref rate, onset, a, m.LossRateRatio, left);
                MultiplyWhereReachedWaning(ref strength, onset, a, m.StrengthRatio, left);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void MultiplyWhereReached(ref TF target, TF onset, TF age, float ratio)
        {
            // A neutral ratio cannot change the product, so it is skipped (as a multiplication by one would be exact anyway).
            if (ratio != 1f)
            {
                target = TSimd.Multiply(target, TSimd.ConditionalSelect(TSimd.GreaterThanOrEqual(age, onset), TSimd.Broadcast(ratio), TSimd.Broadcast(1f)));
            }
        }

        // Kept apart from MultiplyWhereReached: 1 + (r − 1)·1 is not always r in single precision, so lasting effects
        // multiply by r itself and keep their bits. Each ISimd operation is a call in IL, which makes this too large for
        // the JIT's inlining heuristics without the attribute.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void MultiplyWhereReachedWaning(ref TF target, TF onset, TF age, float ratio, TF left)
        {
            if (ratio != 1f)
            {
                TF waned = TSimd.Add(TSimd.Broadcast(1f), TSimd.Multiply(TSimd.Broadcast(ratio - 1f), left));
                target = TSimd.Multiply(target, TSimd.ConditionalSelect(TSimd.GreaterThanOrEqual(age, onset), waned, TSimd.Broadcast(1f)));
            }
        }
    }
}
