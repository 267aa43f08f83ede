using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine;

/// <summary>
/// The accumulation kernels against scalar references written from their documented formulas, with exact integer
/// equality, for every length 0 .. 4·W+3 and lengths far beyond one chunk and one 128-vector flush block.
/// </summary>
public sealed class AccumulateTests
{
    public static IEnumerable<object[]> AllLengths =>
        Lengths.UpToFourVectorsPlusThree.Concat([[127 * 16 + 5], [128 * 16], [129 * 16 + 1], [4099], [1_000_003]])
            .SelectMany(length => VectorWidth.Available.Select(bits => new object[] { length[0], bits }));

    public static IEnumerable<object[]> Widths => VectorWidth.Available.Select(bits => new object[] { bits });

    [Theory]
    [MemberData(nameof(AllLengths))]
    public void CountCombinations_EqualsScalarReferenceAndAddsToExistingCounts(int length, int bits)
    {
        var random = new Random(length);
        int[] combination = [.. Enumerable.Range(0, length).Select(_ => random.Next(0, 9))];
        long[] counts = [.. Enumerable.Range(0, 8).Select(k => (long)k * 1000)];

        AccumulateAt.CountCombinations(bits, combination, counts);

        long[] expected = ScalarReference.CountCombinations(combination);
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal((k * 1000) + expected[k], counts[k]);
        }

