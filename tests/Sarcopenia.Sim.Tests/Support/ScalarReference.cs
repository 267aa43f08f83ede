namespace Sarcopenia.Sim.Tests.Support;

/// <summary>
/// Scalar references written from the documented formulas of the engine's kernels (not from their code), so that a
/// kernel and its own scalar tail cannot share a mistake unnoticed.
/// </summary>
internal static class ScalarReference
{
    /// <summary>Combinations 0..7 are counted; 8 (dead) and anything else is ignored.</summary>
    public static long[] CountCombinations(ReadOnlySpan<int> combination)
    {
        var counts = new long[8];
        foreach (int c in combination)
        {
            if (c is >= 0 and < 8)
            {
                counts[c]++;
            }
        }

        return counts;
    }

    /// <summary>
    /// The documented <c>Accumulate.SumFixedPoint</c>: over living people, <c>Σ round(v·2¹⁶)</c> and <c>Σ round(fl(v²·2¹²))</c>
    /// with <c>v = clamp(values[i] · scale, 0, 127.99)</c>. The product is taken in single precision (the engine's
    /// documented working precision); the clamp and the scaling by powers of two are exact, and ties round to even. The
    /// square of a float is exact in double precision; <c>fl</c> rounds it to single precision (as the engine's one
    /// multiplication does) and the result is rounded to the nearest integer, ties to even.
    /// </summary>
    public static (long Sum, long SumOfSquares) SumFixedPoint(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale)
    {
        long sum = 0;
        long squares = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (alive[i] == 0)
            {
                continue;
            }

            float v = Math.Clamp(values[i] * scale, 0f, 127.99f);
            long q16 = (long)Math.Round(v * 65536.0, MidpointRounding.ToEven);
            sum += q16;
            squares += (long)Math.Round((double)(float)((double)v * v * 4096.0), MidpointRounding.ToEven);
        }

        return (sum, squares);
    }

    /// <summary>
    /// The documented <c>Accumulate.Histogram</c>: bin <c>floor((v·scale − lo) / width)</c>, clamped to the first and last
    /// bin, computed in double precision; returns null when the value is so close to a bin edge that single-precision
    /// arithmetic may legitimately put it on either side.
    /// </summary>
    public static int? HistogramBin(float value, float scale, float lo, double width, int bins)
    {
        double x = ((double)(value * scale) - lo) / width;
        double nearestEdge = Math.Round(x);
        if (Math.Abs(x - nearestEdge) < 1e-4 && nearestEdge > 0 && nearestEdge < bins)
        {
            return null;
        }

        return x <= 0 ? 0 : x >= bins - 1 ? bins - 1 : (int)Math.Floor(x);
    }

    /// <summary>Distance between two floats in units in the last place (0 when equal, including both zero).</summary>
    public static long UlpDistance(float a, float b)
    {
        if (a == b)
        {
            return 0;
        }

        long ia = Ordered(BitConverter.SingleToInt32Bits(a));
        long ib = Ordered(BitConverter.SingleToInt32Bits(b));
        return Math.Abs(ia - ib);

        static long Ordered(int bits) => bits < 0 ? int.MinValue - (long)bits : bits;
    }
}
