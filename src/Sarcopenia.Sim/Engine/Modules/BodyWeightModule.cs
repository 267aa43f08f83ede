using System.Numerics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 3 (after height, before the year's staging): body weight and BMI (<see cref="Parameters.BodyWeight"/>). Weight
/// starts at peak BMI × peak height²; with body weight on, each year it becomes
/// <c>peak weight · R(age) + κ · (ASM − peak ASM)</c> and BMI is weight over the current height², which updates
/// <see cref="PersonalTraitModule.MassScale"/> when the definition's mass measure is ALM/BMI. Without it weight stays
/// the peak's, and BMI changes only with height.
/// </summary>
internal sealed class BodyWeightModule : ChunkModule
{
    /// <summary>Body weight, kg.</summary>
    public static readonly ColumnKey<float> Weight = new("body weight, kg");

    /// <summary>1 / BMI, m²/kg: ASM times this is ALM/BMI.</summary>
    public static readonly ColumnKey<float> InverseBmi = new("1 / BMI, m²/kg");

    private static readonly ColumnKey<float> s_peakWeight = new("peak body weight, kg");

    private readonly float[] _weight;
    private readonly float[] _inverseBmi;
    private readonly float[] _peakWeight;
    private readonly float[] _peakBmi;
    private readonly float[] _asm;
    private readonly float[] _inversePeakAsm;
    private readonly float[] _inverseHeightSquared;
    private readonly float[] _massScale;
    private readonly MassMeasure _massMeasure;
    private readonly bool _heightChanges;
    private readonly float _kgPerKgAsm;

    /// <summary>[group][row]: R(age), weight apart from lean change relative to the peak; empty without body weight.</summary>
    private readonly float[][] _relative;

    public BodyWeightModule(ModuleContext context)
    {
        RunPlan plan = context.Plan;
        PersonColumns columns = context.Columns;
        _weight = columns.Get(Weight);
        _inverseBmi = columns.Get(InverseBmi);
        _peakWeight = columns.Get(s_peakWeight);
        _peakBmi = columns.Get(PersonalTraitModule.PeakBmi);
        _asm = columns.Get(PeakTraitModule.Asm);
        _inversePeakAsm = columns.Get(PeakTraitModule.InversePeakAsm);
        _inverseHeightSquared = columns.Get(PeakTraitModule.InverseHeightSquared);
        _massScale = columns.Get(PersonalTraitModule.MassScale);
        _massMeasure = plan.Model.Definition.MassMeasure;
        _heightChanges = plan.Model.HeightLoss is not null;
        _kgPerKgAsm = (float)(plan.Model.BodyWeight?.KgPerKgAsm ?? 0);
        _relative = plan.Model.BodyWeight is { } bodyWeight
            ? [.. Enumerable.Range(0, ResultLayout.GroupCount).Select(g =>
                Enumerable.Range(0, plan.Rows).Select(row => (float)bodyWeight.RelativeToPeak[ResultLayout.SexOf(g)].At(plan.AgeOf(row))).ToArray())]
            : [];
    }

    /// <inheritdoc/>
    public override bool HasYearWork => _relative.Length > 0 || _heightChanges;

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        for (int at = segment.Start; at < segment.End; at += Vector<float>.Count)
        {
            Vector<float> inverseHeightSquared = VectorSpan.Load<float>(_inverseHeightSquared, at);
            Vector<float> weight = VectorSpan.Load<float>(_peakBmi, at) / inverseHeightSquared;
            VectorSpan.Store(weight, _peakWeight, at);
            VectorSpan.Store(weight, _weight, at);

            // The same expression as every later year's, so a year that changes neither weight nor height changes no bit.
            VectorSpan.Store(Vector<float>.One / (weight * inverseHeightSquared), _inverseBmi, at);
        }
    }

    /// <inheritdoc/>
    public override void BeforeYear(Slice block, int row)
    {
        bool weightChanges = _relative.Length > 0;
        var relative = new Vector<float>(weightChanges ? _relative[block.Group][row] : 1f);
        var kgPerKgAsm = new Vector<float>(_kgPerKgAsm);
        for (int at = block.Start; at < block.End; at += Vector<float>.Count)
        {
            Vector<float> weight = VectorSpan.Load<float>(_weight, at);
            if (weightChanges)
            {
                Vector<float> leanChange = VectorSpan.Load<float>(_asm, at) - (Vector<float>.One / VectorSpan.Load<float>(_inversePeakAsm, at));
                weight = FloatMath.Fma(kgPerKgAsm, leanChange, VectorSpan.Load<float>(_peakWeight, at) * relative);
                VectorSpan.Store(weight, _weight, at);
            }

            Vector<float> inverseBmi = Vector<float>.One / (weight * VectorSpan.Load<float>(_inverseHeightSquared, at));
            VectorSpan.Store(inverseBmi, _inverseBmi, at);
            if (_massMeasure == MassMeasure.AsmPerBmi)
            {
                VectorSpan.Store(inverseBmi, _massScale, at);
            }
        }
    }
}
