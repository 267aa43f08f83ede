using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// The determinism invariant across instruction sets: the same run in child processes that the runtime restricts to
/// each vector path the machine offers (AVX-512 at 512 and 256 bits, AVX2, 128 bits with and without FMA or AVX, and no
/// hardware intrinsics at all) writes the same tables, bit for bit (their SHA-256 in the results file).
/// </summary>
public sealed class InstructionSetIdentityTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    // The default scenario at a small size: mortality, measurement, four ancestries, every statistic with SDs and four
    // histograms, so every kernel (draws, year step, sums, counts, histograms) takes part.
    private static readonly string[] s_run = ["run", "--people", "3000", "--threads", "2"];

    // The reference: the machine's widest path (the tool's default), run once for every case.
    private static readonly Lazy<Task<(string Hash, string Output)>> s_widest = new(() => TablesHashAsync(s_run, ""));

    /// <summary>
    /// Each path, by the runtime's switches. <c>DOTNET_EnableAVX512</c> is .NET 10's switch for the whole AVX-512 family;
    /// the older <c>DOTNET_EnableAVX512F</c> is set beside it for runtimes that still read that one.
    /// </summary>
    public static TheoryData<string, string> Paths => new()
    {
        { "AVX-512, 256-bit Vector<T>", "DOTNET_MaxVectorTBitWidth=256" },
        { "AVX2", "DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0" },
        { "128-bit Vector<T> with AVX2 and FMA (as ARM64's width)", "DOTNET_MaxVectorTBitWidth=128" },
        { "128-bit with AVX, no FMA", "DOTNET_EnableAVX2=0" },
        { "128-bit SSE4.1", "DOTNET_EnableAVX=0" },
        { "no hardware intrinsics", "DOTNET_EnableHWIntrinsic=0" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Run_WritesTheSameTables_OnEveryInstructionSetPath(string path, string environment)
    {
        (string widest, _) = await s_widest.Value;
        (string hash, string output) = await TablesHashAsync(s_run, environment);

        Assert.True(widest == hash, $"{path} ({environment}) wrote different tables; its summary:{Environment.NewLine}{output}");
    }

    [Fact]
    public async Task Paths_ReallyRestrictTheVectorWidth()
    {
        // Guards the switches' names: a misspelt or retired switch would silently compare the widest path with itself.
        (_, string narrow) = await TablesHashAsync(["run", "--people", "1000"], "DOTNET_EnableAVX2=0");
        Assert.Contains("128-bit vectors", narrow);
        if (Vector512.IsHardwareAccelerated)
        {
            (_, string avx2) = await TablesHashAsync(["run", "--people", "1000"], "DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0");
            Assert.Contains("256-bit vectors", avx2);
        }
    }

    /// <summary>Runs the tool with <paramref name="environment"/> (space-separated NAME=value) and returns its tables' hash and its output.</summary>
    private static async Task<(string Hash, string Output)> TablesHashAsync(string[] args, string environment)
    {
        using var folder = new TempFolder();
        string outputFolder = folder["out"];
        using Process process = Sarcosim.Start(folder.Path, startInfo =>
        {
            // Only the switches asked for: none inherited from the test's own environment.
            foreach (string name in startInfo.Environment.Keys.Where(IsVectorSwitch).ToList())
            {
                startInfo.Environment.Remove(name);
            }

            foreach (string setting in environment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = setting.Split('=', 2);
                startInfo.Environment[parts[0]] = parts[1];
            }
        }, [.. args, "--out", outputFolder]);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode} with {environment}: {await errors}");

        using JsonDocument results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outputFolder, ResultsFile.DefaultFileName)));
        return (results.RootElement.GetProperty("tablesSha256").GetString()!, await output);
    }

    private static bool IsVectorSwitch(string name) =>
        name.StartsWith("DOTNET_Enable", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_Enable", StringComparison.OrdinalIgnoreCase)
        || name.Contains("VectorTBitWidth", StringComparison.OrdinalIgnoreCase) || name.Contains("PreferredVectorBitWidth", StringComparison.OrdinalIgnoreCase);
}
