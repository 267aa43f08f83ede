namespace Sarcopenia.Sim.Plotting;

/// <summary>Settings for the images that <see cref="ChartCatalog"/> and <see cref="ChartKind"/> write.</summary>
public sealed record ChartOptions
{
    /// <summary>Image width, pixels.</summary>
    public int Width { get; init; } = ChartExport.DefaultWidth;

    /// <summary>Image height, pixels.</summary>
    public int Height { get; init; } = ChartExport.DefaultHeight;
}
