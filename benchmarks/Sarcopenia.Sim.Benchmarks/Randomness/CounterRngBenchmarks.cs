using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Benchmarks.Randomness;

/// <summary>
/// One counter's four draws for each of <see cref="Length"/> people: the vector fills against their scalar twins (the
/// same Philox block and Box–Muller pair per element, as in the fills' tails). For normals, one element is four
/// years of one person's year noise in RW1.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[NanosecondsPerElementColumn]
public class CounterRngBenchmarks
{
    private const uint Counter = 3;

    private readonly CounterRng _rng = new(20_261_128);
    private uint[] _idLo = [];
    private uint[] _idHi = [];
    private float[] _out0 = [];
    private float[] _out1 = [];
    private float[] _out2 = [];
    private float[] _out3 = [];

    [Params(4_096, 1_000_003)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Consecutive person ids above 2^32, as in a chunk of a large cohort.
        const ulong FirstId = (1UL << 32) + 12_345;
        _idLo = [.. Enumerable.Range(0, Length).Select(i => (uint)(FirstId + (ulong)i))];
        _idHi = [.. Enumerable.Range(0, Length).Select(i => (uint)((FirstId + (ulong)i) >> 32))];
        _out0 = new float[Length];
        _out1 = new float[Length];
        _out2 = new float[Length];
        _out3 = new float[Length];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Normals")]
    public float NormalsScalar()
    {
        for (int i = 0; i < _idLo.Length; i++)
        {
            Philox4x32Block block = Philox4x32.Generate(_idLo[i], _idHi[i], Counter, (uint)RandomStream.YearNoise, (uint)_rng.Seed, (uint)(_rng.Seed >> 32));
            CounterRng.BoxMuller(block.X0, block.X1, out _out0[i], out _out1[i]);
            CounterRng.BoxMuller(block.X2, block.X3, out _out2[i], out _out3[i]);
        }

        return _out3[^1];
    }

    /// <summary>The public one-draw API, four calls per element: each recomputes the block (what a replay pays).</summary>
    [Benchmark]
    [BenchmarkCategory("Normals")]
    public float NormalsOneAtATime()
    {
        for (int i = 0; i < _idLo.Length; i++)
        {
            ulong person = ((ulong)_idHi[i] << 32) | _idLo[i];
            _out0[i] = _rng.Normal(RandomStream.YearNoise, person, Counter, 0);
            _out1[i] = _rng.Normal(RandomStream.YearNoise, person, Counter, 1);
            _out2[i] = _rng.Normal(RandomStream.YearNoise, person, Counter, 2);
            _out3[i] = _rng.Normal(RandomStream.YearNoise, person, Counter, 3);
        }

        return _out3[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Normals")]
    public float FillNormals()
    {
        _rng.FillNormals(RandomStream.YearNoise, Counter, _idLo, _idHi, _out0, _out1, _out2, _out3);
        return _out3[^1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Uniforms")]
    public float UniformsScalar()
    {
        for (int i = 0; i < _idLo.Length; i++)
        {
            Philox4x32Block block = Philox4x32.Generate(_idLo[i], _idHi[i], Counter, (uint)RandomStream.Mortality, (uint)_rng.Seed, (uint)(_rng.Seed >> 32));
            _out0[i] = CounterRng.ToUniform(block.X0);
            _out1[i] = CounterRng.ToUniform(block.X1);
            _out2[i] = CounterRng.ToUniform(block.X2);
            _out3[i] = CounterRng.ToUniform(block.X3);
        }

        return _out3[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Uniforms")]
    public float FillUniforms()
    {
        _rng.FillUniforms(RandomStream.Mortality, Counter, _idLo, _idHi, _out0, _out1, _out2, _out3);
        return _out3[^1];
    }
}
