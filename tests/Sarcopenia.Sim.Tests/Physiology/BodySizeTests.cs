using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sarcopenia.Sim.Physiology;

namespace Sarcopenia.Sim.Tests.Physiology;

public sealed class BodySizeTests
{
    [Property(MaxTest = 200)]
    public Property ShrinkInverseHeightSquared_VectorEqualsScalarTwinInEveryLane() =>
        Prop.ForAll(
            Gen.Choose(1_400, 2_000).Select(mm => mm / 1_000f).ArrayOf(Vector<float>.Count).ToArbitrary(),
            Gen.Choose(0, 20).Select(mm => mm / 10_000f).ToArbitrary(),
            (heights, loss) =>
            {
                float[] inverse = [.. heights.Select(h => 1f / (h * h))];
                Vector<float> shrunk = BodySize.ShrinkInverseHeightSquared(new Vector<float>(inverse), new Vector<float>(loss));
                return Enumerable.Range(0, Vector<float>.Count).All(i =>
                    BitConverter.SingleToInt32Bits(shrunk[i]) == BitConverter.SingleToInt32Bits(BodySize.ShrinkInverseHeightSquared(inverse[i], loss)));
            });

    [Theory]
    [InlineData(1.70f, 0.003f)]
    [InlineData(1.55f, 0.0075f)]
    public void ShrinkInverseHeightSquared_IsOneOverTheShorterHeightSquared(float height, float loss)
    {
        float shrunk = BodySize.ShrinkInverseHeightSquared(1f / (height * height), loss);
        Assert.Equal(1 / ((double)(height - loss) * (height - loss)), shrunk, 1e-6 / (height * height));
    }
}
