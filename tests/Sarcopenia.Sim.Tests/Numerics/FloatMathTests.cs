using System.Numerics;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Tests.Numerics;

/// <summary>
/// <see cref="FloatMath.Exp(float)"/> against double precision, and its lane-wise twin against it bit for bit
/// (ln and sin/cos are tested with the generator that uses them, in <c>CounterRngTests</c>).
/// </summary>
public sealed class FloatMathTests
{
    [Fact]
    public void Exp_IsAccurateOverItsRangeAndTheVectorTwinAgrees()
    {
        // Every 1024th float of [-87, 88] (about 2.2 million arguments, every binade of both signs, including the
        // reduction's boundaries at odd multiples of ln(2)/2). Measured max relative error 8.2e-8 over this sweep.
        const double Tolerance = 1.0e-7;
        const int Stride = 1024;

        // The ends and the reduction's boundaries first, so that they are in whole vectors; the sweep's last partial
        // vector is padded with its last argument.
        var arguments = new List<float> { 0f, -87f, 88f, MathF.Log(2) / 2, -MathF.Log(2) / 2, 1.5f * MathF.Log(2) };
        for (int bits = BitConverter.SingleToInt32Bits(float.Epsilon); BitConverter.Int32BitsToSingle(bits) <= 88f; bits += Stride)
        {
            arguments.Add(BitConverter.Int32BitsToSingle(bits));
        }

        for (int bits = BitConverter.SingleToInt32Bits(float.Epsilon); BitConverter.Int32BitsToSingle(bits) <= 87f; bits += Stride)
        {
            arguments.Add(-BitConverter.Int32BitsToSingle(bits));
        }

        while (arguments.Count % Vector<float>.Count != 0)
        {
            arguments.Add(arguments[^1]);
        }

        int width = Vector<float>.Count;
        var x = new float[width];
        var vectorExp = new float[width];
        double worst = 0;
        int mismatches = 0;
        for (int start = 0; start + width <= arguments.Count; start += width)
        {
            arguments.CopyTo(start, x, 0, width);
            FloatMath.Exp(new Vector<float>(x)).CopyTo(vectorExp);
            for (int lane = 0; lane < width; lane++)
            {
                float exp = FloatMath.Exp(x[lane]);
                mismatches += BitConverter.SingleToInt32Bits(exp) == BitConverter.SingleToInt32Bits(vectorExp[lane]) ? 0 : 1;
                double exact = Math.Exp(x[lane]);
                worst = Math.Max(worst, Math.Abs((exp - exact) / exact));
            }
        }

        Assert.Equal(0, mismatches);
        Assert.True(worst <= Tolerance, $"max relative error {worst:E3}");
    }

    [Fact]
    public void Exp_ClampsArgumentsOutsideItsRange()
    {
        Assert.Equal(FloatMath.Exp(88f), FloatMath.Exp(1000f));
        Assert.Equal(FloatMath.Exp(-87f), FloatMath.Exp(-1000f));
        Assert.True(float.IsNormal(FloatMath.Exp(-87f)) && float.IsFinite(FloatMath.Exp(88f)));
    }
}
