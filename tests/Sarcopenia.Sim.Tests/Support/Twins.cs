using System.Numerics;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>Runs a lane-wise function and its scalar twin over the same arguments and measures both against double precision.</summary>
internal static class Twins
{
    /// <summary>
    /// Evaluates <paramref name="vector"/> a vector at a time and <paramref name="scalar"/> one argument at a time over
    /// <paramref name="arguments"/> (the last partial vector is padded with the last argument), and returns how many
    /// results differ in any bit and the largest relative error of the scalar results against <paramref name="exact"/>.
    /// </summary>
    public static (int Mismatches, double WorstRelativeError) Compare(
        IReadOnlyList<float> arguments, Func<Vector<float>, Vector<float>> vector, Func<float, float> scalar, Func<double, double> exact)
    {
        int width = Vector<float>.Count;
        var x = new float[width];
        var lanes = new float[width];
        int mismatches = 0;
        double worst = 0;
        for (int start = 0; start < arguments.Count; start += width)
        {
            for (int lane = 0; lane < width; lane++)
            {
                x[lane] = arguments[Math.Min(start + lane, arguments.Count - 1)];
            }

            vector(new Vector<float>(x)).CopyTo(lanes);
            for (int lane = 0; lane < width; lane++)
            {
                float result = scalar(x[lane]);
                mismatches += BitConverter.SingleToInt32Bits(result) == BitConverter.SingleToInt32Bits(lanes[lane]) ? 0 : 1;
                double expected = exact(x[lane]);
                worst = Math.Max(worst, Math.Abs((result - expected) / expected));
            }
        }

        return (mismatches, worst);
    }
}
