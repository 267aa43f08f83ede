namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// A named kind of chart in <see cref="ChartCatalog"/> (for example <c>decline</c>): it draws one or more
/// <see cref="Chart"/>s from <see cref="ChartInputs"/>, a result and what the caller prepared from it
/// (<see cref="Preparation"/>). A kind only draws; it never simulates.
/// </summary>
public sealed class ChartKind
{
    private readonly Func<ChartInputs, IEnumerable<Chart>> _build;

    internal ChartKind(string name, string description, TraitSet requiredHistograms, ChartPreparation preparation, Func<ChartInputs, IEnumerable<Chart>> build)
    {
        Name = name;
        Description = description;
        RequiredHistograms = requiredHistograms;
        Preparation = preparation;
        _build = build;
    }

    /// <summary>The kind's name, as typed on a command line: lower case with hyphens.</summary>
    public string Name { get; }

    /// <summary>One sentence on what the kind draws.</summary>
    public string Description { get; }

    /// <summary>The histograms the result must have accumulated (<see cref="RunOptions.Histograms"/>).</summary>
    public TraitSet RequiredHistograms { get; }

    /// <summary>What the caller must prepare in <see cref="ChartInputs"/> beyond the result.</summary>
    public ChartPreparation Preparation { get; }

    /// <summary>
    /// Why this kind's charts cannot be drawn from <paramref name="result"/> ("need the histogram of LossRate, which the
    /// run did not accumulate"), or <see langword="null"/> when the run has what they need. Check this before preparing
    /// the other inputs: no preparation makes up for a histogram the run did not accumulate.
    /// </summary>
    public string? Unavailable(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TraitSet missing = RequiredHistograms & ~result.Histograms;
        return missing == TraitSet.None ? null : $"need the histogram of {missing}, which the run did not accumulate";
    }

    /// <summary>
    /// Why this kind's charts cannot be drawn from <paramref name="inputs"/>: a histogram the run lacks (as
    /// <see cref="Unavailable(SimulationResult)"/>) or an input not prepared ("need ChartInputs.Definitions, which was
    /// not prepared"); <see langword="null"/> when they can be drawn.
    /// </summary>
    public string? Unavailable(ChartInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Unavailable(inputs.Result) is { } reason)
        {
            return reason;
        }

        ChartPreparation missing = Preparation & ~Prepared(inputs);
        return missing == ChartPreparation.None ? null : $"need {nameof(ChartInputs)}.{missing}, which was not prepared";
    }

    /// <summary>Builds this kind's charts from <paramref name="inputs"/>; the caller disposes them.</summary>
    /// <exception cref="InvalidOperationException">The result lacks a histogram in <see cref="RequiredHistograms"/>, or an input in <see cref="Preparation"/> is missing.</exception>
    public IReadOnlyList<Chart> Build(ChartInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Unavailable(inputs.Result) is { } histograms)
        {
            throw new InvalidOperationException(
                $"The \"{Name}\" charts {histograms}; run with {nameof(RunOptions)}.{nameof(RunOptions.Histograms)} including them (or {nameof(ChartCatalog)}.{nameof(ChartCatalog.RequiredHistograms)}).");
        }

        if (Unavailable(inputs) is { } reason)
        {
            throw new InvalidOperationException($"The \"{Name}\" charts {reason}; the caller prepares it (see {nameof(ChartInputs)}), because charts never simulate.");
        }

        return [.. _build(inputs)];
    }

    /// <summary>Builds this kind's charts and writes each as PNG and/or SVG in <paramref name="directory"/>.</summary>
    /// <returns>The full paths written.</returns>
    /// <exception cref="InvalidOperationException">As for <see cref="Build"/>.</exception>
    public IReadOnlyList<string> Write(ChartInputs inputs, string directory, ChartFormat formats = ChartFormat.All, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        var written = new List<string>();
        foreach (Chart chart in Build(inputs))
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

    private static ChartPreparation Prepared(ChartInputs inputs) =>
        (inputs.Lives is null ? ChartPreparation.None : ChartPreparation.Lives)
        | (inputs.Definitions is null ? ChartPreparation.None : ChartPreparation.Definitions)
        | (inputs.Presets is null ? ChartPreparation.None : ChartPreparation.Presets);
}
