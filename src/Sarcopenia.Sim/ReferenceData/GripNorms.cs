namespace Sarcopenia.Sim.ReferenceData;

/// <summary>One age band of a published grip-strength centile table.</summary>
/// <param name="FromAge">First age of the band.</param>
/// <param name="ToAge">Last age of the band.</param>
/// <param name="Sex">Sex.</param>
/// <param name="P10">10th centile, kg.</param>
/// <param name="P50">Median, kg.</param>
/// <param name="P90">90th centile, kg.</param>
public sealed record GripCentiles(int FromAge, int ToAge, Sex Sex, double P10, double P50, double P90)
{
    /// <summary>The band's middle age.</summary>
    public double MidAge => (FromAge + ToAge) / 2.0;
}

/// <summary>Published grip-strength norms, shipped as cited data for calibration tests and chart reference points.</summary>
public static class GripNorms
{
    /// <summary>
    /// The citation of <see cref="International"/>, in words a chart caption can show. (The values were transcribed from a
    /// public transcription of the paper's tables; docs/presets.md says so beside the sources.)
    /// </summary>
    public const string InternationalSource =
        "Tomkinson GR et al. International norms for adult handgrip strength: a systematic review of data on 2.4 million adults " +
        "from 69 countries. J Sport Health Sci 2025;14:101014";

    /// <summary>International P10 / P50 / P90 grip (kg) by age band and sex (<see cref="InternationalSource"/>).</summary>
    public static IReadOnlyList<GripCentiles> International { get; } =
    [
        new(20, 24, Sex.Male, 36.8, 48.0, 60.1),
        new(30, 34, Sex.Male, 38.3, 49.7, 61.5),
        new(40, 44, Sex.Male, 36.0, 48.8, 61.5),
        new(50, 54, Sex.Male, 32.8, 46.2, 59.4),
        new(60, 64, Sex.Male, 29.1, 42.4, 55.6),
        new(70, 74, Sex.Male, 25.2, 37.7, 50.6),
        new(80, 84, Sex.Male, 20.8, 32.3, 44.7),
        new(90, 94, Sex.Male, 16.1, 26.3, 38.1),
        new(20, 24, Sex.Female, 21.7, 28.6, 36.6),
        new(30, 34, Sex.Female, 21.8, 29.7, 38.0),
        new(40, 44, Sex.Female, 20.7, 29.4, 38.3),
        new(50, 54, Sex.Female, 19.4, 28.2, 37.1),
        new(60, 64, Sex.Female, 17.6, 26.2, 34.9),
        new(70, 74, Sex.Female, 15.5, 23.6, 31.8),
        new(80, 84, Sex.Female, 12.9, 20.4, 28.0),
        new(90, 94, Sex.Female, 9.8, 16.7, 23.6),
    ];
}
