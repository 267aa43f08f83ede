using System.Numerics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Tests.Support;

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

        // The ends and the reduction's boundaries, then the sweep of both signs.
        var arguments = new List<float> { 0f, -87f, 88f, MathF.Log(2) / 2, -MathF.Log(2) / 2, 1.5f * MathF.Log(2) };
        for (int bits = BitConverter.SingleToInt32Bits(float.Epsilon); BitConverter.Int32BitsToSingle(bits) <= 88f; bits += Stride)
        {
            arguments.Add(BitConverter.Int32BitsToSingle(bits));
        }

        for (int bits = BitConverter.SingleToInt32Bits(float.Epsilon); BitConverter.Int32BitsToSingle(bits) <= 87f; bits += Stride)
        {
            arguments.Add(-BitConverter.Int32BitsToSingle(bits));
        }

        (int mismatches, double worst) = Twins.Compare(arguments, FloatMath.Exp, FloatMath.Exp, Math.Exp);

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
