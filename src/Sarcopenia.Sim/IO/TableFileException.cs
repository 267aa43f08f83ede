namespace Sarcopenia.Sim.IO;

/// <summary>
/// Thrown when a user's table (population, life table, prevalence) cannot be read. Each problem names the line, the
/// column (number and header), the value and what is allowed; several are listed one per line after a count.
/// </summary>
public sealed class TableFileException : Exception
{
    // Enough to show the pattern of a systematic mistake without flooding the terminal.
    private const int MaxShown = 20;

    /// <summary>Creates the exception for the problems found in <paramref name="file"/>.</summary>
    /// <param name="file">The file name as the user gave it.</param>
    /// <param name="problems">Every problem found, e.g. <c>line 4, column 23 (population): -3 is not allowed; expected ...</c>.</param>
    public TableFileException(string file, IReadOnlyList<string> problems)
        : base(BuildMessage(file, problems))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The file name as the user gave it.</summary>
    public string File { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(string file, IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? $"{file}: {problems[0]}"
            : $"{file}: {problems.Count} problems:" + string.Concat(problems.Take(MaxShown).Select(p => $"\n  {p}"))
                + (problems.Count > MaxShown ? $"\n  ... and {problems.Count - MaxShown} more." : "");
}
