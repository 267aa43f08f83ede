using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Physiology;

/// <summary>Body-size kernels: height that shrinks with age.</summary>
internal static class BodySize
{
    /// <summary>
    /// The lowest height, m, that loss can shrink anyone to. Parameters that would shrink someone further (validation
    /// allows up to 2 cm a year at every age) stop here, which keeps 1 / height² finite; 1 m is far below any adult
    /// population's range, so the floor changes nothing for published rates.
    /// </summary>
    public const float MinimumHeight = 1f;

    /// <summary><c>max(height − loss, <see cref="MinimumHeight"/>)</c>, in metres, at the width of <typeparamref name="TSimd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Shrink<TSimd, TF, TI, TU>(TF height, TF loss)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        TSimd.Max(TSimd.Subtract(height, loss), TSimd.Broadcast(MinimumHeight));

    /// <summary>The scalar twin of <see cref="Shrink{TSimd, TF, TI, TU}(TF, TF)"/>.</summary>
    public static float Shrink(float height, float loss) => MathF.Max(height - loss, MinimumHeight);
}
