using System.Numerics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 3 (before the year's staging): height lost with age (<see cref="Parameters.HeightLoss"/>). Each person's height
/// shrinks by the year's loss; where the year has a loss, it updates <see cref="PeakTraitModule.InverseHeightSquared"/>
/// and, where the definition's mass measure is the ASM index (ASM / height²), <see cref="PersonalTraitModule.MassScale"/>
/// with it; BMI follows from the height in <see cref="BodyWeightModule"/>.
/// Has no yearly work unless the model sets <see cref="Parameters.ModelParameters.HeightLoss"/>; the height column is
/// always filled, for the height statistics and for body weight.
/// </summary>
internal sealed class HeightLossModule : ChunkModule
{
    /// <summary>Height, m: the peak height, then shrinking with age when height loss is on.</summary>
    public static readonly ColumnKey<float> Height = new("height, m");

    private const float MetresPerCentimetre = 0.01f;

    private readonly float[] _height;
    private readonly float[] _inverseHeightSquared;
    private readonly float[] _massScale;
    private readonly MassMeasure _massMeasure;

    /// <summary>[group][row]: metres lost in the year that ends at the row's age (0 at the baseline row).</summary>
    private readonly float[][] _loss;

    public HeightLossModule(ModuleContext context)
    {
        RunPlan plan = context.Plan;
        _loss = plan.Model.HeightLoss is { } heightLoss
            ? [.. Enumerable.Range(0, ResultLayout.GroupCount).Select(g => Schedule(heightLoss, ResultLayout.SexOf(g), plan))]
            : [];
        _massMeasure = plan.Model.Definition.MassMeasure;
        _inverseHeightSquared = context.Columns.Get(PeakTraitModule.InverseHeightSquared);
        _massScale = context.Columns.Get(PersonalTraitModule.MassScale);
        _height = context.Columns.Get(Height);
    }

    /// <inheritdoc/>
    public override bool HasYearWork => _loss.Length > 0;

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        // The peak height from the index the peak traits left: 1/height² is kept exactly until a year has a loss.
        for (int at = segment.Start; at < segment.End; at += Vector<float>.Count)
        {
            VectorSpan.Store(Vector<float>.One / Vector.SquareRoot(VectorSpan.Load<float>(_inverseHeightSquared, at)), _height, at);
        }
    }

    /// <inheritdoc/>
    public override void BeforeYear(Slice block, int row)
    {
        float metres = _loss[block.Group][row];
        if (metres == 0)
        {
            return;
        }

        var loss = new Vector<float>(metres);
        for (int at = block.Start; at < block.End; at += Vector<float>.Count)
        {
            Vector<float> height = BodySize.Shrink(VectorSpan.Load<float>(_height, at), loss);
            Vector<float> inverseHeightSquared = Vector<float>.One / (height * height);
            VectorSpan.Store(height, _height, at);
            VectorSpan.Store(inverseHeightSquared, _inverseHeightSquared, at);
            if (_massMeasure == MassMeasure.Asmi)
            {
                VectorSpan.Store(inverseHeightSquared, _massScale, at);
            }
        }
    }

    private static float[] Schedule(Parameters.HeightLoss heightLoss, Sex sex, RunPlan plan) =>
        [.. Enumerable.Range(0, plan.Rows).Select(row => row == 0 ? 0f : (float)heightLoss.CentimetresPerYear[sex].At(plan.AgeOf(row)) * MetresPerCentimetre)];
}
