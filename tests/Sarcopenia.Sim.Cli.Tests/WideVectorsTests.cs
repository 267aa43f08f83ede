using System.Diagnostics;
using System.Runtime.Intrinsics;
using Sarcopenia.Sim.Cli.Tests.Support;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>The tool's restart with 512-bit vectors on AVX-512 Linux machines, seen from outside, in a real child process.</summary>
public sealed class WideVectorsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The width a fresh process gets when nothing configures it: 256 bits on x64 with AVX2 or AVX-512, else 128.
    /// (This test process may itself run at another width, if the suite was started with the variable set.)
    /// </summary>
    private static int DefaultBits => Vector256.IsHardwareAccelerated ? 256 : 128;

    [Fact]
    public async Task Run_ComputesAtTheWidestVectorWidthTheMachineOffers_AndStillExitsZeroWithItsOutput()
    {
        // The child inherits this environment minus the width settings (and so this process's AVX-512 switches).
        int expected = OperatingSystem.IsLinux() && Vector512.IsHardwareAccelerated ? 512 : DefaultBits;

        CliRun run = await RunChildAsync(width: null, "run", "--people", "2000");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{expected}-bit vectors", run.Output);
        Assert.Contains("Prevalence", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_KeepsTheWidthTheVariableAsksFor()
    {
        CliRun run = await RunChildAsync(width: "256", "run", "--people", "2000");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{Math.Min(256, DefaultBits)}-bit vectors", run.Output);
    }

    [Fact]
    public async Task Run_AfterARestart_SeesExactlyTheArgumentsItWasGiven_IncludingAnEmptyLastOne()
    {
        // An empty scenario path is bad input (exit 2, named in the message) with or without a restart; a restart that
        // dropped the trailing empty argument would silently run the embedded default scenario instead.
        CliRun restarted = await RunChildAsync(width: null, "run", "--people", "1000", "");
        CliRun direct = await RunChildAsync(width: "256", "run", "--people", "1000", "");

        Assert.Equal(2, direct.ExitCode);
        Assert.Equal(direct.ExitCode, restarted.ExitCode);
        Assert.Equal(direct.Error, restarted.Error);
    }

    private static async Task<CliRun> RunChildAsync(string? width, params string[] args)
    {
        using var folder = new TempFolder();
        using Process process = Sarcosim.Start(folder.Path, startInfo =>
        {
            startInfo.Environment.Remove(WideVectors.WidthVariable);
            startInfo.Environment.Remove(WideVectors.LegacyWidthVariable);
            if (width is not null)
            {
                startInfo.Environment[WideVectors.WidthVariable] = width;
            }
        }, args);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await errors);
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
