using System.Runtime.Intrinsics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Numerics;

/// <summary>
/// <see cref="FloatMath"/>'s 2^x, log₂ and sin/cos against double precision, and each lane-wise twin against its
/// scalar form bit for bit.
/// </summary>
public sealed class FloatMathTests
{
    /// <summary>2^-24: half the width of a uniform cell.</summary>
    private const float HalfCell = 1f / (1 << 24);

    [Fact]
    public void FmaByRoundToOdd_IsTheCorrectlyRoundedFusedMultiplyAdd_IncludingTiesThatDoubleRoundingGetsWrong()
    {
        // (1 + 2⁻¹²)² = 1 + 2⁻¹¹ + 2⁻²⁴ lies exactly halfway between two floats; 2⁻⁸⁰ more or less decides the rounding,
        // and is lost when the sum is first rounded to nearest in double precision.
        float a = 1f + MathF.ScaleB(1f, -12);
        var triples = new List<(float A, float B, float C)>
        {
            (a, a, MathF.ScaleB(1f, -80)), (a, a, -MathF.ScaleB(1f, -80)), (a, a, 0f), (-a, a, MathF.ScaleB(1f, -80)),
            (1e20f, 1e20f, -1f), (3e38f, 2f, -1f), (1e-30f, 1e-20f, 0f), (0f, -1f, 0f), (float.PositiveInfinity, 1f, 1f), (float.NaN, 1f, 1f),
        };
        var random = new Random(20261202);
        for (int n = 0; n < 100_000; n++)
        {
            // Significands across the range, exponents that make the product and the addend cancel or not.
            float x = (float)((random.NextDouble() * 2) - 1) * MathF.ScaleB(1f, random.Next(-20, 21));
            float y = (float)((random.NextDouble() * 2) - 1) * MathF.ScaleB(1f, random.Next(-20, 21));
            float z = n % 3 == 0 ? -x * y * (1 + (float)(random.NextDouble() * 1e-6)) : (float)((random.NextDouble() * 2) - 1) * MathF.ScaleB(1f, random.Next(-45, 45));
            triples.Add((x, y, z));
        }

        foreach ((float x, float y, float z) in triples)
        {
            float expected = MathF.FusedMultiplyAdd(x, y, z);
            float emulated = FloatMath.FmaByRoundToOdd(Vector128.Create(x), Vector128.Create(y), Vector128.Create(z)).GetElement(2);
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(emulated) || (float.IsNaN(expected) && float.IsNaN(emulated)),
                $"fma({x:R}, {y:R}, {z:R}) = {expected:R}, emulated {emulated:R}");
        }
    }

    [Fact]
    public void Exp2_IsAccurateOverItsRangeAndTheVectorTwinAgrees()
    {
        // Every 1024th float of [-126, 126] (about 2.2 million arguments, every binade of both signs), plus the
        // reduction's boundaries at half-integers. Measured max relative error 7.5e-8 over this sweep (1.3 ulp of
        // 2^-24).
        const double Tolerance = 1.0e-7;
        const int Stride = 1024;

        var arguments = new List<float> { 0f, -126f, 126f, 0.5f, -0.5f, 1.5f, -1.5f, 125.5f, -125.5f };
        for (int bits = BitConverter.SingleToInt32Bits(float.Epsilon); BitConverter.Int32BitsToSingle(bits) <= 126f; bits += Stride)
        {
            float x = BitConverter.Int32BitsToSingle(bits);
            arguments.Add(x);
            arguments.Add(-x);
        }

        (int mismatches, double worst) = Twins.Compare<Exp2Lanes>(arguments, FloatMath.Exp2, x => Math.Pow(2, x));

        Assert.Equal(0, mismatches);
        Assert.True(worst <= Tolerance, $"max relative error {worst:E3}");
    }

    [Fact]
    public void Exp2_ClampsArgumentsOutsideItsRange_AndEqualsTheBoundedFormInside()
    {
        Assert.Equal(FloatMath.Exp2(126f), FloatMath.Exp2(1000f));
        Assert.Equal(FloatMath.Exp2(-126f), FloatMath.Exp2(-1000f));
        Assert.True(float.IsNormal(FloatMath.Exp2(-126f)) && float.IsFinite(FloatMath.Exp2(126f)));
        foreach (float x in new[] { -126f, -31.7f, -0.5f, 0f, 1e-9f, 0.49999997f, 3.25f, 126f })
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(FloatMath.Exp2(x)), BitConverter.SingleToInt32Bits(FloatMath.Exp2Bounded(x)));
            Assert.Equal(
                BitConverter.SingleToInt32Bits(FloatMath.Exp2(x)),
                BitConverter.SingleToInt32Bits(FloatMath.Exp2Bounded<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>(Vector128.Create(x)).ToScalar()));
            Assert.Equal(
                BitConverter.SingleToInt32Bits(FloatMath.Exp2(x)),
                BitConverter.SingleToInt32Bits(FloatMath.Exp2<Simd128, Vector128<float>, Vector128<int>, Vector128<uint>>(Vector128.Create(x)).ToScalar()));
        }
    }

    [Fact]
    public void Log2_IsAccurateOnUniformsAndTheVectorTwinAgrees()
    {
        // Every uniform cell of (0, 1): the arguments of Box–Muller's radius. The error is relative where |log₂ u| ≥ 1/2
        // (measured 1.3e-7) and in the table's last interval, u ≥ 31/32, whose offset is exact, so that the radius keeps
        // its relative precision as u approaches 1; in between it is absolute (measured 3.9e-8, under half an ulp of 1),
        // because the table's offsets are rounded to float.
        const double AbsoluteTolerance = 5.0e-8;
        const double RelativeTolerance = 1.5e-7;
        var u = new List<float>();
        for (uint cell = 0; cell < (1u << 23); cell++)
        {
            u.Add(CounterRng.ToUniform(cell << 9));
        }

        (int mismatches, _) = Twins.Compare<Log2Lanes>(u, FloatMath.Log2, Math.Log2);
        double worstAbsolute = 0;
        double worstRelative = 0;
        foreach (float x in u)
        {
            double exact = Math.Log2(x);
            double error = Math.Abs(FloatMath.Log2(x) - exact);
            if (Math.Abs(exact) >= 0.5 || x >= 31f / 32)
            {
                worstRelative = Math.Max(worstRelative, error / Math.Abs(exact));
            }
            else
            {
                worstAbsolute = Math.Max(worstAbsolute, error);
            }
        }

        Assert.Equal(0, mismatches);
        Assert.True(worstAbsolute <= AbsoluteTolerance, $"max absolute error {worstAbsolute:E3}");
        Assert.True(worstRelative <= RelativeTolerance, $"max relative error {worstRelative:E3}");
    }

    [Fact]
    public void Log2_IsAccurateAcrossTheNormalFloatRange()
    {
        // Every binade from the smallest normal float to the largest, 4096 significands each, and the values next to 1
        // on both sides, where the table's first and last intervals reduce exactly. Measured max relative error 1.3e-7
        // away from 1 (|log₂ x| ≥ 1/2) and right next to it, and absolute error 3.7e-8 in between.
        const double AbsoluteTolerance = 5.0e-8;
        const double RelativeTolerance = 1.5e-7;
        var x = new List<float> { 1.0000001f, 0.99999994f, 1.0001f, 0.9999f, 1.0625f, 1.9999999f, 2f };
        for (int exponent = 1; exponent < 255; exponent++)
        {
            for (int significand = 0; significand < (1 << 23); significand += 2047)
            {
                x.Add(BitConverter.Int32BitsToSingle((exponent << 23) | significand));
            }
        }

        x.Remove(1f);
        (int mismatches, _) = Twins.Compare<Log2Lanes>(x, FloatMath.Log2, Math.Log2);
        static bool Relative(float v) => Math.Abs(Math.Log2(v)) >= 0.5 || Math.Abs(v - 1) < 1e-3;
        double worstAbsolute = x.Where(v => !Relative(v)).Max(v => Math.Abs(FloatMath.Log2(v) - Math.Log2(v)));
        double worstRelative = x.Where(Relative).Max(v => Math.Abs((FloatMath.Log2(v) - Math.Log2(v)) / Math.Log2(v)));

        Assert.Equal(0, mismatches);
        Assert.True(worstAbsolute <= AbsoluteTolerance, $"max absolute error {worstAbsolute:E3}");
        Assert.True(worstRelative <= RelativeTolerance, $"max relative error {worstRelative:E3}");
        Assert.Equal(0f, FloatMath.Log2(1f));
    }

    [Fact]
    public void SinCosEighthTurn_IsAccurateAndTheVectorTwinAgrees_AtEveryWidth()
    {
        // Every angle cell of Box–Muller's eighth turn (t in eighths of a turn) plus its ends; measured max absolute error
        // 8.7e-8 (the float ulp just below 1 is 6e-8).
        const double Tolerance = 1.0e-7;
        var eighths = new List<float> { 0f, 1f };
        for (uint cell = 0; cell < (1u << 23); cell++)
        {
            eighths.Add((cell + 0.5f) * (2 * HalfCell));
        }

        var check = new SinCosCheck(eighths);
        SimdWidths.ForEach(check);
        (int mismatches, double worst) = (check.Mismatches, check.Worst);
        Assert.Equal(0, mismatches);
        Assert.True(worst <= Tolerance, $"max absolute error {worst:E3}");
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    /// <summary>Every angle's sine and cosine at each width against the scalar twin (bit for bit) and against double precision.</summary>
    private sealed class SinCosCheck(List<float> eighths) : ISimdCheck
    {
        public int Mismatches { get; private set; }

        public double Worst { get; private set; }

        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            int width = TSimd.Lanes;
            var t = new float[width];
            for (int start = 0; start + width <= eighths.Count; start += width)
            {
                eighths.CopyTo(start, t, 0, width);
                FloatMath.SinCosEighthTurn<TSimd, TF, TI, TU>(SimdWidths.Vector<TF, float>(t), out TF sinVector, out TF cosVector);
                float[] sinLanes = SimdWidths.Lanes<TF, float>(sinVector), cosLanes = SimdWidths.Lanes<TF, float>(cosVector);
                for (int lane = 0; lane < width; lane++)
                {
                    FloatMath.SinCosEighthTurn(t[lane], out float sin, out float cos);
                    Mismatches += Bits(sin) == Bits(sinLanes[lane]) && Bits(cos) == Bits(cosLanes[lane]) ? 0 : 1;
                    double angle = t[lane] * (Math.PI / 4);
                    Worst = Math.Max(Worst, Math.Max(Math.Abs(sin - Math.Sin(angle)), Math.Abs(cos - Math.Cos(angle))));
                }
            }
        }
    }
}
