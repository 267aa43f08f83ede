using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Benchmarks.Engine;

/// <summary>
/// Adding one segment-year to the result tables: the vector kernels at each vector width the machine offers against
/// plain scalar loops. RW1 pays <see cref="Accumulate.CountCombinations{TSimd, TF, TI, TU}"/> and one
/// <see cref="Accumulate.SumFixedPoint{TSimd, TF, TI, TU}(ReadOnlySpan{float}, ReadOnlySpan{int}, float, ref long, ref long)"/> (ASM) per person-year.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[NanosecondsPerElementColumn]
public class AccumulateBenchmarks
{
    private const int Combinations = 8;
    private const float SumScale = 1 << Accumulate.SumShift;

    // The engine adds a histogram per block of 512 people (one cell), into 256 bins; ASM's are 0.25 kg wide.
    private const int HistogramBlock = 512;
    private const float AsmBinsPerKg = 4f;

    private readonly long[] _counts = new long[Combinations];
    private readonly long[] _bins = new long[256];
    private readonly int[] _counting = new int[Accumulate.HistogramCountingLength(256)];
    private int[] _combination = [];
    private float[] _values = [];
    private int[] _alive = [];

    [Params(4_096, 1_000_003)]
    public int Length { get; set; }

    /// <summary>The vector width of the kernels, in bits (the scalar baselines ignore it).</summary>
    [ParamsSource(typeof(VectorWidths), nameof(VectorWidths.Available))]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);

        // Combinations 0..7 for the living and 8 for the dead (about 5 % here); ASM-like values in kg.
        _combination = [.. Enumerable.Range(0, Length).Select(_ => random.Next(20) == 0 ? Combinations : random.Next(Combinations))];
        _alive = [.. _combination.Select(c => c < Combinations ? -1 : 0)];
        _values = [.. Enumerable.Range(0, Length).Select(_ => (float)(10 + 15 * random.NextDouble()))];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("CountCombinations")]
    public long CountCombinationsScalar()
    {
        long[] counts = _counts;
        foreach (int c in _combination)
        {
            if ((uint)c < Combinations)
            {
                counts[c]++;
            }
        }

        return counts[0];
    }

    [Benchmark]
    [BenchmarkCategory("CountCombinations")]
    public long CountCombinations()
    {
        AccumulateAt.CountCombinations(Bits, _combination, _counts);
        return _counts[0];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("SumFixedPoint")]
    public long SumFixedPointScalar()
    {
        long sum = 0;
        long sumOfSquares = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            if (_alive[i] != 0)
            {
                float v = MathF.Min(MathF.Max(_values[i] * SumScale, 0f), Accumulate.MaxValue * SumScale);
                sum += (int)(v + 0.5f);
                sumOfSquares += Accumulate.RoundedSquare(v);
            }
        }

        return sum + sumOfSquares;
    }

    [Benchmark]
    [BenchmarkCategory("SumFixedPoint")]
    public long SumFixedPoint()
    {
        long sum = 0;
        long sumOfSquares = 0;
        AccumulateAt.SumFixedPoint(Bits, _values, _alive, 1f, ref sum, ref sumOfSquares);
        return sum + sumOfSquares;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Histogram")]
    public long HistogramPortable()
    {
        for (int start = 0; start < _values.Length; start += HistogramBlock)
        {
            int length = Math.Min(HistogramBlock, _values.Length - start);
            Accumulate.HistogramPortable(_values.AsSpan(start, length), _alive.AsSpan(start, length), 1f, _bins, 0f, AsmBinsPerKg);
        }

        return _bins[40];
    }

    [Benchmark]
    [BenchmarkCategory("Histogram")]
    public long Histogram()
    {
        for (int start = 0; start < _values.Length; start += HistogramBlock)
        {
            int length = Math.Min(HistogramBlock, _values.Length - start);
            AccumulateAt.Histogram(Bits, _values.AsSpan(start, length), _alive.AsSpan(start, length), 1f, _bins, 0f, AsmBinsPerKg, _counting);
        }

        return _bins[40];
    }
}
