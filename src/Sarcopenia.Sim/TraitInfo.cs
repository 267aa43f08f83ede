namespace Sarcopenia.Sim;

/// <summary>
/// What the library says about one <see cref="Trait"/>: its names, its unit and its histogram bins, in one table
/// (<see cref="All"/>) instead of a <see langword="switch"/> in every file that handles traits.
/// </summary>
/// <remarks>
/// Histograms have fixed bins, which makes them additive across chunks, shards and runs; centiles are read by linear
/// interpolation within a bin, so their error is at most half a bin and usually far less.
/// </remarks>
/// <param name="Trait">The trait.</param>
/// <param name="Name">The name in tables, CSV files and results files (the enum name, e.g. <c>LossRate</c>).</param>
/// <param name="DisplayName">The name for people, e.g. <c>Annual muscle-mass loss</c>.</param>
/// <param name="ShortName">The name for axis labels: the usual abbreviation where there is one (<c>ASM</c>), else <paramref name="DisplayName"/>.</param>
/// <param name="Unit">The unit of every value, e.g. <c>kg/m²</c>.</param>
/// <param name="HistogramLow">The lower edge of the first histogram bin, in <paramref name="Unit"/>.</param>
/// <param name="HistogramHigh">The upper edge of the last histogram bin, in <paramref name="Unit"/>.</param>
public sealed record TraitInfo(
    Trait Trait, string Name, string DisplayName, string ShortName, string Unit, float HistogramLow, float HistogramHigh)
{
    /// <summary>Bins in every trait's histogram.</summary>
    public const int HistogramBins = 256;

    // 0.1 %/yr bins resolve the review's 1-5 %/yr range and the literature's 0.4-1 %/yr. The annual loss is exactly
    // zero before the onset age, so the first bin is centred on zero: a centile that falls in that point mass then
    // interpolates to about zero (and is clamped there) instead of to half a bin width.
    private const float LossRateBinWidth = 0.1f;

    // Upper edges cover every value the presets can produce: ASM ≤ 64 kg, ASMI ≤ 16 kg/m², grip ≤ 128 kg,
    // gait ≤ 3.2 m/s, annual loss ≤ 25.55 %/yr (RW1 caps it at 20 %), height 1–2.28 m (0.5 cm bins; the floor of
    // height loss is 1 m), BMI 10–74 kg/m² (0.25 bins), ALM/BMI ≤ 2.56 m² (0.01 bins; FNIH's cut-offs are 0.512 and 0.789).
    private static readonly TraitInfo[] s_all =
    [
        new(Trait.Asm, nameof(Trait.Asm), "Appendicular skeletal muscle mass", "ASM", "kg", 0f, 64f),
        new(Trait.Asmi, nameof(Trait.Asmi), "Muscle mass index (ASM/height²)", "ASMI", "kg/m²", 0f, 16f),
        new(Trait.Grip, nameof(Trait.Grip), "Grip strength", "Grip strength", "kg", 0f, 128f),
        new(Trait.Gait, nameof(Trait.Gait), "Gait speed", "Gait speed", "m/s", 0f, 3.2f),
        new(Trait.LossRate, nameof(Trait.LossRate), "Annual muscle-mass loss", "Annual muscle-mass loss", "%/yr",
            -LossRateBinWidth / 2, (HistogramBins * LossRateBinWidth) - (LossRateBinWidth / 2)),
        new(Trait.Height, nameof(Trait.Height), "Height", "Height", "m", 1f, 2.28f),
        new(Trait.Bmi, nameof(Trait.Bmi), "Body-mass index", "BMI", "kg/m²", 10f, 74f),
        new(Trait.AsmPerBmi, nameof(Trait.AsmPerBmi), "Muscle mass per BMI (ALM/BMI)", "ALM/BMI", "m²", 0f, 2.56f),
    ];

    /// <summary>Every trait's entry, in table order (the order of <see cref="Traits.All"/>).</summary>
    public static IReadOnlyList<TraitInfo> All => s_all;

    /// <summary>The width of one histogram bin, in <see cref="Unit"/>.</summary>
    public float HistogramBinWidth => (HistogramHigh - HistogramLow) / HistogramBins;

    /// <summary>The entry for <paramref name="trait"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trait"/> is not a defined trait.</exception>
    public static TraitInfo Of(Trait trait) =>
        (uint)trait < (uint)s_all.Length ? s_all[(int)trait] : throw new ArgumentOutOfRangeException(nameof(trait), trait, "Unknown trait.");
}
