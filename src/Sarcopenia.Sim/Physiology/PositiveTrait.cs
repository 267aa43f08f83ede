using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Physiology;

/// <summary>Positive physical traits drawn from a normal distribution.</summary>
internal static class PositiveTrait
{
    // Physical traits are positive; the floor is reached only in the far tail (beyond −4.5 SD for the presets'
    // widest trait, grip) and keeps every ratio and index finite.
    private const float Floor = 0.05f;

    /// <summary>mean + sd · z, floored at 5 % of the mean, at the width of <typeparamref name="TSimd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Draw<TSimd, TF, TI, TU>((float Mean, float Sd) normal, TF z)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        TSimd.Max(TSimd.Add(TSimd.Broadcast(normal.Mean), TSimd.Multiply(TSimd.Broadcast(normal.Sd), z)), TSimd.Broadcast(Floor * normal.Mean));
}
