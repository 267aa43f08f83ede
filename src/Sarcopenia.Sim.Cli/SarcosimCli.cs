using System.CommandLine;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// The <c>sarcosim</c> command line: parses arguments, runs a command, and turns every failure into a one-paragraph
/// message and a documented exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal static class SarcosimCli
{
    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Where tables, progress and summaries go.</param>
    /// <param name="output">Where help and version text go.</param>
    /// <param name="error">Where error messages go.</param>
    /// <param name="cancellation">Cancelled on Ctrl-C or SIGTERM.</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show details (and stack traces) of errors.", Recursive = true };
        var context = new CliContext(console, error);
        RootCommand root = Build(context);
        root.Options.Add(verbose);

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per problem; an option's parser may report the same problem on more than one path.
            foreach (string message in parse.Errors.Select(e => e.Message).Distinct())
            {
                await error.WriteLineAsync($"sarcosim: {message}");
            }

            await error.WriteLineAsync("Run 'sarcosim --help' (or 'sarcosim <command> --help') for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(configuration, cancellation);
        }
        catch (Exception e)
        {
            (int code, string message) = Describe(e, parse.GetValue(verbose));
            await error.WriteLineAsync(message);
            return code;
        }
    }

    private static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "sarcosim: population microsimulation of age-related muscle loss (sarcopenia). Runs scenario files, writes tidy CSV tables, "
            + "a manifest and a results file, and replays single lives.");
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(MergeCommand.Create(context));
        root.Subcommands.Add(SlurmCommand.Create(context));
        root.Subcommands.Add(ListCommands.Presets(context));
        root.Subcommands.Add(ListCommands.Definitions(context));
        root.Subcommands.Add(ProjectCommand.Create(context));
        root.Subcommands.Add(MicrosimCommands.Compare(context));
        root.Subcommands.Add(ListCommands.Populations(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(PersonCommand.Create(context));
        root.Subcommands.Add(ChartCommand.Create(context));
        root.Subcommands.Add(TwinsCommand.Create(context));
        root.Subcommands.Add(TwinsFitCommand.Create(context));
        root.Subcommands.Add(CheckModelCommand.Create(context));
        root.Subcommands.Add(CalibrateCommand.Create(context));
        root.Subcommands.Add(ListCommands.Schema(context));
        return root;
    }

    /// <summary>The exit code and the one-paragraph message of a failure (with its stack trace when <paramref name="verbose"/>).</summary>
    internal static (int Code, string Message) Describe(Exception e, bool verbose)
    {
        (int code, string message) = e switch
        {
            OperationCanceledException => (ExitCodes.Interrupted, "sarcosim: interrupted; no results were written (an existing output folder is unchanged)."),
            ScenarioException or TableFileException or UsageException or InvalidDataException or TargetFileException => (ExitCodes.InvalidInput, $"sarcosim: {e.Message}"),
            ParameterValidationException => (ExitCodes.InvalidInput, $"sarcosim: {e.Message}"),
            OutputDirectoryException => (ExitCodes.OutputUnavailable, $"sarcosim: {e.Message}"),
            _ => (ExitCodes.UnexpectedError, $"sarcosim: unexpected error: {e.Message}" + (verbose ? "" : " (run again with --verbose for details)")),
        };
        return (code, verbose ? $"{message}{Environment.NewLine}{e}" : message);
    }
}

/// <summary>
/// Where a command writes: results to <see cref="Console"/>, notes that are not errors (charts skipped) to
/// <see cref="Error"/>; errors travel as exceptions to <see cref="SarcosimCli.RunAsync"/>.
/// </summary>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Error)
{
    /// <summary>Writes a line of plain text, unwrapped, so scripts can read it.</summary>
    public void WriteLine(string text) => Console.Profile.Out.Writer.Write(text + "\n");
}
