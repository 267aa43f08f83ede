namespace Sarcopenia.Sim.Plotting;

/// <summary>Centile bands by age, read from a result's histograms.</summary>
/// <param name="Ages">Ages with at least <see cref="Survivors.MinimumAlive"/> people alive.</param>
/// <param name="P5">5th centile at each age.</param>
/// <param name="P25">25th centile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75th centile.</param>
/// <param name="P95">95th centile.</param>
internal sealed record CentileBands(double[] Ages, double[] P5, double[] P25, double[] P50, double[] P75, double[] P95)
{
    /// <summary>Reads the bands of <paramref name="trait"/> at every age of <paramref name="result"/> with enough people alive to draw (<see cref="Survivors.DrawnAges"/>).</summary>
    /// <exception cref="InvalidOperationException">The run did not accumulate a histogram for the trait.</exception>
    public static CentileBands Of(SimulationResult result, Trait trait, Sex? sex, Ancestry? ancestry)
    {
        if (!result.Histograms.Contains(trait))
        {
            throw new InvalidOperationException(
                $"Centile bands of {trait} need its histogram; run with {nameof(RunOptions)}.{nameof(RunOptions.Histograms)} including {trait}.");
        }

        int[] ages = Survivors.DrawnAges(result, sex, ancestry);
        double[] At(double percent) => [.. ages.Select(a => result.Centile(trait, a, percent, sex, ancestry))];
        return new([.. ages.Select(a => (double)a)], At(5), At(25), At(50), At(75), At(95));
    }
}
