using System.Numerics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 2b: each person's own loss rate (log-normal around the group's median, clamped), the scale that turns ASM into
/// the definition's mass measure (1/height², 1/BMI with BMI drawn, or 1) and, for women, the age at menopause, from
/// the Personal stream.
/// </summary>
internal sealed class PersonalTraitModule(ModuleContext context) : ChunkModule
{
    /// <summary>Personal base loss rate, fraction of mass per year.</summary>
    public static readonly ColumnKey<float> Rate = new("personal loss rate, fraction per year");

    /// <summary>Turns ASM into the definition's mass measure: 1/height², 1/BMI or 1 (updated by <see cref="HeightLossModule"/> when height is lost).</summary>
    public static readonly ColumnKey<float> MassScale = new("mass measure per kg of ASM");

    /// <summary>Age at menopause, years (+∞ for men).</summary>
    public static readonly ColumnKey<float> MenopauseAge = new("age at menopause, years");

    private readonly RunPlan _plan = context.Plan;
    private readonly CounterRng _rng = context.Rng;
    private readonly uint[] _idLow = context.Columns.Get(ChunkLayout.IdLow);
    private readonly uint[] _idHigh = context.Columns.Get(ChunkLayout.IdHigh);
    private readonly float[] _inverseHeightSquared = context.Columns.Get(PeakTraitModule.InverseHeightSquared);
    private readonly float[] _unused = context.Columns.Get(PersonColumns.Scratch[0]);
    private readonly float[] _rate = context.Columns.Get(Rate);
    private readonly float[] _massScale = context.Columns.Get(MassScale);
    private readonly float[] _menopauseAge = context.Columns.Get(MenopauseAge);

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        GroupPlan gp = _plan.Groups[segment.Group];
        (int start, int length) = (segment.Start, segment.Length);

        // The draws land in the columns they determine and are turned into traits in place.
        _rng.FillNormals(RandomStream.Personal, 0, _idLow.AsSpan(start, length), _idHigh.AsSpan(start, length),
            _rate.AsSpan(start, length), _massScale.AsSpan(start, length), _menopauseAge.AsSpan(start, length), _unused.AsSpan(start, length));

        var one = Vector<float>.One;
        var log2MedianRate = new Vector<float>(gp.Log2MedianRate);
        var personalLog2Sigma = new Vector<float>(gp.PersonalLog2Sigma);
        var minRate = new Vector<float>(gp.MinRate);
        var maxRate = new Vector<float>(gp.MaxRate);
        var menopauseMean = new Vector<float>(gp.Menopause.Mean);
        var menopauseSd = new Vector<float>(gp.Menopause.Sd);
        for (int at = start; at < segment.End; at += Vector<float>.Count)
        {
            Vector<float> rate = FloatMath.Exp2(log2MedianRate + personalLog2Sigma * VectorSpan.Load<float>(_rate, at));
            VectorSpan.Store(Vector.Min(Vector.Max(rate, minRate), maxRate), _rate, at);
            Vector<float> massScale = gp.MassScaleKind switch
            {
                MassMeasure.Asmi => VectorSpan.Load<float>(_inverseHeightSquared, at),
                MassMeasure.AsmPerBmi => one / PositiveTrait.Draw(gp.Bmi, VectorSpan.Load<float>(_massScale, at)),
                _ => one,
            };
            VectorSpan.Store(massScale, _massScale, at);
            VectorSpan.Store(menopauseMean + menopauseSd * VectorSpan.Load<float>(_menopauseAge, at), _menopauseAge, at);
        }
    }
}
