namespace Sarcopenia.Sim.Cli;

/// <summary>The process exit codes of <c>sarcosim</c>, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// <c>check-model</c>: at least one compared target is outside its tolerance (the report is complete). The same
    /// number as <see cref="UnexpectedError"/>, as the convention of test runners has it; the message tells them apart.
    /// </summary>
    public const int TargetsFailed = 1;

    /// <summary>Something unexpected failed (a bug or an environment problem); <c>--verbose</c> shows the details.</summary>
    public const int UnexpectedError = 1;

    /// <summary>Invalid command-line arguments or an invalid scenario file.</summary>
    public const int InvalidInput = 2;

    /// <summary>The output folder exists (without <c>--force</c>) or cannot be written.</summary>
    public const int OutputUnavailable = 3;

    /// <summary>
    /// The results were written, but at least one chart could not be drawn (each failure is reported): the tables are
    /// never lost to a chart, and a script still learns that the chart set is incomplete.
    /// </summary>
    public const int ChartsIncomplete = 4;

    /// <summary><c>calibrate</c>: the optimiser did not converge within its iterations; the best point found was reported and written.</summary>
    public const int NotConverged = 5;

    /// <summary>Interrupted by Ctrl-C or SIGTERM (128 + SIGINT, the shell convention); nothing was written.</summary>
    public const int Interrupted = 130;
}
