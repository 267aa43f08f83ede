using System.Text;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>Image formats a chart can be written in.</summary>
[Flags]
public enum ChartFormat
{
    /// <summary>No file.</summary>
    None = 0,

    /// <summary>PNG raster image.</summary>
    Png = 1,

    /// <summary>SVG vector image (text stays text, in <see cref="ChartTheme.FontName"/>).</summary>
    Svg = 2,

    /// <summary>PNG and SVG.</summary>
    All = Png | Svg,
}

/// <summary>
/// Writes charts to PNG and SVG files. Each file is written to a temporary file in the same folder and then renamed
/// over the target, so a failed or killed run never leaves a half-written image behind.
/// </summary>
public static class ChartExport
{
    /// <summary>Default image width, pixels: wide enough for the legend beside age 30–100 curves.</summary>
    public const int DefaultWidth = 900;

    /// <summary>Default image height, pixels (roughly the golden ratio of the width, plus room for a caption).</summary>
    public const int DefaultHeight = 600;

    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="plot"/> as a PNG image to <paramref name="path"/>, replacing any file there.</summary>
    /// <returns>The full path written.</returns>
    public static string SavePng(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return WriteAtomically(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    /// <summary>Writes <paramref name="plot"/> as an SVG image to <paramref name="path"/>, replacing any file there.</summary>
    /// <returns>The full path written.</returns>
    public static string SaveSvg(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return WriteAtomically(path, s_utf8NoBom.GetBytes(plot.GetSvgXml(width, height)));
    }

    /// <summary>
    /// Writes <paramref name="plot"/> as <c><paramref name="name"/>.png</c> and/or <c>.svg</c> in <paramref name="directory"/>,
    /// creating the folder if needed.
    /// </summary>
    /// <returns>The full paths written, PNG first.</returns>
    public static IReadOnlyList<string> Save(Plot plot, string directory, string name, ChartFormat formats = ChartFormat.All,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Directory.CreateDirectory(directory);
        var written = new List<string>(2);
        if (formats.HasFlag(ChartFormat.Png))
        {
            written.Add(SavePng(plot, Path.Combine(directory, name + ".png"), width, height));
        }

        if (formats.HasFlag(ChartFormat.Svg))
        {
            written.Add(SaveSvg(plot, Path.Combine(directory, name + ".svg"), width, height));
        }

        return written;
    }

    /// <summary>The PNG image as an HTML <c>img</c> element with a base-64 data URI, for notebooks and reports.</summary>
    public static string ToHtmlImage(Plot plot, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string data = Convert.ToBase64String(plot.GetImageBytes(width, height, ImageFormat.Png));
        return $"<img width=\"{width}\" height=\"{height}\" src=\"data:image/png;base64,{data}\" />";
    }

    private static string WriteAtomically(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return full;
    }
}
