using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine;

/// <summary>The portable counting path (used where the CPU has no variable vector shift) against the fast path.</summary>
public sealed class AccumulatePortableTests
{
    public static IEnumerable<object[]> AllLengths =>
        Lengths.UpToFourVectorsPlusThree.Concat([[1000], [4099]]).SelectMany(length => VectorWidth.Available.Select(bits => new object[] { length[0], bits }));

    [Theory]
    [MemberData(nameof(AllLengths))]
    public void CountCombinationsByComparison_EqualsCountCombinations(int length, int bits)
    {
        var random = new Random(length + 17);
        int[] combination = [.. Enumerable.Range(0, length).Select(_ => random.Next(0, 9))];
        var fast = new long[8];
        var portable = new long[8];

        AccumulateAt.CountCombinations(bits, combination, fast);
        AccumulateAt.CountCombinationsByComparison(bits, combination, portable);

        Assert.Equal(fast, portable);
        Assert.Equal(combination.Count(c => c < 8), portable.Sum());
    }
}
