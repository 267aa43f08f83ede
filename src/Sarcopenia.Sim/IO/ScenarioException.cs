namespace Sarcopenia.Sim.IO;

/// <summary>One problem in a scenario file.</summary>
/// <param name="Path">Where it is, as a JSON path without the leading <c>$.</c> (e.g. <c>model.massLoss.personalSigma</c>), or empty for the whole file.</param>
/// <param name="Message">A sentence naming the path, the value and what is allowed, e.g.
/// <c>model.massLoss.personalSigma = -0.2 is not allowed; expected a finite number in [0, 3].</c></param>
public sealed record ScenarioError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>
/// Thrown when a scenario file cannot be read, parsed or validated. The message names the file; one problem is one line,
/// several are listed one per line after a count, so each can be read (and grepped) on its own.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception for the problems found in <paramref name="source"/>.</summary>
    /// <param name="source">The file name (or another label) the problems belong to.</param>
    /// <param name="errors">Every problem found.</param>
    public ScenarioException(string source, IReadOnlyList<ScenarioError> errors)
        : base(BuildMessage(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The file name (or label) of the scenario.</summary>
    public new string Source { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string BuildMessage(string source, IReadOnlyList<ScenarioError> errors) =>
        errors.Count == 1
            ? $"{source}: {errors[0]}"
            : $"{source}: {errors.Count} problems:" + string.Concat(errors.Select(e => $"\n  {e}"));
}
