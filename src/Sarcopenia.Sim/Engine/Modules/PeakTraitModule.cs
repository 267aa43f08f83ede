using System.Numerics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 2a: each person's traits at the peak (start) age: height, ASM (from the ASM index and height), grip
/// (correlated with the ASM index) and gait speed, by sex and ancestry, from the PeakTraits stream.
/// </summary>
internal sealed class PeakTraitModule(ModuleContext context) : ChunkModule
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
    private readonly float[] _zHeight = context.Columns.Get(PersonColumns.Scratch[0]);
    private readonly float[] _zAsmi = context.Columns.Get(AsmiScore);
    private readonly float[] _zGrip = context.Columns.Get(PersonColumns.Scratch[2]);
    private readonly float[] _zGait = context.Columns.Get(PersonColumns.Scratch[3]);
    private readonly float[] _asm = context.Columns.Get(Asm);
    private readonly float[] _inversePeakAsm = context.Columns.Get(InversePeakAsm);
    private readonly float[] _inverseHeightSquared = context.Columns.Get(InverseHeightSquared);
    private readonly float[] _peakGrip = context.Columns.Get(PeakGrip);
    private readonly float[] _peakGait = context.Columns.Get(PeakGait);

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        GroupPlan gp = _plan.Groups[segment.Group];
        (int start, int length) = (segment.Start, segment.Length);
        _rng.FillNormals(RandomStream.PeakTraits, 0, _idLow.AsSpan(start, length), _idHigh.AsSpan(start, length),
            _zHeight.AsSpan(start, length), _zAsmi.AsSpan(start, length), _zGrip.AsSpan(start, length), _zGait.AsSpan(start, length));
        FamilyModule.UseScores(_context, segment, GeneticTrait.Height, _zHeight);
        FamilyModule.UseScores(_context, segment, GeneticTrait.Asmi, _zAsmi);
        FamilyModule.UseScores(_context, segment, GeneticTrait.Grip, _zGrip);
        FamilyModule.UseScores(_context, segment, GeneticTrait.Gait, _zGait);

        var one = Vector<float>.One;
        var correlation = new Vector<float>(gp.MassGripCorrelation);
        var residual = new Vector<float>(gp.MassGripResidual);
        for (int at = start; at < segment.End; at += Vector<float>.Count)
        {
            Vector<float> zAsmi = VectorSpan.Load<float>(_zAsmi, at);
            Vector<float> height = PositiveTrait.Draw(gp.Height, VectorSpan.Load<float>(_zHeight, at));
            Vector<float> heightSquared = height * height;
            Vector<float> peakAsm = PositiveTrait.Draw(gp.Asmi, zAsmi) * heightSquared;
            VectorSpan.Store(peakAsm, _asm, at);
            VectorSpan.Store(one / peakAsm, _inversePeakAsm, at);
            VectorSpan.Store(one / heightSquared, _inverseHeightSquared, at);
            VectorSpan.Store(PositiveTrait.Draw(gp.Grip, correlation * zAsmi + residual * VectorSpan.Load<float>(_zGrip, at)), _peakGrip, at);
            VectorSpan.Store(PositiveTrait.Draw(gp.Gait, VectorSpan.Load<float>(_zGait, at)), _peakGait, at);
        }
    }
}
