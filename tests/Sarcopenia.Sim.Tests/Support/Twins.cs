using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>A lane-wise function written once for every vector width (see <see cref="Twins.Compare{TFunction}"/>).</summary>
internal interface ILaneFunction
{
    /// <summary>The function, lane by lane, at the width of <typeparamref name="TSimd"/>.</summary>
    static abstract TF Apply<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>;
}

/// <summary>Runs a lane-wise function and its scalar twin over the same arguments and measures both against double precision.</summary>
internal static class Twins
{
    /// <summary>
    /// Evaluates <typeparamref name="TFunction"/> a vector at a time at every width the machine offers and
    /// <paramref name="scalar"/> one argument at a time over <paramref name="arguments"/> (the last partial vector is
    /// padded with the last argument), and returns how many results differ in any bit (summed over the widths) and the
    /// largest relative error of the scalar results against <paramref name="exact"/>.
    /// </summary>
    public static (int Mismatches, double WorstRelativeError) Compare<TFunction>(
        IReadOnlyList<float> arguments, Func<float, float> scalar, Func<double, double> exact)
        where TFunction : ILaneFunction
    {
        var check = new CompareCheck<TFunction>(arguments, scalar, exact);
        SimdWidths.ForEach(check);
        return (check.Mismatches, check.Worst);
    }

    private sealed class CompareCheck<TFunction>(IReadOnlyList<float> arguments, Func<float, float> scalar, Func<double, double> exact) : ISimdCheck
        where TFunction : ILaneFunction
    {
        public int Mismatches { get; private set; }

        public double Worst { get; private set; }

        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            int width = TSimd.Lanes;
            var x = new float[width];
            for (int start = 0; start < arguments.Count; start += width)
            {
                for (int lane = 0; lane < width; lane++)
                {
                    x[lane] = arguments[Math.Min(start + lane, arguments.Count - 1)];
                }

                float[] lanes = SimdWidths.Lanes<TF, float>(TFunction.Apply<TSimd, TF, TI, TU>(SimdWidths.Vector<TF, float>(x)));
                for (int lane = 0; lane < width; lane++)
                {
                    float result = scalar(x[lane]);
                    Mismatches += BitConverter.SingleToInt32Bits(result) == BitConverter.SingleToInt32Bits(lanes[lane]) ? 0 : 1;
                    double expected = exact(x[lane]);
                    Worst = Math.Max(Worst, Math.Abs((result - expected) / expected));
                }
            }
        }
    }
}

/// <summary><see cref="FloatMath.Exp2{TSimd, TF, TI, TU}(TF)"/> as an <see cref="ILaneFunction"/>.</summary>
internal readonly struct Exp2Lanes : ILaneFunction
{
    public static TF Apply<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        FloatMath.Exp2<TSimd, TF, TI, TU>(x);
}

/// <summary><see cref="FloatMath.Log2{TSimd, TF, TI, TU}(TF)"/> as an <see cref="ILaneFunction"/>.</summary>
internal readonly struct Log2Lanes : ILaneFunction
{
    public static TF Apply<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        FloatMath.Log2<TSimd, TF, TI, TU>(x);
}
