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
/// <remarks>The column keys live here; <see cref="BodyWeightModule{TSimd, TF, TI, TU}"/> holds the kernels at one vector width.</remarks>
internal abstract class BodyWeightModule : ChunkModule
{
    /// <summary>Body weight, kg.</summary>
    public static readonly ColumnKey<float> Weight = new("body weight, kg");

    /// <summary>1 / BMI, m²/kg: ASM times this is ALM/BMI.</summary>
    public static readonly ColumnKey<float> InverseBmi = new("1 / BMI, m²/kg");

    private static readonly ColumnKey<float> s_peakWeight = new("peak body weight, kg");

    private protected readonly float[] _weight;
    private protected readonly float[] _inverseBmi;
    private protected readonly float[] _peakWeight;
    private protected readonly float[] _peakBmi;
    private protected readonly float[] _asm;
    private protected readonly float[] _inversePeakAsm;
    private protected readonly float[] _inverseHeightSquared;
    private protected readonly float[] _massScale;
    private protected readonly MassMeasure _massMeasure;
    private readonly bool _heightChanges;
    private protected readonly float _kgPerKgAsm;

    /// <summary>[group][row]: R(age), weight apart from lean change relative to the peak; empty without body weight.</summary>
    private protected readonly float[][] _relative;

    private protected BodyWeightModule(ModuleContext context)
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
}

/// <summary>Body weight and BMI at the vector width of <typeparamref name="TSimd"/>.</summary>
/// <typeparam name="TSimd">The width struct.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal sealed class BodyWeightModule<TSimd, TF, TI, TU>(ModuleContext context) : BodyWeightModule(context)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        TF one = TSimd.Broadcast(1f);
        for (int at = segment.Start; at < segment.End; at += TSimd.Lanes)
        {
            TF inverseHeightSquared = TSimd.Load(_inverseHeightSquared, at);
            TF weight = TSimd.Divide(TSimd.Load(_peakBmi, at), inverseHeightSquared);
            TSimd.Store(weight, _peakWeight, at);
            TSimd.Store(weight, _weight, at);

            // The same expression as every later year's, so a year that changes neither weight nor height changes no bit.
            TSimd.Store(TSimd.Divide(one, TSimd.Multiply(weight, inverseHeightSquared)), _inverseBmi, at);
        }
    }

    /// <inheritdoc/>
    public override void BeforeYear(Slice block, int row)
    {
        bool weightChanges = _relative.Length > 0;
        TF one = TSimd.Broadcast(1f);
        TF relative = TSimd.Broadcast(weightChanges ? _relative[block.Group][row] : 1f);
        TF kgPerKgAsm = TSimd.Broadcast(_kgPerKgAsm);
        for (int at = block.Start; at < block.End; at += TSimd.Lanes)
        {
            TF weight = TSimd.Load(_weight, at);
            if (weightChanges)
            {
                TF leanChange = TSimd.Subtract(TSimd.Load(_asm, at), TSimd.Divide(one, TSimd.Load(_inversePeakAsm, at)));
                weight = TSimd.FusedMultiplyAdd(kgPerKgAsm, leanChange, TSimd.Multiply(TSimd.Load(_peakWeight, at), relative));
                TSimd.Store(weight, _weight, at);
            }

            TF inverseBmi = TSimd.Divide(one, TSimd.Multiply(weight, TSimd.Load(_inverseHeightSquared, at)));
            TSimd.Store(inverseBmi, _inverseBmi, at);
            if (_massMeasure == MassMeasure.AsmPerBmi)
            {
                TSimd.Store(inverseBmi, _massScale, at);
            }
        }
    }
}
