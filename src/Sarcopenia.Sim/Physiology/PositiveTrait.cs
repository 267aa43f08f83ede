using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sarcopenia.Sim.Physiology;

/// <summary>Positive physical traits drawn from a normal distribution.</summary>
internal static class PositiveTrait
{
    // Physical traits are positive; the floor is reached only in the far tail (beyond −4.5 SD for the presets'
    // widest trait, grip) and keeps every ratio and index finite.
    private const float Floor = 0.05f;

    /// <summary>mean + sd · z, floored at 5 % of the mean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Draw((float Mean, float Sd) normal, Vector<float> z) =>
        Vector.Max(new Vector<float>(normal.Mean) + new Vector<float>(normal.Sd) * z, new Vector<float>(Floor * normal.Mean));
}
