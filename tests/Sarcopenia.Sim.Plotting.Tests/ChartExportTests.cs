using ScottPlot;

namespace Sarcopenia.Sim.Plotting.Tests;

public sealed class ChartExportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sarcosim-charts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Save_WritesPngAndSvgAndNoTemporaryFiles()
    {
        using Plot plot = SmallPlot();

        IReadOnlyList<string> written = ChartExport.Save(plot, _directory, "small");

        Assert.Equal([Path.Combine(_directory, "small.png"), Path.Combine(_directory, "small.svg")], written);
        Assert.Equal(written.Order(), Directory.GetFiles(_directory).Order());
        Assert.True(new FileInfo(written[0]).Length > 0);
        Assert.Contains("Small chart", File.ReadAllText(written[1]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChartFormat.Png, ".png")]
    [InlineData(ChartFormat.Svg, ".svg")]
    public void Save_WritesOnlyTheFormatsAsked(ChartFormat format, string extension)
    {
        using Plot plot = SmallPlot();

        string written = Assert.Single(ChartExport.Save(plot, _directory, "one", format));

        Assert.Equal(extension, Path.GetExtension(written));
    }

    [Fact]
    public void Save_CreatesTheFolderAndReplacesAnExistingFile()
    {
        string folder = Path.Combine(_directory, "nested", "charts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "c.svg"), "old");
        using Plot plot = SmallPlot();

        ChartExport.Save(plot, folder, "c", ChartFormat.Svg);

        Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "c.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void SavePng_ToAMissingFolder_ThrowsAndLeavesNothing()
    {
        using Plot plot = SmallPlot();
        string path = Path.Combine(_directory, "missing", "x.png");

        Assert.Throws<DirectoryNotFoundException>(() => ChartExport.SavePng(plot, path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void ToHtmlImage_EmbedsAPngDataUri()
    {
        using Plot plot = SmallPlot();

        string html = ChartExport.ToHtmlImage(plot, 300, 200);

        Assert.StartsWith("<img width=\"300\" height=\"200\" src=\"data:image/png;base64,iVBORw0KGgo", html, StringComparison.Ordinal);
    }

    private static Plot SmallPlot()
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 3, 1, 2 });
        return ChartTheme.Apply(plot, "Small chart", "x", "y");
    }
}
