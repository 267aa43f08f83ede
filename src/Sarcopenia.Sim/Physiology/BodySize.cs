using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sarcopenia.Sim.Physiology;

/// <summary>Body-size kernels: height that shrinks with age, held as 1 / height² (what the ASM index needs).</summary>
internal static class BodySize
{
    /// <summary>1 / (h − <paramref name="loss"/>)² for h = 1 / √<paramref name="inverseHeightSquared"/>, heights in metres.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ShrinkInverseHeightSquared(Vector<float> inverseHeightSquared, Vector<float> loss)
    {
        Vector<float> height = Vector<float>.One / Vector.SquareRoot(inverseHeightSquared) - loss;
        return Vector<float>.One / (height * height);
    }

    /// <summary>The scalar twin of <see cref="ShrinkInverseHeightSquared(Vector{float}, Vector{float})"/>.</summary>
    public static float ShrinkInverseHeightSquared(float inverseHeightSquared, float loss)
    {
        float height = 1f / MathF.Sqrt(inverseHeightSquared) - loss;
        return 1f / (height * height);
    }
}
