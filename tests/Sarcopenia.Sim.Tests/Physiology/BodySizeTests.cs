using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Physiology;

public sealed class BodySizeTests
{
    [Property(MaxTest = 200)]
    public Property Shrink_VectorEqualsScalarTwinInEveryLane_AtEveryWidth() =>
        Prop.ForAll(
            Gen.Choose(900, 2_000).Select(mm => mm / 1_000f).ArrayOf(VectorWidth.MostLanes).ToArbitrary(),
            Gen.Choose(0, 200).Select(mm => mm / 10_000f).ToArbitrary(),
            (heights, loss) => SimdWidths.ForEach(new ShrinkCheck(heights, loss)));

    [Theory]
    [InlineData(1.70f, 0.003f, 1.697f)]
    [InlineData(1.55f, 0.0075f, 1.5425f)]
    [InlineData(1.01f, 0.02f, BodySize.MinimumHeight)]
    [InlineData(0.95f, 0f, BodySize.MinimumHeight)]
    public void Shrink_SubtractsTheLoss_DownToTheFloor(float height, float loss, float expected) =>
        Assert.Equal(expected, BodySize.Shrink(height, loss), 1e-6f);

    /// <summary>The first lanes of <paramref name="Heights"/> shrunk at each width, against the scalar twin bit for bit.</summary>
    private readonly record struct ShrinkCheck(float[] Heights, float Loss) : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            TF height = SimdWidths.Vector<TF, float>(Heights.AsSpan(0, TSimd.Lanes));
            float[] shrunk = SimdWidths.Lanes<TF, float>(BodySize.Shrink<TSimd, TF, TI, TU>(height, TSimd.Broadcast(Loss)));
            for (int i = 0; i < shrunk.Length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(BodySize.Shrink(Heights[i], Loss)), BitConverter.SingleToInt32Bits(shrunk[i]));
            }
        }
    }
}
