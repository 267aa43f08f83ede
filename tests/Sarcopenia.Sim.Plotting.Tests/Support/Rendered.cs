using System.Text.RegularExpressions;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting.Tests.Support;

/// <summary>Renders plots in memory and reads what was drawn, without golden images.</summary>
internal static partial class Rendered
{
    private static readonly byte[] s_pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Renders <paramref name="plot"/> to PNG and SVG and checks both are well formed and carry the title as text.</summary>
    public static void AssertRendersWithText(Plot plot, string title)
    {
        byte[] png = plot.GetImageBytes(ChartExport.DefaultWidth, ChartExport.DefaultHeight, ImageFormat.Png);
        Assert.True(png.AsSpan().StartsWith(s_pngSignature), "not a PNG");
        string svg = plot.GetSvgXml(ChartExport.DefaultWidth, ChartExport.DefaultHeight);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains(title, SvgTexts(svg));
    }

    /// <summary>The text content of every <c>&lt;text&gt;</c> element of <paramref name="svg"/>.</summary>
    public static IReadOnlyList<string> SvgTexts(string svg) =>
        [.. TextElement().Matches(svg).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];

    /// <summary>The title text of <paramref name="plot"/>.</summary>
    public static string Title(Plot plot) => plot.Axes.Title.Label.Text;

    /// <summary>The axis limits after an in-memory render (autoscaled axes are only final then).</summary>
    public static AxisLimits Limits(Plot plot)
    {
        plot.RenderInMemory(ChartExport.DefaultWidth, ChartExport.DefaultHeight);
        return plot.Axes.GetLimits();
    }

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex TextElement();
}
