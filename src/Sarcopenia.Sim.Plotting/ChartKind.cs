namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// A named kind of chart in <see cref="ChartCatalog"/> (for example <c>decline</c>): it builds one or more
/// <see cref="Chart"/>s from a <see cref="SimulationResult"/>, rerunning the result's cohort and seed where it compares
/// definitions or presets.
/// </summary>
public sealed class ChartKind
{
    private readonly Func<SimulationResult, ChartOptions, IEnumerable<Chart>> _build;

    internal ChartKind(string name, string description, TraitSet requiredHistograms, Func<SimulationResult, ChartOptions, IEnumerable<Chart>> build)
    {
        Name = name;
        Description = description;
        RequiredHistograms = requiredHistograms;
        _build = build;
    }

    /// <summary>The kind's name, as typed on a command line: lower case with hyphens.</summary>
    public string Name { get; }

    /// <summary>One sentence on what the kind draws.</summary>
    public string Description { get; }

    /// <summary>The histograms the result must have accumulated (<see cref="RunOptions.Histograms"/>).</summary>
    public TraitSet RequiredHistograms { get; }

    /// <summary>
    /// Why this kind's charts cannot be drawn from <paramref name="result"/> ("need the histogram of LossRate, which the
    /// run did not accumulate"), or <see langword="null"/> when they can.
    /// </summary>
    public string? Unavailable(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TraitSet missing = RequiredHistograms & ~result.Histograms;
        return missing == TraitSet.None ? null : $"need the histogram of {missing}, which the run did not accumulate";
    }

    /// <summary>Builds this kind's charts from <paramref name="result"/>.</summary>
    /// <exception cref="InvalidOperationException">The result lacks a histogram in <see cref="RequiredHistograms"/>.</exception>
    public IReadOnlyList<Chart> Build(SimulationResult result, ChartOptions? options = null)
    {
        if (Unavailable(result) is { } reason)
        {
            throw new InvalidOperationException(
                $"The \"{Name}\" charts {reason}; run with {nameof(RunOptions)}.{nameof(RunOptions.Histograms)} including them (or {nameof(ChartCatalog)}.{nameof(ChartCatalog.RequiredHistograms)}).");
        }

        return [.. _build(result, options ?? new ChartOptions())];
    }

    /// <summary>Builds this kind's charts and writes each as PNG and/or SVG in <paramref name="directory"/>.</summary>
    /// <returns>The full paths written.</returns>
    public IReadOnlyList<string> Write(SimulationResult result, string directory, ChartFormat formats = ChartFormat.All, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        var written = new List<string>();
        foreach (Chart chart in Build(result, options))
        {
            using (chart)
            {
                written.AddRange(chart.Save(directory, formats, options.Width, options.Height));
            }
        }

        return written;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
