using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sarcopenia.Sim.Physiology;

namespace Sarcopenia.Sim.Tests.Physiology;

public sealed class BodySizeTests
{
    [Property(MaxTest = 200)]
    public Property Shrink_VectorEqualsScalarTwinInEveryLane() =>
        Prop.ForAll(
            Gen.Choose(900, 2_000).Select(mm => mm / 1_000f).ArrayOf(Vector<float>.Count).ToArbitrary(),
            Gen.Choose(0, 200).Select(mm => mm / 10_000f).ToArbitrary(),
            (heights, loss) =>
            {
                Vector<float> shrunk = BodySize.Shrink(new Vector<float>(heights), new Vector<float>(loss));
                return Enumerable.Range(0, Vector<float>.Count).All(i =>
                    BitConverter.SingleToInt32Bits(shrunk[i]) == BitConverter.SingleToInt32Bits(BodySize.Shrink(heights[i], loss)));
            });

    [Theory]
    [InlineData(1.70f, 0.003f, 1.697f)]
    [InlineData(1.55f, 0.0075f, 1.5425f)]
    [InlineData(1.01f, 0.02f, BodySize.MinimumHeight)]
    [InlineData(0.95f, 0f, BodySize.MinimumHeight)]
    public void Shrink_SubtractsTheLoss_DownToTheFloor(float height, float loss, float expected) =>
        Assert.Equal(expected, BodySize.Shrink(height, loss), 1e-6f);
}
