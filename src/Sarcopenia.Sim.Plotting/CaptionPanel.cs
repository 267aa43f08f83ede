using System.Text;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// A caption below the bottom axis: a source or note in small type, left-aligned with the data area and wrapped to
/// several lines. ScottPlot's own title panel only sits at the top edge, and a source belongs under the figure.
/// </summary>
public sealed class CaptionPanel : IPanel
{
    // About 120 characters of 11-pixel DejaVu Sans (~6.3 px each) fit under the data area of a 900-pixel-wide chart.
    private const int DefaultLineLength = 120;

    // Space between the axis label above and the caption, and below the caption to the image edge, pixels.
    private const float Padding = 6;

    /// <summary>Creates a caption, wrapping <paramref name="text"/> at word boundaries into lines of at most <paramref name="lineLength"/> characters.</summary>
    public CaptionPanel(string text, int lineLength = DefaultLineLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(lineLength, 1);
        Label.Text = Wrap(text, lineLength);
    }

    /// <summary>The caption's text and style (font, size, colour).</summary>
    public LabelStyle Label { get; } = new()
    {
        Alignment = Alignment.UpperLeft,
        ForeColor = Color.FromHex("#444444"),
        Rotation = 0,
    };

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public Edge Edge => Edge.Bottom;

    /// <inheritdoc />
    public bool ShowDebugInformation { get; set; }

    /// <inheritdoc />
    public float MinimumSize { get; set; }

    /// <inheritdoc />
    public float MaximumSize { get; set; } = float.MaxValue;

    /// <inheritdoc />
    public float Measure(Paint paint) =>
        IsVisible && !string.IsNullOrWhiteSpace(Label.Text) ? Label.Measure(Label.Text, paint).Height + 2 * Padding : 0;

    /// <inheritdoc />
    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(left: dataRect.Left, right: dataRect.Right, bottom: dataRect.Bottom + offset + size, top: dataRect.Bottom + offset);

    /// <inheritdoc />
    public void Render(RenderPack rp, float size, float offset)
    {
        ArgumentNullException.ThrowIfNull(rp);
        if (!IsVisible)
        {
            return;
        }

        PixelRect rect = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        Label.Render(rp.Canvas, new Pixel(rect.Left, rect.Top + Padding), rp.Paint, true);
    }

    private static string Wrap(string text, int lineLength)
    {
        var wrapped = new StringBuilder();
        int column = 0;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (column > 0 && column + 1 + word.Length > lineLength)
            {
                wrapped.Append('\n');
                column = 0;
            }
            else if (column > 0)
            {
                wrapped.Append(' ');
                column++;
            }

            wrapped.Append(word);
            column += word.Length;
        }

        return wrapped.ToString();
    }
}
