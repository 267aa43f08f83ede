namespace Sarcopenia.Sim.Results;

/// <summary>
/// The fixed histogram bins of each trait. Fixed bins make histograms additive; centiles are read by linear
/// interpolation within a bin, so their error is at most half a bin and usually far less.
/// </summary>
internal static class TraitBins
{
    /// <summary>Bins per trait histogram.</summary>
    public const int Count = 256;

    /// <summary>Lower edge of the first bin, in the trait's unit.</summary>
    /// <remarks>
    /// The annual loss is exactly zero before the onset age, so its first bin is centred on zero: a centile that falls
    /// in that point mass then interpolates to about zero (and is clamped there) instead of to half a bin width.
    /// </remarks>
    public static float Low(Trait trait) => trait == Trait.LossRate ? -LossRateBinWidth / 2 : 0f;

    /// <summary>Upper edge of the last bin. Chosen to cover every value the presets can produce: ASM ≤ 64 kg, ASMI ≤ 16 kg/m²,
    /// grip ≤ 128 kg, gait ≤ 3.2 m/s, annual loss ≤ 25.55 %/yr (RW1 caps it at 20 %).</summary>
    public static float High(Trait trait) => trait switch
    {
        Trait.Asm => 64f,
        Trait.Asmi => 16f,
        Trait.Grip => 128f,
        Trait.Gait => 3.2f,
        _ => Count * LossRateBinWidth - LossRateBinWidth / 2,
    };

    // 0.1 %/yr bins resolve the review's 1-5 %/yr range and the literature's 0.4-1 %/yr.
    private const float LossRateBinWidth = 0.1f;

    /// <summary>Bin width.</summary>
    public static float Width(Trait trait) => (High(trait) - Low(trait)) / Count;
}
