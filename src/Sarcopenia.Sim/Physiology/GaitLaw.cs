using System.Numerics;
using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Physiology;

/// <summary>The power law <c>x^γ</c> that maps relative strength to relative gait speed, specialized at compile time.</summary>
internal interface IGaitLaw
{
    /// <summary>Computes <c>x^γ</c> for one lane.</summary>
    static abstract float Apply(float x, float gamma);

    /// <summary>Computes <c>x^γ</c> lane-wise.</summary>
    static abstract Vector<float> Apply(Vector<float> x, Vector<float> gamma);
}

/// <summary><c>x^0.5</c> as a square root: exact to the last bit and cheaper than exp/log (RW1 uses γ = 0.5).</summary>
internal readonly struct SquareRootGaitLaw : IGaitLaw
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float x, float gamma) => MathF.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Apply(Vector<float> x, Vector<float> gamma) => Vector.SquareRoot(x);
}

/// <summary>General <c>x^γ = 2^(γ · log₂ x)</c> for x &gt; 0.</summary>
internal readonly struct PowerGaitLaw : IGaitLaw
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float x, float gamma) => FloatMath.Exp2(gamma * FloatMath.Log2(x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Apply(Vector<float> x, Vector<float> gamma) => FloatMath.Exp2(gamma * FloatMath.Log2(x));
}
