using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Benchmarks.Numerics;

/// <summary>The deterministic 2^x and log₂ over a span: lane-wise against the scalar twin.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[NanosecondsPerElementColumn]
public class FloatMathBenchmarks
{
    private float[] _expArguments = [];
    private float[] _logArguments = [];
    private float[] _destination = [];

    [Params(4_096, 1_000_003)]
    public int Length { get; set; }

    /// <summary>The lane-wise forms' vector width, in bits (the scalar baselines ignore it).</summary>
    [ParamsSource(typeof(VectorWidths), nameof(VectorWidths.Available))]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);

        // RW1's year-noise factor 2^((0.25 e − 0.03125)·log₂e), e ~ N(0, 1), stays well inside [−3, 3]; log₂ sees uniforms in (0, 1).
        _expArguments = [.. Enumerable.Range(0, Length).Select(_ => (float)(6 * random.NextDouble() - 3))];
        _logArguments = [.. Enumerable.Range(0, Length).Select(_ => (float)((random.Next(1 << 23) + 0.5) / (1 << 23)))];
        _destination = new float[Length];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Exp2")]
    public float Exp2Scalar()
    {
        for (int i = 0; i < _expArguments.Length; i++)
        {
            _destination[i] = FloatMath.Exp2Bounded(_expArguments[i]);
        }

        return _destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Exp2")]
    public float Exp2Vector() => VectorWidth.Dispatch<LaneLoop<Exp2Bounded>, float>(Bits, new LaneLoop<Exp2Bounded>(_expArguments, _destination));

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Log2")]
    public float Log2Scalar()
    {
        for (int i = 0; i < _logArguments.Length; i++)
        {
            _destination[i] = FloatMath.Log2(_logArguments[i]);
        }

        return _destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Log2")]
    public float Log2Vector() => VectorWidth.Dispatch<LaneLoop<Log2>, float>(Bits, new LaneLoop<Log2>(_logArguments, _destination));

    /// <summary>A lane-wise function of <see cref="FloatMath"/> at any width.</summary>
    private interface ILaneFunction
    {
        static abstract float Apply(float x);

        static abstract TF Apply<TSimd, TF, TI, TU>(TF x)
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>;
    }

    private readonly struct Exp2Bounded : ILaneFunction
    {
        public static float Apply(float x) => FloatMath.Exp2Bounded(x);

        public static TF Apply<TSimd, TF, TI, TU>(TF x)
            where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
            FloatMath.Exp2Bounded<TSimd, TF, TI, TU>(x);
    }

    private readonly struct Log2 : ILaneFunction
    {
        public static float Apply(float x) => FloatMath.Log2(x);

        public static TF Apply<TSimd, TF, TI, TU>(TF x)
            where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
            FloatMath.Log2<TSimd, TF, TI, TU>(x);
    }

    /// <summary><typeparamref name="TFunction"/> over the arguments a vector at a time, the tail one at a time.</summary>
    private readonly struct LaneLoop<TFunction>(float[] arguments, float[] destination) : IWidthGeneric<float>
        where TFunction : ILaneFunction
    {
        public float Invoke<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
        {
            int i = 0;
            for (; i <= arguments.Length - TSimd.Lanes; i += TSimd.Lanes)
            {
                TSimd.Store(TFunction.Apply<TSimd, TF, TI, TU>(TSimd.Load(arguments, i)), destination, i);
            }

            for (; i < arguments.Length; i++)
            {
                destination[i] = TFunction.Apply(arguments[i]);
            }

            return destination[^1];
        }
    }
}
