namespace Sarcopenia.Sim.Plotting;

/// <summary>Settings for the charts that <see cref="ChartCatalog"/> builds and writes.</summary>
public sealed record ChartOptions
{
    /// <summary>
    /// The default cap on people in comparison reruns: 100,000 people keep each rerun to about a second on two cores,
    /// while prevalence lines stay smooth (the Monte Carlo error of a 20 % prevalence at one age is about 0.2 points).
    /// </summary>
    public const long DefaultMaxRerunPeople = 100_000;

    /// <summary>The default number of lives drawn over the bands: enough to show spread, few enough to tell apart.</summary>
    public const int DefaultLives = 5;

    /// <summary>
    /// The most people simulated again for the <c>definitions</c> and <c>presets</c> charts. Reruns keep the result's
    /// cohort and seed, so the first people by id are exactly the same people as in the original run.
    /// </summary>
    public long MaxRerunPeople { get; init; } = DefaultMaxRerunPeople;

    /// <summary>Lives replayed for each <c>lives</c> chart.</summary>
    public int Lives { get; init; } = DefaultLives;

    /// <summary>Worker threads for reruns; <see langword="null"/> uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Image width, pixels.</summary>
    public int Width { get; init; } = ChartExport.DefaultWidth;

    /// <summary>Image height, pixels.</summary>
    public int Height { get; init; } = ChartExport.DefaultHeight;
}
