using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// The determinism invariant across instruction sets: the same run in child processes that the runtime restricts to
/// each vector path the machine offers (AVX-512, AVX2, 128 bits with and without FMA or AVX, and no hardware intrinsics
/// at all), each at the widest width its instructions allow and capped narrower with <c>--max-vector-bits</c>, writes
/// the same tables, bit for bit (their SHA-256 in the results file). No case sets the width through the runtime's
/// <c>Vector&lt;T&gt;</c> setting: the tool chooses its width itself.
/// </summary>
public sealed class InstructionSetIdentityTests
{
    // The AVX2 path: AVX-512 off by .NET 10's switch and by the older one.
    private const string AvxTwo = "DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    // The default scenario at a small size: mortality, measurement, four ancestries, every statistic with SDs and four
    // histograms, so every kernel (draws, year step, sums, counts, histograms) takes part.
    private static readonly string[] s_run = ["run", "--people", "3000", "--threads", "2"];

    // The reference: the machine's widest path with no switch at all (the tool's default), run once for every case.
    private static readonly Lazy<Task<(string Hash, string Output)>> s_widest = new(() => TablesHashAsync(s_run, ""));

    /// <summary>
    /// Each path, by the runtime's switches, with the tool's width cap if any. .NET 10 ignores
    /// <c>DOTNET_EnableAVX512F=0</c> (AVX-512 stays on); <c>DOTNET_EnableAVX512=0</c> is its switch for the whole AVX-512
    /// family, so the AVX2 case sets both, the older one for runtimes that still read it.
    /// </summary>
    public static TheoryData<string, string, string> Paths => new()
    {
        { "AVX-512 capped at 256 bits", "", "--max-vector-bits 256" },
        { "AVX-512 capped at 128 bits", "", "--max-vector-bits 128" },
        { "AVX2", AvxTwo, "" },
        { "AVX2 capped at 128 bits, with FMA (as ARM64's width)", AvxTwo, "--max-vector-bits 128" },
        { "128-bit with AVX, no FMA", "DOTNET_EnableAVX2=0", "" },
        { "128-bit SSE4.1", "DOTNET_EnableAVX=0", "" },
        { "no hardware intrinsics", "DOTNET_EnableHWIntrinsic=0", "" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Run_WritesTheSameTables_OnEveryInstructionSetPath(string path, string environment, string options)
    {
        (string widest, _) = await s_widest.Value;
        (string hash, string output) = await TablesHashAsync([.. s_run, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)], environment);

        Assert.True(widest == hash, $"{path} ({environment} {options}) wrote different tables; its summary:{Environment.NewLine}{output}");
    }

    [Fact]
    public async Task Paths_ReallyRestrictTheVectorWidth()
    {
        // Guards the switches' names: a misspelt or retired switch would silently compare the widest path with itself.
        // The widest needs no switch at all (issue #15: no environment variable for full speed).
        (_, string widest) = await s_widest.Value;
        Assert.Contains($"{MachineVectors.WidestBits}-bit vectors", widest);
        (_, string narrow) = await TablesHashAsync(["run", "--people", "1000"], "DOTNET_EnableAVX2=0");
        Assert.Contains("128-bit vectors", narrow);
        (_, string none) = await TablesHashAsync(["run", "--people", "1000"], "DOTNET_EnableHWIntrinsic=0");
        Assert.Contains("128-bit vectors", none);
        if (Vector512.IsHardwareAccelerated)
        {
            (_, string avx2) = await TablesHashAsync(["run", "--people", "1000"], AvxTwo);
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