        Assert.Equal(combination.Count(c => c < 8), counts.Sum() - 28_000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    public void CountCombinations_OneCombinationEverywhere_NeverOverflowsALaneCounter(int combination)
    {
        // The worst case for narrow per-lane counters: every lane matches the same combination in every vector.
        foreach ((int length, int bits) in new[] { 15 * 16, (16 * 16) + 1, 4096, 100_003 }.SelectMany(l => VectorWidth.Available.Select(b => (l, b))))
        {
            int[] input = [.. Enumerable.Repeat(combination, length)];
            var counts = new long[8];
            AccumulateAt.CountCombinations(bits, input, counts);
            for (int k = 0; k < 8; k++)
            {
                Assert.Equal(k == combination ? length : 0, counts[k]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllLengths))]
    public void SumFixedPoint_SumEqualsDocumentedFormulaExactly(int length, int bits)
    {
        (float[] values, int[] alive) = Inputs(length, seed: length);
        foreach (float scale in new[] { 1f, 100f, 0.37f })
        {
            long sum = 5;
            long squares = 7;
            AccumulateAt.SumFixedPoint(bits, values, alive, scale, ref sum, ref squares);
            (long expectedSum, _) = ScalarReference.SumFixedPoint(values, alive, scale);
            Assert.Equal(5 + expectedSum, sum);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void SumFixedPoint_SumOfSquaresEqualsDocumentedFormulaExactly(int bits)
    {
        // Documented (Accumulate.SumFixedPoint and SquareShift): Σ round(fl(v²·2¹²)) with v = clamp(values·scale, 0, 127.99),
        // fl the single-precision product, rounded to the nearest integer with ties to even. Worked by hand:
        // 0.0625² · 4096 = 16; 3² · 4096 = 36864; 10.5² · 4096 = 451584; −3 and 0 clamp to 0; 1000 clamps to
        // 127.99f = 127.98999786376953, whose square · 4096 = 67098376.41 is 67098376 in single precision;
        // 48.334022f = 48.334022521972656: 9568983.995 → 9568984; 40.28627f = 40.28627014160156: 6647740.67 is 6647740.5 in
        // single precision, a tie, which goes to the even 6647740; the dead person's 5 is not counted.
        // Repeated five times (45 people), so that the values pass through the vector path and the scalar tail at every width.
        const int Repeats = 5;
        float[] values = [.. Enumerable.Repeat<float[]>([0.0625f, 3f, 10.5f, -3f, 0f, 1000f, 48.334022f, 40.28627f, 5f], Repeats).SelectMany(v => v)];
        int[] alive = [.. Enumerable.Repeat<int[]>([-1, -1, -1, -1, -1, -1, -1, -1, 0], Repeats).SelectMany(a => a)];
        long sum = 0;
        long squares = 0;
        AccumulateAt.SumFixedPoint(bits, values, alive, 1f, ref sum, ref squares);

        Assert.Equal(Repeats * (16 + 36864 + 451584 + 67098376 + 9568984 + 6647740), squares);
        Assert.Equal(ScalarReference.SumFixedPoint(values, alive, 1f).SumOfSquares, squares);
    }

    [Theory]
    [MemberData(nameof(AllLengths))]
    public void SumFixedPoint_VectorPathEqualsTheDocumentedFormulaForSquaresToo(int length, int bits)
    {
        // Both sums, over every length (vector path, flush blocks and scalar tail), against the documented formula.
        (float[] values, int[] alive) = Inputs(length, seed: length + 2);
        long sum = 0;
        long squares = 0;
        AccumulateAt.SumFixedPoint(bits, values, alive, 1f, ref sum, ref squares);
        (long expectedSum, long expectedSquares) = ScalarReference.SumFixedPoint(values, alive, 1f);

        Assert.Equal(expectedSum, sum);
        Assert.Equal(expectedSquares, squares);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void SumFixedPoint_LargestValuesDoNotOverflowTheInt32Lanes(int bits)
    {
        // Whole flush blocks (16 vectors) of the maximum value, at every width: 2^4 · 2^26 = 2^30 per lane for the
        // squares, inside int32, and several blocks plus a scalar tail.
        int length = (16 * 16 * 7) + 9;
        float[] values = [.. Enumerable.Repeat(1000f, length)];
        int[] alive = [.. Enumerable.Repeat(-1, length)];
        long sum = 0;
        long squares = 0;
        AccumulateAt.SumFixedPoint(bits, values, alive, 1f, ref sum, ref squares);

        long q = (long)Math.Round(127.99f * 65536.0, MidpointRounding.ToEven); // 8387952.5, a tie, to the even 8387952
        const long Square = 67098376; // round(fl(127.99f² · 2¹²)), worked out in SumFixedPoint_SumOfSquaresEqualsDocumentedFormulaExactly
        Assert.Equal(length * q, sum);
        Assert.Equal(length * Square, squares);
    }

    [Theory]
    [MemberData(nameof(AllLengths))]
    public void Histogram_EqualsDocumentedBinningAndAddsToExistingCounts(int length, int bits)
    {
        (float[] values, int[] alive) = Inputs(length, seed: length + 3);
        const int Bins = 256;
        foreach ((float scale, float lo, float width) in new[] { (1f, 0f, 0.25f), (100f, 0f, 0.1f), (1f, 10f, 0.5f) })
        {
            var bins = new long[Bins];
            bins[17] = 3;
            AccumulateAt.Histogram(bits, values, alive, scale, bins, lo, 1f / width, new int[Accumulate.HistogramCountingLength(Bins)]);

            var expected = new long[Bins];
            expected[17] = 3;
            long ambiguous = 0;
            for (int i = 0; i < length; i++)
            {
                if (alive[i] == 0)
                {
                    continue;
                }

                int? bin = ScalarReference.HistogramBin(values[i], scale, lo, 1.0 / (1f / width), Bins);
                if (bin is int b)
                {
                    expected[b]++;
                }
                else
                {
                    ambiguous++;
                }
            }

            long totalDifference = 0;
            for (int b = 0; b < Bins; b++)
            {
                totalDifference += Math.Abs(bins[b] - expected[b]);
            }

            Assert.Equal(3 + alive.Count(a => a != 0), bins.Sum());
            Assert.True(totalDifference == ambiguous, $"{totalDifference} people binned differently, {ambiguous} sit on an edge");
        }
    }

    [Theory]
    [InlineData(1000, 256)]
    [InlineData(77, 13)]
    [InlineData(3, 256)]
    public void Histogram_CountsExactlyAsItsLaneByLaneDefinition_IncludingPointMassesAndTheDead(int length, int binCount)
    {
        foreach (int bits in VectorWidth.Available)
        {
            HistogramCountsExactlyAsItsDefinition(length, binCount, bits);
        }
    }

    private static void HistogramCountsExactlyAsItsDefinition(int length, int binCount, int bits)
    {
        // Spread values, then a run that all falls into one bin (as the annual loss before its onset does), so that
        // both copies of a bin and the dead's spare bins are exercised.
        (float[] values, int[] alive) = Inputs(length, seed: length + binCount);
        for (int i = length / 2; i < length; i++)
        {
            values[i] = 0.3f;
        }

        var bins = new long[binCount];
        var expected = new long[binCount];
        bins[binCount - 1] = expected[binCount - 1] = 5;
        var counting = new int[Accumulate.HistogramCountingLength(binCount)];
        AccumulateAt.Histogram(bits, values, alive, 2f, bins, -1f, 0.5f, counting);
        Accumulate.HistogramPortable(values, alive, 2f, expected, -1f, 0.5f);

        Assert.Equal(expected, bins);
        Assert.All(counting, c => Assert.Equal(0, c));
        Assert.Equal(5 + alive.Count(a => a != 0), bins.Sum());

        // The counting bins are reused by the next call (as the engine does for every block): nothing carries over.
        AccumulateAt.Histogram(bits, values.AsSpan(length / 3), alive.AsSpan(length / 3), 3f, bins, 0f, 0.25f, counting);
        Accumulate.HistogramPortable(values.AsSpan(length / 3), alive.AsSpan(length / 3), 3f, expected, 0f, 0.25f);
        Assert.Equal(expected, bins);
        Assert.All(counting, c => Assert.Equal(0, c));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Histogram_ClampsToFirstAndLastBin(int bits)
    {
        float[] values = [-5f, 0f, 0.24f, 0.25f, 63.99f, 64f, 1e6f];
        int[] alive = [-1, -1, -1, -1, -1, -1, -1];
        var bins = new long[256];
        AccumulateAt.Histogram(bits, values, alive, 1f, bins, 0f, 4f, new int[Accumulate.HistogramCountingLength(bins.Length)]);
        Assert.Equal(3, bins[0]);
        Assert.Equal(1, bins[1]);
        Assert.Equal(3, bins[255]);
    }

    /// <summary>Values spread over and beyond [0, 127.99] (both clamps occur), about one person in five dead.</summary>
    private static (float[] Values, int[] Alive) Inputs(int length, int seed)
    {
        var random = new Random(seed);
        float[] values = [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 150) - 10))];
        int[] alive = [.. Enumerable.Range(0, length).Select(_ => random.Next(5) == 0 ? 0 : -1)];
        return (values, alive);
    }
}
