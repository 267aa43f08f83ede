using System.Numerics;
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
    public float Exp2Vector()
    {
        int i = 0;
        for (; i <= _expArguments.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            FloatMath.Exp2Bounded(new Vector<float>(_expArguments, i)).CopyTo(_destination, i);
        }

        for (; i < _expArguments.Length; i++)
        {
            _destination[i] = FloatMath.Exp2Bounded(_expArguments[i]);
        }

        return _destination[^1];
    }

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
    public float Log2Vector()
    {
        int i = 0;
        for (; i <= _logArguments.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            FloatMath.Log2(new Vector<float>(_logArguments, i)).CopyTo(_destination, i);
        }

        for (; i < _logArguments.Length; i++)
        {
            _destination[i] = FloatMath.Log2(_logArguments[i]);
        }

        return _destination[^1];
    }
}
