using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>Span lengths for testing vectorised kernels against their scalar twins.</summary>
internal static class Lengths
{
    /// <summary>
    /// Every length from 0 to 4 · <see cref="VectorWidth.MostLanes"/> + 3 (the widest vector's float lanes), as xunit member data:
    /// empty, shorter than one vector, exact multiples, and every remainder after one to four full vectors.
    /// </summary>
    public static IEnumerable<object[]> UpToFourVectorsPlusThree =>
        Enumerable.Range(0, (4 * VectorWidth.MostLanes) + 4).Select(length => new object[] { length });
}
