using System.Globalization;
using Sarcopenia.Sim.Heritability;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Charts of twin analyses: a variance component's share by age band (with its profile-likelihood interval), by sex,
/// and the twins' trait values against each other by zygosity. They draw fits and pairs they are given.
/// </summary>
public static class HeritabilityCharts
{
    // Each sex's points sit this far either side of the band's position, so their interval bars do not overlap.
    private const double SexOffset = 0.12;

    // Pairs are drawn as small translucent dots: 10⁵ pairs would otherwise be one blot.
    private const float PairMarkerSize = 3;
    private const double PairAlpha = 0.35;

    /// <summary>
    /// Draws the share of <paramref name="component"/> under <paramref name="model"/> in each age band, one series per
    /// sex (or one for both sexes), each point with its confidence interval as a bar.
    /// </summary>
    /// <param name="fits">Fits by age band (and sex), as <see cref="TwinModels.FitBy"/> returns them; skipped subgroups are left out.</param>
    /// <param name="model">The model whose estimates are drawn.</param>
    /// <param name="component">The component; additive genetic (heritability) by default.</param>
    /// <exception cref="ArgumentException">No subgroup has an age band and a fit of <paramref name="model"/> with <paramref name="component"/>.</exception>
    public static Plot ByAgeBand(IReadOnlyList<TwinSubsetFit> fits, TwinModel model = TwinModel.Ace, VarianceComponent component = VarianceComponent.Additive)
    {
        ArgumentNullException.ThrowIfNull(fits);
        (TwinSubset Subset, VarianceEstimate Estimate)[] points =
        [
            .. fits.Where(f => f.Subset.AgeLow is not null)
                .Select(f => (f.Subset, Estimate: f.Models?[model]?[component]))
                .Where(p => p.Estimate is not null)
                .Select(p => (p.Subset, p.Estimate!)),
        ];
        if (points.Length == 0)
        {
            throw new ArgumentException($"No age band has a fit of {model.Name()} with {component}; fit by age band (TwinGrouping.AgeBandEdges) first.", nameof(fits));
        }

        (double Low, double? High)[] bands = [.. points.Select(p => (p.Subset.AgeLow!.Value, p.Subset.AgeHigh)).Distinct().OrderBy(b => b.Item1)];
        var plot = new Plot();
        Sex?[] sexes = [.. points.Select(p => p.Subset.Sex).Distinct().OrderBy(s => s)];
        foreach (Sex? sex in sexes)
        {
            (TwinSubset Subset, VarianceEstimate Estimate)[] series = [.. points.Where(p => p.Subset.Sex == sex).OrderBy(p => p.Subset.AgeLow)];
            double offset = sexes.Length == 1 ? 0 : sex == Sex.Female ? -SexOffset : SexOffset;
            double[] xs = [.. series.Select(p => Array.IndexOf(bands, (p.Subset.AgeLow!.Value, p.Subset.AgeHigh)) + offset)];
            double[] ys = [.. series.Select(p => p.Estimate.Proportion)];
            Color color = sex is Sex s ? ChartTheme.ColorOf(s) : ChartTheme.Black;
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = sex switch { Sex.Female => "Women", Sex.Male => "Men", _ => "Both sexes" };
            line.MarkerSize = 8;
            if (series.All(p => double.IsFinite(p.Estimate.Lower)))
            {
                var bars = plot.Add.ErrorBar(xs, ys, [.. series.Select(_ => 0.0)]);
                bars.YErrorNegative = [.. series.Select(p => p.Estimate.Proportion - p.Estimate.Lower)];
                bars.YErrorPositive = [.. series.Select(p => p.Estimate.Upper - p.Estimate.Proportion)];
                bars.Color = color;
            }
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bands.Length).Select(i => (double)i)],
            [.. bands.Select(b => b.High is double high ? string.Create(CultureInfo.InvariantCulture, $"{b.Low}–{high}") : string.Create(CultureInfo.InvariantCulture, $"{b.Low}+"))]);
        plot.Axes.SetLimitsX(-0.5, bands.Length - 0.5);
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Alignment.UpperRight);
        string letter = char.ToLowerInvariant(component.Letter()).ToString();
        string trait = fits.Select(f => f.Models?[model]).First(f => f is not null)!.Trait;
        ChartTheme.AddCaption(plot, $"{model.Name()} models fitted by maximum likelihood in each age band; bars are 95 % profile-likelihood intervals. Pairs per band: "
            + string.Join(", ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Subset.Label} {p.Subset.Pairs.Count:N0}"))) + ".");
        return ChartTheme.Apply(plot, $"{Capitalized(trait)}: {letter}² by age", "Age band (years)", $"{letter}² (share of the variance)");
    }

    /// <summary>Draws twin 2's trait value against twin 1's, monozygotic and dizygotic pairs as separate series.</summary>
    /// <param name="data">The pairs.</param>
    /// <param name="trait">The trait, or <see langword="null"/> for the only one.</param>
    public static Plot Scatter(TwinPairs data, string? trait = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        TwinColumn<double> column = data.Trait(trait);
        IReadOnlyList<TwinCorrelation> correlations = TwinCorrelations.ByZygosity(data, column.Name);
        var plot = new Plot();
        (string Label, Func<Zygosity, bool> Includes, Color Color)[] groups =
        [
            ("MZ", z => z == Zygosity.Monozygotic, ChartTheme.Blue),
            ("DZ", z => z != Zygosity.Monozygotic, ChartTheme.Orange),
        ];
        foreach ((string label, Func<Zygosity, bool> includes, Color color) in groups)
        {
            int[] rows = [.. Enumerable.Range(0, data.Count).Where(r => includes(data.Zygosity[r]))];
            if (rows.Length == 0)
            {
                continue;
            }

            double[] xs = [.. rows.Select(r => column.Twin1[r])], ys = [.. rows.Select(r => column.Twin2[r])];
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, PairMarkerSize, color.WithAlpha(PairAlpha));
            markers.LegendText = string.Create(CultureInfo.InvariantCulture, $"{label} ({rows.Length:N0} pairs)");
        }

        plot.ShowLegend(Alignment.UpperLeft);
        ChartTheme.AddCaption(plot, "Intraclass correlations: " + string.Join(", ", correlations.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{Short(r.Zygosity)} {r.Correlation:0.00} ({r.Lower:0.00}–{r.Upper:0.00})"))) + ". DZ includes opposite-sex pairs.");
        return ChartTheme.Apply(plot, $"{Capitalized(column.Name)}: twin 1 against twin 2", $"Twin 1's {column.Name}", $"Twin 2's {column.Name}");
    }

    private static string Short(Zygosity zygosity) => zygosity switch
    {
        Zygosity.Monozygotic => "MZ",
        Zygosity.DizygoticSameSex => "DZ same-sex",
        _ => "DZ opposite-sex",
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
