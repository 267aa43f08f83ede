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
/// <remarks>The column keys live here; <see cref="HeightLossModule{TSimd, TF, TI, TU}"/> holds the kernels at one vector width.</remarks>
internal abstract class HeightLossModule : ChunkModule
{
    /// <summary>Height, m: the peak height, then shrinking with age when height loss is on.</summary>
    public static readonly ColumnKey<float> Height = new("height, m");

    private const float MetresPerCentimetre = 0.01f;

    private protected readonly float[] _height;
    private protected readonly float[] _inverseHeightSquared;
    private protected readonly float[] _massScale;
    private protected readonly MassMeasure _massMeasure;

    /// <summary>[group][row]: metres lost in the year that ends at the row's age (0 at the baseline row).</summary>
    private protected readonly float[][] _loss;

    private protected HeightLossModule(ModuleContext context)
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

    private static float[] Schedule(Parameters.HeightLoss heightLoss, Sex sex, RunPlan plan) =>
        [.. Enumerable.Range(0, plan.Rows).Select(row => row == 0 ? 0f : (float)heightLoss.CentimetresPerYear[sex].At(plan.AgeOf(row)) * MetresPerCentimetre)];
}

/// <summary>Height loss at the vector width of <typeparamref name="TSimd"/>.</summary>
/// <typeparam name="TSimd">The width struct.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal sealed class HeightLossModule<TSimd, TF, TI, TU>(ModuleContext context) : HeightLossModule(context)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        // The peak height from the index the peak traits left: 1/height² is kept exactly until a year has a loss.
        TF one = TSimd.Broadcast(1f);
        for (int at = segment.Start; at < segment.End; at += TSimd.Lanes)
        {
            TSimd.Store(TSimd.Divide(one, TSimd.SquareRoot(TSimd.Load(_inverseHeightSquared, at))), _height, at);
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

        TF one = TSimd.Broadcast(1f);
        TF loss = TSimd.Broadcast(metres);
        for (int at = block.Start; at < block.End; at += TSimd.Lanes)
        {
            TF height = BodySize.Shrink<TSimd, TF, TI, TU>(TSimd.Load(_height, at), loss);
            TF inverseHeightSquared = TSimd.Divide(one, TSimd.Multiply(height, height));
            TSimd.Store(height, _height, at);
            TSimd.Store(inverseHeightSquared, _inverseHeightSquared, at);
            if (_massMeasure == MassMeasure.Asmi)
            {
                TSimd.Store(inverseHeightSquared, _massScale, at);
            }
        }
    }
}
