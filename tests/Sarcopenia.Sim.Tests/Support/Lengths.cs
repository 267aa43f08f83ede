using System.Numerics;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>Span lengths for testing vectorised kernels against their scalar twins.</summary>
internal static class Lengths
{
    /// <summary>
    /// Every length from 0 to 4 * <see cref="Vector{T}.Count"/> + 3 for <see cref="float"/>, as xunit member data:
    /// empty, shorter than one vector, exact multiples, and every remainder after one to four full vectors.
    /// </summary>
    public static IEnumerable<object[]> UpToFourVectorsPlusThree =>
        Enumerable.Range(0, (4 * Vector<float>.Count) + 4).Select(length => new object[] { length });
}
