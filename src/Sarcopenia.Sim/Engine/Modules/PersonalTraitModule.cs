using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 2b: each person's own loss rate (log-normal around the group's median, clamped), their peak BMI (correlated with
/// their peak ASM index), the scale that turns ASM into the definition's mass measure (1/height², 1/BMI or 1), their
/// multiplier of the group's muscle-quality decline (log-normal with median one, correlated with the loss rate) and, for
/// women, the age at menopause, from the Personal stream.
/// </summary>
/// <remarks>The column keys live here; <see cref="PersonalTraitModule{TSimd, TF, TI, TU}"/> holds the kernel at one vector width.</remarks>
internal abstract class PersonalTraitModule(ModuleContext context) : ChunkModule
{
    private readonly ModuleContext _context = context;

    /// <summary>Personal base loss rate, fraction of mass per year.</summary>
    public static readonly ColumnKey<float> Rate = new("personal loss rate, fraction per year");

    /// <summary>Turns ASM into the definition's mass measure: 1/height², 1/BMI or 1 (updated by <see cref="HeightLossModule"/> when height is lost).</summary>
    public static readonly ColumnKey<float> MassScale = new("mass measure per kg of ASM");

    /// <summary>Age at menopause, years (+∞ for men).</summary>
    public static readonly ColumnKey<float> MenopauseAge = new("age at menopause, years");

    /// <summary>Body-mass index at the peak, kg/m².</summary>
    public static readonly ColumnKey<float> PeakBmi = new("peak BMI, kg/m²");

    /// <summary>The person's multiplier k of the group's muscle-quality decline (quality is q^k).</summary>
    public static readonly ColumnKey<float> QualityRate = new("quality-decline multiplier");

    private readonly RunPlan _plan = context.Plan;
    private readonly CounterRng _rng = context.Rng;
    private readonly uint[] _idLow = context.Columns.Get(ChunkLayout.IdLow);
    private readonly uint[] _idHigh = context.Columns.Get(ChunkLayout.IdHigh);
    private protected readonly float[] _inverseHeightSquared = context.Columns.Get(PeakTraitModule.InverseHeightSquared);
    private protected readonly float[] _asmiScore = context.Columns.Get(PeakTraitModule.AsmiScore);
    private protected readonly float[] _rate = context.Columns.Get(Rate);
    private protected readonly float[] _massScale = context.Columns.Get(MassScale);
    private protected readonly float[] _menopauseAge = context.Columns.Get(MenopauseAge);
    private protected readonly float[] _peakBmi = context.Columns.Get(PeakBmi);
    private protected readonly float[] _qualityRate = context.Columns.Get(QualityRate);

    /// <inheritdoc/>
    public sealed override void Initialize(Slice segment)
    {
        (int start, int length) = (segment.Start, segment.Length);

        // The draws land in the columns they determine and are turned into traits in place.
        _rng.FillNormals(RandomStream.Personal, 0, _idLow.AsSpan(start, length), _idHigh.AsSpan(start, length),
            _rate.AsSpan(start, length), _peakBmi.AsSpan(start, length), _menopauseAge.AsSpan(start, length), _qualityRate.AsSpan(start, length));
        FamilyModule.UseScores(_context, segment, GeneticTrait.LossRate, _rate);
        FamilyModule.UseScores(_context, segment, GeneticTrait.QualityDecline, _qualityRate);
        Traits(segment, _plan.Groups[segment.Group]);
    }

    /// <summary>Turns the normal scores in the columns of <paramref name="segment"/>'s people (group plan <paramref name="gp"/>) into their traits, in place.</summary>
    private protected abstract void Traits(Slice segment, GroupPlan gp);
}

/// <summary>Step 2b at the vector width of <typeparamref name="TSimd"/>.</summary>
/// <typeparam name="TSimd">The width struct.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal sealed class PersonalTraitModule<TSimd, TF, TI, TU>(ModuleContext context) : PersonalTraitModule(context)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    /// <inheritdoc/>
    private protected override void Traits(Slice segment, GroupPlan gp)
    {
        TF one = TSimd.Broadcast(1f);
        TF log2MedianRate = TSimd.Broadcast(gp.Log2MedianRate);
        TF personalLog2Sigma = TSimd.Broadcast(gp.PersonalLog2Sigma);
        TF minRate = TSimd.Broadcast(gp.MinRate);
        TF maxRate = TSimd.Broadcast(gp.MaxRate);
        TF menopauseMean = TSimd.Broadcast(gp.Menopause.Mean);
        TF menopauseSd = TSimd.Broadcast(gp.Menopause.Sd);
        TF bmiCorrelation = TSimd.Broadcast(gp.BmiAsmiCorrelation);
        TF bmiResidual = TSimd.Broadcast(gp.BmiAsmiResidual);
        TF qualityLog2Sigma = TSimd.Broadcast(gp.QualityLog2Sigma);
        TF qualityCorrelation = TSimd.Broadcast(gp.QualityRateCorrelation);
        TF qualityResidual = TSimd.Broadcast(gp.QualityRateResidual);
        for (int at = segment.Start; at < segment.End; at += TSimd.Lanes)
        {
            TF zRate = TSimd.Load(_rate, at);
            TF rate = FloatMath.Exp2<TSimd, TF, TI, TU>(TSimd.Add(log2MedianRate, TSimd.Multiply(personalLog2Sigma, zRate)));
            TSimd.Store(TSimd.Min(TSimd.Max(rate, minRate), maxRate), _rate, at);

            // Without a correlation the score is the draw itself (0 · z + 1 · z′ = z′ exactly).
            TF zBmi = TSimd.Add(TSimd.Multiply(bmiCorrelation, TSimd.Load(_asmiScore, at)), TSimd.Multiply(bmiResidual, TSimd.Load(_peakBmi, at)));
            TF bmi = PositiveTrait.Draw<TSimd, TF, TI, TU>(gp.Bmi, zBmi);
            TSimd.Store(bmi, _peakBmi, at);
            TF massScale = gp.MassScaleKind switch
            {
                MassMeasure.Asmi => TSimd.Load(_inverseHeightSquared, at),
                MassMeasure.AsmPerBmi => TSimd.Divide(one, bmi),
                _ => one,
            };
            TSimd.Store(massScale, _massScale, at);
            TSimd.Store(TSimd.Add(menopauseMean, TSimd.Multiply(menopauseSd, TSimd.Load(_menopauseAge, at))), _menopauseAge, at);

            TF zQuality = TSimd.Add(TSimd.Multiply(qualityCorrelation, zRate), TSimd.Multiply(qualityResidual, TSimd.Load(_qualityRate, at)));
            TSimd.Store(FloatMath.Exp2<TSimd, TF, TI, TU>(TSimd.Multiply(qualityLog2Sigma, zQuality)), _qualityRate, at);
        }
    }
}
