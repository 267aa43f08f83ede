using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Benchmarks.Physiology;

/// <summary>
/// One RW1 year step (women at 70: both accelerations apply) for <see cref="Length"/> people: the vector kernel at
/// each width against its scalar definition applied element by element. One element is one person-year.
/// </summary>
[MemoryDiagnoser]
[NanosecondsPerElementColumn]
public class YearKernelBenchmarks
{
    private const int Row = 40;

    /// <summary>ASM / peak ASM at 70: about a fifth of the peak is lost by then.</summary>
    private const float RelativeMass = 0.8f;

    private YearScalars _scalars;
    private float[] _asm = [];
    private float[] _invPeakAsm = [];
    private float[] _peakGrip = [];
    private float[] _peakGait = [];
    private float[] _massScale = [];
    private float[] _rate = [];
    private float[] _menopause = [];
    private float[] _ones = [];
    private float[] _noise = [];
    private float[] _grip = [];
    private float[] _gait = [];
    private float[] _loss = [];
    private int[] _alive = [];
    private int[] _combination = [];
    private int[] _sarcopenic = [];

    [Params(4_096, 1_000_003)]
    public int Length { get; set; }

    /// <summary>The vector kernel's width, in bits (the scalar baseline ignores it).</summary>
    [ParamsSource(typeof(VectorWidths), nameof(VectorWidths.Available))]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var plan = new RunPlan(Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(Length), 1, TraitSet.Asm, standardDeviations: false, TraitSet.None);

        // Active = 0 zeroes the loss, so ASM stays put over millions of invocations instead of decaying to subnormals;
        // the kernel is branch-free, so it does the same work either way.
        _scalars = plan.Groups[Results.ResultLayout.GroupOf(Sex.Female, Ancestry.European)].Scalars[Row] with { Active = 0f };

        var random = new Random(42);
        float Normal(float mean, float sd) => mean + sd * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        float[] Column(Func<float> value) => [.. Enumerable.Range(0, Length).Select(_ => value())];

        _asm = Column(() => Normal(17.0f, 2.2f));
        _invPeakAsm = [.. _asm.Select(a => RelativeMass / a)];
        _peakGrip = Column(() => Normal(31f, 5f));
        _peakGait = Column(() => Normal(1.35f, 0.15f));
        _massScale = Column(() => 1f / (1.62f * 1.62f));
        _rate = Column(() => Math.Clamp(MathF.Exp(MathF.Log(0.015f) + 0.35f * Normal(0, 1)), 0.01f, 0.05f));
        _menopause = Column(() => 50f);
        _ones = Column(() => 1f);
        _noise = Column(() => Normal(0, 1));
        _grip = new float[Length];
        _gait = new float[Length];
        _loss = new float[Length];
        _alive = [.. Enumerable.Repeat(-1, Length)];
        _combination = new int[Length];
        _sarcopenic = new int[Length];
    }

    [Benchmark(Baseline = true)]
    public int StepOne()
    {
        SegmentColumns columns = Columns();
        int deaths = 0;
        for (int i = 0; i < Length; i++)
        {
            deaths += YearKernel.StepOne<SquareRootGaitLaw>(ref columns, i, _scalars);
        }

        return deaths + _combination[^1];
    }

    [Benchmark]
    public int Step()
    {
        return YearKernel.Step<SquareRootGaitLaw>(Bits, Columns(), _scalars) + _combination[^1];
    }

    private SegmentColumns Columns() => new()
    {
        Asm = _asm,
        InvPeakAsm = _invPeakAsm,
        PeakGrip = _peakGrip,
        PeakGait = _peakGait,
        MassScale = _massScale,
        Rate = _rate,
        MenopauseAge = _menopause,
        RateMultiplier = _ones,
        StrengthMultiplier = _ones,
        Noise = _noise,
        Grip = _grip,
        Gait = _gait,
        Loss = _loss,
        Alive = _alive,
        Combination = _combination,
        Sarcopenic = _sarcopenic,
    };
}
