using System.Diagnostics;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli.Tests.Support;

/// <summary>The outcome of one sarcosim invocation.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs sarcosim in this process (fast, for most tests) or as a child process (for signals).</summary>
internal static class Sarcosim
{
    // Wide enough that tables never wrap in assertions.
    private const int ConsoleWidth = 200;

    /// <summary>The width Spectre gives a console whose output is redirected to a file or pipe.</summary>
    public const int RedirectedWidth = 80;

    public static CliResult Run(params string[] args) => Run(CancellationToken.None, args);

    public static CliResult Run(int width, params string[] args) => Run(CancellationToken.None, width, args);

    public static CliResult Run(CancellationToken cancellation, params string[] args) => Run(cancellation, ConsoleWidth, args);

    public static CliResult Run(CancellationToken cancellation, int width, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SarcosimCli.RunAsync(args, PlainConsole(output, width), output, error, cancellation).GetAwaiter().GetResult();
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>A console without colours, animation or wrapping below <paramref name="width"/> that writes into <paramref name="output"/>.</summary>
    public static IAnsiConsole PlainConsole(StringWriter output, int width = ConsoleWidth)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>Starts the built tool as a child process with redirected output.</summary>
    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, _ => { }, args);

    /// <summary>Starts the built tool as a child process with redirected output, after <paramref name="configure"/> has adjusted its start (e.g. its environment).</summary>
    public static Process Start(string workingDirectory, Action<ProcessStartInfo> configure, params string[] args) =>
        ChildProcess.Start(workingDirectory, configure, "dotnet", [Path.Combine(AppContext.BaseDirectory, "sarcosim.dll"), .. args]);
}

/// <summary>Child processes with redirected standard output and error.</summary>
internal static class ChildProcess
{
    /// <summary>Starts <paramref name="program"/> with <paramref name="args"/>, after <paramref name="configure"/> has adjusted its start.</summary>
    public static Process Start(string workingDirectory, Action<ProcessStartInfo> configure, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        configure(start);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("sarcosim-test-").FullName;
    }

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        File.WriteAllText(this[name], content);
        return this[name];
    }

    /// <summary>Every entry in the folder, hidden ones included (a leftover staging folder would show here).</summary>
    public string[] Entries() => [.. Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order()!];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Finds the repository root (the folder holding the solution) from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sarcopenia.Sim.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The test is not running inside the repository: no Sarcopenia.Sim.sln above its output folder.");
    }
}
