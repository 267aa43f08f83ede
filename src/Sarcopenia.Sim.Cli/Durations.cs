using System.Globalization;

namespace Sarcopenia.Sim.Cli;

/// <summary>Durations as people read them, at any size: "0.4 s", "12 s", "5 min 3 s", "2 h 5 min", "41 d 3 h".</summary>
internal static class Durations
{
    private const double SecondsPerMinute = 60;
    private const double SecondsPerHour = 3600;
    private const double SecondsPerDay = 86_400;

    // Below this, tenths of a second still mean something to the reader.
    private const double TenthsBelowSeconds = 10;

    /// <summary>Formats <paramref name="seconds"/>; "?" when it is unknown (NaN, infinite or negative).</summary>
    public static string Format(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return "?";
        }

        string Whole(double value) => Math.Floor(value).ToString("N0", CultureInfo.InvariantCulture);
        return seconds switch
        {
            < TenthsBelowSeconds => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
            < SecondsPerMinute => $"{Whole(seconds)} s",
            < SecondsPerHour => $"{Whole(seconds / SecondsPerMinute)} min {Whole(seconds % SecondsPerMinute)} s",
            < SecondsPerDay => $"{Whole(seconds / SecondsPerHour)} h {Whole(seconds % SecondsPerHour / SecondsPerMinute)} min",
            _ => $"{Whole(seconds / SecondsPerDay)} d {Whole(seconds % SecondsPerDay / SecondsPerHour)} h",
        };
    }
}
