using Sarcopenia.Sim.Plotting.Tests.Support;
using ScottPlot;
using SkiaSharp;

namespace Sarcopenia.Sim.Plotting.Tests;

public class ChartThemeTests
{
    [Fact]
    public void FontName_IsInstalled()
    {
        // Without this font ScottPlot renders without error but draws no text at all: fail loudly instead
        // (install the Debian package fonts-dejavu-core).
        using SKTypeface? typeface = SKFontManager.Default.MatchFamily(ChartTheme.FontName);
        Assert.NotNull(typeface);
        Assert.Equal(ChartTheme.FontName, typeface.FamilyName);
    }

    [Fact]
    public void ScottPlotDefaultFont_ResolvesToSomeFont()
    {
        Assert.False(string.IsNullOrEmpty(Fonts.Default), "ScottPlot found no font: text would silently disappear.");
    }

    [Fact]
    public void Apply_SetsFontOnTitleAxesAndLegend()
    {
        using Plot plot = DeclineCharts.Decline(Runs.Evidence, Trait.Grip);

        Assert.Equal(ChartTheme.FontName, plot.Axes.Title.Label.FontName);
        Assert.Equal(ChartTheme.FontName, plot.Axes.Bottom.Label.FontName);
        Assert.Equal(ChartTheme.FontName, plot.Axes.Left.Label.FontName);
        Assert.Equal(ChartTheme.FontName, plot.Legend.FontName);
        Assert.All(plot.Axes.GetPanels().OfType<CaptionPanel>(), c => Assert.Equal(ChartTheme.FontName, c.Label.FontName));
    }

    [Fact]
    public void RenderedSvg_DrawsTextInTheThemeFont()
    {
        using Plot plot = PrevalenceCharts.Stages(Runs.Evidence, Sex.Female);

        string svg = plot.GetSvgXml(ChartExport.DefaultWidth, ChartExport.DefaultHeight);

        Assert.Contains($"font-family=\"{ChartTheme.FontName}\"", svg, StringComparison.Ordinal);
        Assert.Contains(Rendered.Title(plot), Rendered.SvgTexts(svg));
        Assert.Contains("Age (years)", Rendered.SvgTexts(svg));
    }

    [Fact]
    public void Palette_HasEightDistinctOkabeItoColours()
    {
        Assert.Equal(8, ChartTheme.Palette.Distinct().Count());
        Assert.Equal(ChartTheme.Palette[0], ChartTheme.SeriesColor(ChartTheme.Palette.Count));
        Assert.NotEqual(ChartTheme.ColorOf(Sex.Female), ChartTheme.ColorOf(Sex.Male));
    }

    [Fact]
    public void ColorOf_GivesEachStageItsOwnColour()
    {
        Stage[] stages = Enum.GetValues<Stage>();
        Assert.Equal(stages.Length, stages.Select(ChartTheme.ColorOf).Distinct().Count());
    }
}
