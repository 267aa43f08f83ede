using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// The one look shared by every chart: the DejaVu Sans font, the Okabe–Ito colour-blind-safe palette, font sizes and
/// the colours that stand for each sex and stage. Charts call <see cref="Apply"/> last, so callers who restyle a
/// returned <see cref="Plot"/> start from this theme.
/// </summary>
public static class ChartTheme
{
    /// <summary>
    /// The font every text element uses. Set explicitly because ScottPlot's own default falls back to a serif face
    /// when its preferred sans fonts are missing, and silently draws no text at all when no font is installed.
    /// </summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>Title size, pixels.</summary>
    public const float TitleSize = 18;

    /// <summary>Axis label size, pixels.</summary>
    public const float AxisLabelSize = 14;

    /// <summary>Legend and annotation size, pixels.</summary>
    public const float LegendSize = 12;

    /// <summary>Caption (source line) size, pixels: small, as a figure caption is beside its figure.</summary>
    public const float CaptionSize = 11;

    // Centile bands are translucent so that the median line, cut-offs and individual lives stay visible through them;
    // the inner band is drawn over the outer one, so the two alphas add up where they overlap.
    private const double OuterBandAlpha = 0.18;
    private const double InnerBandAlpha = 0.30;

    /// <summary>Okabe–Ito black, #000000.</summary>
    public static Color Black { get; } = Color.FromHex("#000000");

    /// <summary>Okabe–Ito orange, #E69F00.</summary>
    public static Color Orange { get; } = Color.FromHex("#E69F00");

    /// <summary>Okabe–Ito sky blue, #56B4E9.</summary>
    public static Color SkyBlue { get; } = Color.FromHex("#56B4E9");

    /// <summary>Okabe–Ito bluish green, #009E73.</summary>
    public static Color BluishGreen { get; } = Color.FromHex("#009E73");

    /// <summary>Okabe–Ito yellow, #F0E442.</summary>
    public static Color Yellow { get; } = Color.FromHex("#F0E442");

    /// <summary>Okabe–Ito blue, #0072B2.</summary>
    public static Color Blue { get; } = Color.FromHex("#0072B2");

    /// <summary>Okabe–Ito vermillion, #D55E00.</summary>
    public static Color Vermillion { get; } = Color.FromHex("#D55E00");

    /// <summary>Okabe–Ito reddish purple, #CC79A7.</summary>
    public static Color ReddishPurple { get; } = Color.FromHex("#CC79A7");

    /// <summary>
    /// Series colours in order of use (Okabe M, Ito K. Color Universal Design, 2008): distinguishable with every common
    /// colour-vision deficiency. Black comes last because it is kept for reference data.
    /// </summary>
    public static IReadOnlyList<Color> Palette { get; } = [Blue, Vermillion, BluishGreen, Orange, ReddishPurple, SkyBlue, Yellow, Black];

    /// <summary>The colour of a sex: vermillion for women, blue for men.</summary>
    public static Color ColorOf(Sex sex) => sex == Sex.Female ? Vermillion : Blue;

    /// <summary>The colour of a stage, light to dark with severity (sky blue, yellow, orange, vermillion).</summary>
    public static Color ColorOf(Stage stage) => stage switch
    {
        Stage.Presarcopenia => SkyBlue,
        Stage.Probable => Yellow,
        Stage.Sarcopenia => Orange,
        Stage.Severe => Vermillion,
        _ => Color.FromHex("#DDDDDD"),
    };

    /// <summary>The <paramref name="index"/>-th series colour, cycling through <see cref="Palette"/>.</summary>
    public static Color SeriesColor(int index) => Palette[index % Palette.Count];

    /// <summary>The fill colour of the outer (p5–p95) centile band drawn in <paramref name="color"/>.</summary>
    public static Color OuterBand(Color color) => color.WithAlpha(OuterBandAlpha);

    /// <summary>The fill colour of the inner (p25–p75) centile band drawn in <paramref name="color"/>.</summary>
    public static Color InnerBand(Color color) => color.WithAlpha(InnerBandAlpha);

    /// <summary>
    /// Sets the title and axis labels, then applies the theme's font and sizes to every text element of
    /// <paramref name="plot"/>, including plottable labels, the legend and any <see cref="CaptionPanel"/>.
    /// </summary>
    /// <returns><paramref name="plot"/>, for chaining.</returns>
    public static Plot Apply(Plot plot, string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, AxisLabelSize);
        plot.YLabel(yLabel, AxisLabelSize);
        plot.Font.Set(FontName);
        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = LegendSize;
        plot.Grid.MajorLineColor = Black.WithAlpha(0.08);
        foreach (IPanel panel in plot.Axes.GetPanels())
        {
            if (panel is CaptionPanel caption)
            {
                caption.Label.FontName = FontName;
            }
        }

        foreach (IPlottable plottable in plot.GetPlottables())
        {
            switch (plottable)
            {
                case ScottPlot.Plottables.Text text:
                    text.LabelFontName = FontName;
                    break;
                case ScottPlot.Plottables.AxisLine line:
                    line.LabelFontName = FontName;
                    break;
            }
        }

        return plot;
    }

    /// <summary>Adds a caption (for example a data source) below the axes, in the theme's small font.</summary>
    /// <returns>The caption panel, so callers can restyle or hide it.</returns>
    public static CaptionPanel AddCaption(Plot plot, string text)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var caption = new CaptionPanel(text);
        caption.Label.FontName = FontName;
        caption.Label.FontSize = CaptionSize;
        plot.Axes.AddPanel(caption);
        return caption;
    }
}
