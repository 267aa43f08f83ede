using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// The accumulation kernels at a vector width given at run time: for the tests that check them at every width and the
/// benchmarks that time each (the engine itself chooses the width once per worker, in <see cref="ModuleRegistry"/>).
/// </summary>
internal static class AccumulateAt
{
    /// <summary><see cref="Accumulate.CountCombinations{TSimd, TF, TI, TU}"/> at <paramref name="bits"/>.</summary>
    public static void CountCombinations(int bits, ReadOnlySpan<int> combination, Span<long> counts) =>
        VectorWidth.Dispatch<CountCall, bool>(bits, new CountCall(combination, counts, byComparison: false));

    /// <summary><see cref="Accumulate.CountCombinationsByComparison{TSimd, TF, TI, TU}"/> at <paramref name="bits"/>.</summary>
    public static void CountCombinationsByComparison(int bits, ReadOnlySpan<int> combination, Span<long> counts) =>
        VectorWidth.Dispatch<CountCall, bool>(bits, new CountCall(combination, counts, byComparison: true));

    /// <summary><see cref="Accumulate.SumFixedPoint{TSimd, TF, TI, TU}(ReadOnlySpan{float}, ReadOnlySpan{int}, float, ref long, ref long)"/> at <paramref name="bits"/>.</summary>
    public static void SumFixedPoint(int bits, float[] values, int[] alive, float scale, ref long sum, ref long sumOfSquares)
    {
        long[] sums = [sum, sumOfSquares];
        VectorWidth.Dispatch<SumCall, bool>(bits, new SumCall(values, alive, scale, sums));
        (sum, sumOfSquares) = (sums[0], sums[1]);
    }

    /// <summary><see cref="Accumulate.Histogram{TSimd, TF, TI, TU}"/> at <paramref name="bits"/>.</summary>
    public static void Histogram(int bits, ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, Span<long> bins, float lo, float inverseWidth, Span<int> counting) =>
        VectorWidth.Dispatch<HistogramCall, bool>(bits, new HistogramCall(values, alive, scale, bins, lo, inverseWidth, counting));

    private readonly ref struct CountCall(ReadOnlySpan<int> combination, Span<long> counts, bool byComparison) : IWidthGeneric<bool>
    {
        private readonly ReadOnlySpan<int> _combination = combination;
        private readonly Span<long> _counts = counts;

        public bool Invoke<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
        {
            if (byComparison)
            {
                Accumulate.CountCombinationsByComparison<TSimd, TF, TI, TU>(_combination, _counts);
            }
            else
            {
                Accumulate.CountCombinations<TSimd, TF, TI, TU>(_combination, _counts);
            }

            return true;
        }
    }

    private readonly struct SumCall(float[] values, int[] alive, float scale, long[] sums) : IWidthGeneric<bool>
    {
        public bool Invoke<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
        {
            Accumulate.SumFixedPoint<TSimd, TF, TI, TU>(values, alive, scale, ref sums[0], ref sums[1]);
            return true;
        }
    }

    private readonly ref struct HistogramCall(
        ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, Span<long> bins, float lo, float inverseWidth, Span<int> counting) : IWidthGeneric<bool>
    {
        private readonly ReadOnlySpan<float> _values = values;
        private readonly ReadOnlySpan<int> _alive = alive;
        private readonly Span<long> _bins = bins;
        private readonly Span<int> _counting = counting;

        public bool Invoke<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
        {
            Accumulate.Histogram<TSimd, TF, TI, TU>(_values, _alive, scale, _bins, lo, inverseWidth, _counting, nextBins: default);
            return true;
        }
    }
}
