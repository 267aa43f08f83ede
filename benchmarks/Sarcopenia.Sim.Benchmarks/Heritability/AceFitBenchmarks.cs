using BenchmarkDotNet.Attributes;
using Sarcopenia.Sim.Heritability;

namespace Sarcopenia.Sim.Benchmarks.Heritability;

/// <summary>
/// The ACE fit of 10⁶ twin pairs (half MZ, half DZ, a² = 0.5, c² = 0.2), by maximum likelihood, with and without the
/// profile-likelihood intervals. The pairs are drawn once; one operation is one fit.
/// </summary>
[MemoryDiagnoser]
public class AceFitBenchmarks
{
    private const int Pairs = 1_000_000;
    private const double A = 0.5;
    private const double C = 0.2;

    private TwinPairs _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12);
        var zygosity = new Zygosity[Pairs];
        var twin1 = new double[Pairs];
        var twin2 = new double[Pairs];
        for (int i = 0; i < Pairs; i++)
        {
            bool mz = i % 2 == 0;
            zygosity[i] = mz ? Zygosity.Monozygotic : Zygosity.DizygoticSameSex;
            double shared = Normal(random), c = Normal(random);
            double a1 = mz ? shared : Math.Sqrt(0.5) * (shared + Normal(random));
            double a2 = mz ? shared : Math.Sqrt(0.5) * (shared + Normal(random));
            twin1[i] = (Math.Sqrt(A) * a1) + (Math.Sqrt(C) * c) + (Math.Sqrt(1 - A - C) * Normal(random));
            twin2[i] = (Math.Sqrt(A) * a2) + (Math.Sqrt(C) * c) + (Math.Sqrt(1 - A - C) * Normal(random));
        }

        _data = new TwinPairs(zygosity, [.. Enumerable.Repeat(Sex.Female, Pairs)], [.. Enumerable.Repeat(Sex.Female, Pairs)],
            [.. Enumerable.Repeat(60.0, Pairs)], [.. Enumerable.Repeat(Ancestry.European, Pairs)], [new TwinColumn<double>("grip", twin1, twin2)], []);
    }

    [Benchmark(Baseline = true)]
    public TwinFit Ace() => TwinModels.Fit(_data, TwinModel.Ace, new TwinFitOptions { Intervals = false });

    [Benchmark]
    public TwinFit AceWithIntervals() => TwinModels.Fit(_data, TwinModel.Ace);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
