using System.Numerics;
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
internal sealed class PersonalTraitModule(ModuleContext context) : ChunkModule
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
    private readonly float[] _inverseHeightSquared = context.Columns.Get(PeakTraitModule.InverseHeightSquared);
    private readonly float[] _asmiScore = context.Columns.Get(PeakTraitModule.AsmiScore);
    private readonly float[] _rate = context.Columns.Get(Rate);
    private readonly float[] _massScale = context.Columns.Get(MassScale);
    private readonly float[] _menopauseAge = context.Columns.Get(MenopauseAge);
    private readonly float[] _peakBmi = context.Columns.Get(PeakBmi);
    private readonly float[] _qualityRate = context.Columns.Get(QualityRate);

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        GroupPlan gp = _plan.Groups[segment.Group];
        (int start, int length) = (segment.Start, segment.Length);

        // The draws land in the columns they determine and are turned into traits in place.
        _rng.FillNormals(RandomStream.Personal, 0, _idLow.AsSpan(start, length), _idHigh.AsSpan(start, length),
            _rate.AsSpan(start, length), _peakBmi.AsSpan(start, length), _menopauseAge.AsSpan(start, length), _qualityRate.AsSpan(start, length));
        FamilyModule.UseScores(_context, segment, GeneticTrait.LossRate, _rate);
        FamilyModule.UseScores(_context, segment, GeneticTrait.QualityDecline, _qualityRate);

        var one = Vector<float>.One;
        var log2MedianRate = new Vector<float>(gp.Log2MedianRate);
        var personalLog2Sigma = new Vector<float>(gp.PersonalLog2Sigma);
        var minRate = new Vector<float>(gp.MinRate);
        var maxRate = new Vector<float>(gp.MaxRate);
        var menopauseMean = new Vector<float>(gp.Menopause.Mean);
        var menopauseSd = new Vector<float>(gp.Menopause.Sd);
        var bmiCorrelation = new Vector<float>(gp.BmiAsmiCorrelation);
        var bmiResidual = new Vector<float>(gp.BmiAsmiResidual);
        var qualityLog2Sigma = new Vector<float>(gp.QualityLog2Sigma);
        var qualityCorrelation = new Vector<float>(gp.QualityRateCorrelation);
        var qualityResidual = new Vector<float>(gp.QualityRateResidual);
        for (int at = start; at < segment.End; at += Vector<float>.Count)
        {
            Vector<float> zRate = VectorSpan.Load<float>(_rate, at);
            Vector<float> rate = FloatMath.Exp2(log2MedianRate + personalLog2Sigma * zRate);
            VectorSpan.Store(Vector.Min(Vector.Max(rate, minRate), maxRate), _rate, at);

            // Without a correlation the score is the draw itself (0 · z + 1 · z′ = z′ exactly).
            Vector<float> bmi = PositiveTrait.Draw(gp.Bmi, bmiCorrelation * VectorSpan.Load<float>(_asmiScore, at) + bmiResidual * VectorSpan.Load<float>(_peakBmi, at));
            VectorSpan.Store(bmi, _peakBmi, at);
            Vector<float> massScale = gp.MassScaleKind switch
            {
                MassMeasure.Asmi => VectorSpan.Load<float>(_inverseHeightSquared, at),
                MassMeasure.AsmPerBmi => one / bmi,
                _ => one,
            };
            VectorSpan.Store(massScale, _massScale, at);
            VectorSpan.Store(menopauseMean + menopauseSd * VectorSpan.Load<float>(_menopauseAge, at), _menopauseAge, at);

            Vector<float> zQuality = qualityCorrelation * zRate + qualityResidual * VectorSpan.Load<float>(_qualityRate, at);
            VectorSpan.Store(FloatMath.Exp2(qualityLog2Sigma * zQuality), _qualityRate, at);
        }
    }
}
