using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Benchmarks;

/// <summary>
/// The values of a <c>MaxVectorBits</c> benchmark parameter (<see cref="RunOptions.MaxVectorBits"/>): every width this
/// machine offers, widest first, so that one run of a benchmark compares them side by side in one process.
/// </summary>
/// <remarks>
/// BenchmarkDotNet reads the values in the host process. A job that switches instruction sets off in its child process
/// (e.g. <c>--envVars DOTNET_EnableAVX512:0</c>) runs a wider value at the child's widest, so its rows repeat that width.
/// </remarks>
public static class VectorWidths
{
    /// <summary>Every width this machine offers, in bits, widest first.</summary>
    public static IEnumerable<int> Available() => VectorWidth.Available;
}
