using System.Numerics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 3 (before the year's staging): height lost with age (<see cref="Parameters.HeightLoss"/>). It shrinks each
/// person's 1 / height² and, where the definition's mass measure depends on height, the mass scale with it: the ASM
/// index is ASM / height², and BMI at an unchanged weight rises as height falls (so ALM / BMI falls).
/// Does nothing unless the model sets <see cref="Parameters.ModelParameters.HeightLoss"/>.
/// </summary>
internal sealed class HeightLossModule : ChunkModule
{
    private const float MetresPerCentimetre = 0.01f;

    private readonly float[] _inverseHeightSquared;
    private readonly float[] _massScale;
    private readonly MassMeasure _massMeasure;

    /// <summary>[group][row]: metres lost in the year that ends at the row's age (0 at the baseline row).</summary>
    private readonly float[][] _loss;

    public HeightLossModule(ModuleContext context)
    {
        RunPlan plan = context.Plan;
        _inverseHeightSquared = context.Columns.Get(PeakTraitModule.InverseHeightSquared);
        _massScale = context.Columns.Get(PersonalTraitModule.MassScale);
        _massMeasure = plan.Model.Definition.MassMeasure;
        _loss = plan.Model.HeightLoss is { } heightLoss
            ? [.. Enumerable.Range(0, ResultLayout.GroupCount).Select(g => Schedule(heightLoss, ResultLayout.SexOf(g), plan))]
            : [];
    }

    /// <inheritdoc/>
    public override bool HasYearWork => _loss.Length > 0;

    /// <inheritdoc/>
    public override void Initialize(Slice segment, int people)
    {
    }

    /// <inheritdoc/>
    public override void BeforeYear(Slice block, int row)
    {
        var loss = new Vector<float>(_loss[block.Group][row]);
        for (int at = block.Start; at < block.End; at += Vector<float>.Count)
        {
            Vector<float> before = VectorSpan.Load<float>(_inverseHeightSquared, at);
            Vector<float> after = BodySize.ShrinkInverseHeightSquared(before, loss);
            VectorSpan.Store(after, _inverseHeightSquared, at);
            switch (_massMeasure)
            {
                case MassMeasure.Asmi:
                    VectorSpan.Store(after, _massScale, at);
                    break;
                case MassMeasure.AsmPerBmi:
                    // 1 / BMI = height² / weight: it shrinks with height² at an unchanged weight.
                    VectorSpan.Store(VectorSpan.Load<float>(_massScale, at) * before / after, _massScale, at);
                    break;
            }
        }
    }

    private static float[] Schedule(Parameters.HeightLoss heightLoss, Sex sex, RunPlan plan) =>
        [.. Enumerable.Range(0, plan.Rows).Select(row => row == 0 ? 0f : (float)heightLoss.CentimetresPerYear[sex].At(plan.Cohort.StartAge + row) * MetresPerCentimetre)];
}
