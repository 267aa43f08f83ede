using System.Diagnostics;
using System.Runtime.InteropServices;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>Interrupted runs, in a real child process: they leave the complete previous result or nothing.</summary>
public sealed class InterruptTests
{
    // SIGTERM's number on Linux and macOS; sent through libc so the test needs no kill executable.
    private const int SigTerm = 15;

    // Redirected output prints its first progress line after ProgressDisplay.PlainInterval (5 s), or at the end of a
    // shorter run, when the results are already being written: the run must last far longer than that on any machine
    // for the signal to land mid-run (7·10¹⁰ person-years, over a minute at 10⁹ a second; below the --yes threshold).
    private const string ManyPeople = "1000000000";

    // Generous: a loaded CI machine may be slow to start the runtime, but a hung child must not hang the suite.
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Run_Terminated_ExitsOneThirtyAndKeepsThePreviousResult()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Sarcosim.Run("run", "--people", "2000", "--out", folder["out"]).ExitCode);
        string previousManifest = File.ReadAllText(Path.Combine(folder["out"], RunOutputs.ManifestFile));

        using Process process = Sarcosim.Start(folder.Path, "run", "--people", ManyPeople, "--out", folder["out"], "--force");
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await WaitForProgressAsync(process);
        Assert.Equal(0, SendSignal(process.Id, SigTerm));

        await WaitForExitAsync(process);

        Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
        Assert.Contains("interrupted", await errors);
        Assert.Equal(["out"], folder.Entries());
        Assert.Equal(previousManifest, File.ReadAllText(Path.Combine(folder["out"], RunOutputs.ManifestFile)));
    }

    [Fact]
    public async Task Run_Killed_LeavesNothing()
    {
        using var folder = new TempFolder();

        using Process process = Sarcosim.Start(folder.Path, "run", "--people", ManyPeople, "--out", folder["out"]);
        _ = process.StandardError.ReadToEndAsync();
        await WaitForProgressAsync(process);
        process.Kill(entireProcessTree: true);
        await WaitForExitAsync(process);

        Assert.Empty(folder.Entries());
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);

    private static async Task WaitForProgressAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("progress:", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }

        Assert.Fail($"sarcosim exited (code {process.ExitCode}) before printing progress.");
    }

    private static async Task WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        await process.WaitForExitAsync(timeout.Token);
    }
}
