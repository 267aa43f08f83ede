using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>A built chart: its file name stem, a one-line caption and the <see cref="ScottPlot.Plot"/> itself.</summary>
/// <param name="Name">File name without extension, e.g. <c>decline-grip</c>: lower case, digits and hyphens.</param>
/// <param name="Caption">One sentence saying what the chart shows, for galleries and reports.</param>
/// <param name="Plot">The plot, ready to restyle or save.</param>
public sealed record Chart(string Name, string Caption, Plot Plot) : IDisposable
{
    /// <summary>Writes the chart as <see cref="Name"/>.png and/or .svg in <paramref name="directory"/> (see <see cref="ChartExport.Save"/>).</summary>
    /// <returns>The full paths written.</returns>
    public IReadOnlyList<string> Save(string directory, ChartFormat formats = ChartFormat.All,
        int width = ChartExport.DefaultWidth, int height = ChartExport.DefaultHeight) =>
        ChartExport.Save(Plot, directory, Name, formats, width, height);

    /// <summary>Releases the plot's rendering resources.</summary>
    public void Dispose() => Plot.Dispose();
}
