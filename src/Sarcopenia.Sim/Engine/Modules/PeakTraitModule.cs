using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 2a: each person's traits at the peak (start) age: height, ASM (from the ASM index and height), grip
/// (correlated with the ASM index) and gait speed, by sex and ancestry, from the PeakTraits stream.
/// </summary>
/// <remarks>The column keys live here; <see cref="PeakTraitModule{TSimd, TF, TI, TU}"/> holds the kernel at one vector width.</remarks>
internal abstract class PeakTraitModule(ModuleContext context) : ChunkModule
{
    private readonly ModuleContext _context = context;

    /// <summary>Appendicular skeletal muscle mass, kg: the peak, then updated in place by the year step.</summary>
    public static readonly ColumnKey<float> Asm = new("ASM, kg");

    /// <summary>1 / peak ASM, 1/kg: muscle relative to its peak drives strength.</summary>
    public static readonly ColumnKey<float> InversePeakAsm = new("1 / peak ASM, 1/kg");

    /// <summary>1 / height², 1/m²: ASM times this is the ASM index (updated by <see cref="HeightLossModule"/> when height is lost).</summary>
    public static readonly ColumnKey<float> InverseHeightSquared = new("1 / height², 1/m²");

    /// <summary>Grip at the peak, kg.</summary>
    public static readonly ColumnKey<float> PeakGrip = new("peak grip, kg");

    /// <summary>Gait speed at the peak, m/s.</summary>
    public static readonly ColumnKey<float> PeakGait = new("peak gait speed, m/s");

    /// <summary>The normal score behind the peak ASM index (other traits correlated with muscle mass read it).</summary>
    public static readonly ColumnKey<float> AsmiScore = new("peak ASM index, normal score");

    private readonly RunPlan _plan = context.Plan;
    private readonly CounterRng _rng = context.Rng;
    private readonly uint[] _idLow = context.Columns.Get(ChunkLayout.IdLow);
    private readonly uint[] _idHigh = context.Columns.Get(ChunkLayout.IdHigh);
    private protected readonly float[] _zHeight = context.Columns.Get(PersonColumns.Scratch[0]);
    private protected readonly float[] _zAsmi = context.Columns.Get(AsmiScore);
    private protected readonly float[] _zGrip = context.Columns.Get(PersonColumns.Scratch[2]);
    private protected readonly float[] _zGait = context.Columns.Get(PersonColumns.Scratch[3]);
    private protected readonly float[] _asm = context.Columns.Get(Asm);
    private protected readonly float[] _inversePeakAsm = context.Columns.Get(InversePeakAsm);
    private protected readonly float[] _inverseHeightSquared = context.Columns.Get(InverseHeightSquared);
    private protected readonly float[] _peakGrip = context.Columns.Get(PeakGrip);
    private protected readonly float[] _peakGait = context.Columns.Get(PeakGait);

    /// <inheritdoc/>
    public sealed override void Initialize(Slice segment)
    {
        (int start, int length) = (segment.Start, segment.Length);
        _rng.FillNormals(RandomStream.PeakTraits, 0, _idLow.AsSpan(start, length), _idHigh.AsSpan(start, length),
            _zHeight.AsSpan(start, length), _zAsmi.AsSpan(start, length), _zGrip.AsSpan(start, length), _zGait.AsSpan(start, length));
        FamilyModule.UseScores(_context, segment, GeneticTrait.Height, _zHeight);
        FamilyModule.UseScores(_context, segment, GeneticTrait.Asmi, _zAsmi);
        FamilyModule.UseScores(_context, segment, GeneticTrait.Grip, _zGrip);
        FamilyModule.UseScores(_context, segment, GeneticTrait.Gait, _zGait);
        Traits(segment, _plan.Groups[segment.Group]);
    }

    /// <summary>Turns the normal scores of <paramref name="segment"/>'s people (group plan <paramref name="gp"/>) into their traits at the peak.</summary>
    private protected abstract void Traits(Slice segment, GroupPlan gp);
}

/// <summary>Step 2a at the vector width of <typeparamref name="TSimd"/>.</summary>
/// <typeparam name="TSimd">The width struct.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal sealed class PeakTraitModule<TSimd, TF, TI, TU>(ModuleContext context) : PeakTraitModule(context)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    /// <inheritdoc/>
    private protected override void Traits(Slice segment, GroupPlan gp)
    {
        TF correlation = TSimd.Broadcast(gp.MassGripCorrelation);
        TF residual = TSimd.Broadcast(gp.MassGripResidual);
        TF one = TSimd.Broadcast(1f);
        for (int at = segment.Start; at < segment.End; at += TSimd.Lanes)
        {
            TF zAsmi = TSimd.Load(_zAsmi, at);
            TF height = PositiveTrait.Draw<TSimd, TF, TI, TU>(gp.Height, TSimd.Load(_zHeight, at));
            TF heightSquared = TSimd.Multiply(height, height);
            TF peakAsm = TSimd.Multiply(PositiveTrait.Draw<TSimd, TF, TI, TU>(gp.Asmi, zAsmi), heightSquared);
            TSimd.Store(peakAsm, _asm, at);
            TSimd.Store(TSimd.Divide(one, peakAsm), _inversePeakAsm, at);
            TSimd.Store(TSimd.Divide(one, heightSquared), _inverseHeightSquared, at);
            TF zGrip = TSimd.Add(TSimd.Multiply(correlation, zAsmi), TSimd.Multiply(residual, TSimd.Load(_zGrip, at)));
            TSimd.Store(PositiveTrait.Draw<TSimd, TF, TI, TU>(gp.Grip, zGrip), _peakGrip, at);
            TSimd.Store(PositiveTrait.Draw<TSimd, TF, TI, TU>(gp.Gait, TSimd.Load(_zGait, at)), _peakGait, at);
        }
    }
}
