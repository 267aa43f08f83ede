using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Physiology;

/// <summary>The power law <c>x^γ</c> that maps relative strength to relative gait speed, specialized at compile time.</summary>
internal interface IGaitLaw
{
    /// <summary>Computes <c>x^γ</c> for one lane.</summary>
    static abstract float Apply(float x, float gamma);

    /// <summary>Computes <c>x^γ</c> lane-wise at the width of <typeparamref name="TSimd"/>.</summary>
    static abstract TF Apply<TSimd, TF, TI, TU>(TF x, TF gamma)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>;
}

/// <summary><c>x^0.5</c> as a square root: exact to the last bit and cheaper than exp/log (RW1 uses γ = 0.5).</summary>
internal readonly struct SquareRootGaitLaw : IGaitLaw
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float x, float gamma) => MathF.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Apply<TSimd, TF, TI, TU>(TF x, TF gamma)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        TSimd.SquareRoot(x);
}

/// <summary>General <c>x^γ = 2^(γ · log₂ x)</c> for x &gt; 0.</summary>
internal readonly struct PowerGaitLaw : IGaitLaw
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float x, float gamma) => FloatMath.Exp2(gamma * FloatMath.Log2(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Apply<TSimd, TF, TI, TU>(TF x, TF gamma)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        FloatMath.Exp2<TSimd, TF, TI, TU>(TSimd.Multiply(gamma, FloatMath.Log2<TSimd, TF, TI, TU>(x)));
}
