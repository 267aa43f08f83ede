namespace Sarcopenia.Sim.Plotting.Tests;

public class CaptionPanelTests
{
    [Fact]
    public void Constructor_WrapsAtWordBoundaries()
    {
        var caption = new CaptionPanel("one two three four five", lineLength: 9);

        Assert.Equal("one two\nthree\nfour five", caption.Label.Text);
    }

    [Fact]
    public void Constructor_KeepsAWordLongerThanTheLineWhole()
    {
        var caption = new CaptionPanel("a extraordinarily b", lineLength: 5);

        Assert.Equal("a\nextraordinarily\nb", caption.Label.Text);
    }

    [Fact]
    public void AddCaption_AddsABottomPanel()
    {
        using var plot = new ScottPlot.Plot();

        CaptionPanel caption = ChartTheme.AddCaption(plot, "Source: somewhere.");

        Assert.Contains(caption, plot.Axes.GetPanels());
        Assert.Equal(ScottPlot.Edge.Bottom, caption.Edge);
        Assert.Equal(ChartTheme.CaptionSize, caption.Label.FontSize);
    }
}
