using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Draws chart kinds one at a time, so that one kind's failure costs only its own images: kinds the result cannot
/// support are skipped with the reason, each other kind's inputs are prepared (<see cref="ChartInputsBuilder"/>) and
/// drawn, failures are collected with theirs, and the caller reports both.
/// </summary>
internal static class ChartDrawing
{
    /// <summary>
    /// Draws every kind in <paramref name="kinds"/> that <paramref name="result"/> supports into <paramref name="folder"/>,
    /// preparing each kind's inputs with <paramref name="inputs"/> just before it is drawn.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; a cancellation is never counted as a chart failure.</exception>
    public static ChartOutcome Draw(IEnumerable<ChartKind> kinds, SimulationResult result, ChartInputsBuilder inputs, string folder, ChartFormat format, ChartOptions options, CancellationToken cancellation)
    {
        var written = new List<string>();
        var notes = new List<string>();
        var failures = new List<string>();
        foreach (ChartKind kind in kinds)
        {
            cancellation.ThrowIfCancellationRequested();
            if (kind.Unavailable(result) is { } reason)
            {
                notes.Add($"skipped the \"{kind.Name}\" charts: they {reason}; runs with --charts accumulate every histogram the charts need ('sarcosim run --charts', and the shards of 'sarcosim slurm --charts').");
                continue;
            }

            try
            {
                // Prepared here so that a failed comparison run costs only its own kind's images.
                written.AddRange(kind.Write(inputs.Prepare(result, kind.Preparation, cancellation), folder, format, options));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"could not draw the \"{kind.Name}\" charts: {e.Message}");
            }
        }

        foreach (Sex absent in ((Sex[])[Sex.Female, Sex.Male]).Except(result.Sexes))
        {
            notes.Add($"this cohort has no {(absent == Sex.Female ? "women" : "men")}, so no charts of them were drawn.");
        }

        return new ChartOutcome(written, notes, failures);
    }

    /// <summary>
    /// Reports <paramref name="outcome"/> (see <see cref="Report"/>) and returns the exit code of a command whose other
    /// work succeeded: <see cref="ChartOutcome.ExitCode"/>, or success when no charts were asked for.
    /// </summary>
    public static int Finish(ChartOutcome? outcome, TextWriter error)
    {
        if (outcome is null)
        {
            return ExitCodes.Success;
        }

        Report(outcome, error);
        return outcome.ExitCode;
    }

    /// <summary>Writes the notes and failures of <paramref name="outcome"/> to <paramref name="error"/>, one per line.</summary>
    public static void Report(ChartOutcome outcome, TextWriter error)
    {
        foreach (string line in outcome.Notes.Concat(outcome.Failures))
        {
            error.WriteLine($"sarcosim: {line}");
        }
    }
}

/// <summary>What <see cref="ChartDrawing.Draw"/> did.</summary>
/// <param name="Written">The image files written, full paths.</param>
/// <param name="Notes">Kinds or charts left out, and why (not failures).</param>
/// <param name="Failures">Kinds that failed to draw, and why.</param>
internal sealed record ChartOutcome(IReadOnlyList<string> Written, IReadOnlyList<string> Notes, IReadOnlyList<string> Failures)
{
    /// <summary>The exit code of a command whose other work succeeded.</summary>
    public int ExitCode => Failures.Count > 0 ? ExitCodes.ChartsIncomplete : ExitCodes.Success;
}
