using System.Diagnostics;
using System.Numerics;
using System.Runtime.Intrinsics;
using Sarcopenia.Sim.Cli.Tests.Support;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>The tool's restart with 512-bit vectors on AVX-512 Linux machines, seen from outside, in a real child process.</summary>
public sealed class WideVectorsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Run_ComputesAtTheWidestVectorWidthTheMachineOffers_AndStillExitsZeroWithItsOutput()
    {
        // A child started from here inherits this process's environment: if the variable is set here, the child must
        // keep this process's width; otherwise it restarts at 512 bits exactly when this machine is Linux with AVX-512.
        bool restarts = OperatingSystem.IsLinux() && Vector512.IsHardwareAccelerated
            && Environment.GetEnvironmentVariable(WideVectors.WidthVariable) is null && Vector<byte>.Count < 64;
        int expected = restarts ? 512 : WideVectors.CurrentBits;

        (int exitCode, string output) = await RunChildAsync(variable: null);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{expected}-bit vectors", output);
        Assert.Contains("Prevalence", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_KeepsTheWidthTheVariableAsksFor()
    {
        // 256 bits wherever the hardware has them (x64 with AVX2 or AVX-512), else the hardware's own width.
        int expected = Vector256.IsHardwareAccelerated ? 256 : Math.Min(WideVectors.CurrentBits, 128);

        (int exitCode, string output) = await RunChildAsync(variable: "256");

        Assert.Equal(0, exitCode);
        Assert.Contains($"{expected}-bit vectors", output);
    }

    private static async Task<(int ExitCode, string Output)> RunChildAsync(string? variable)
    {
        using var folder = new TempFolder();
        using Process process = Sarcosim.Start(folder.Path, startInfo =>
        {
            if (variable is null)
            {
                startInfo.Environment.Remove(WideVectors.WidthVariable);
            }
            else
            {
                startInfo.Environment[WideVectors.WidthVariable] = variable;
            }
        }, "run", "--people", "2000");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        await process.WaitForExitAsync(timeout.Token);
        _ = await errors;
        return (process.ExitCode, await output);
    }
}
