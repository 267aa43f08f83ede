using System.Collections;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Makes the tool compute with 512-bit vectors on AVX-512 machines, where .NET keeps <see cref="Vector{T}"/> at 256
/// bits unless the environment variable <see cref="WidthVariable"/> asks for more when the process starts.
/// </summary>
/// <remarks>
/// <para>
/// The engine's kernels are written against <see cref="Vector{T}"/>, and its width is fixed when the runtime starts:
/// no runtimeconfig.json knob or API changes it afterwards. On Linux, when AVX-512 is available and the variable is
/// not set, the tool therefore replaces itself once, before it has done anything, with the same command line and the
/// variable set to 512 (<c>execve</c>: same process id, same standard streams, so signals, exit codes and pipes behave
/// as if it had started that way). Results are bit-identical at every width; only the speed differs (about 1.4× for
/// the reference workload, see docs/performance.md).
/// </para>
/// <para>
/// Setting the variable to any value (e.g. <c>DOTNET_MaxVectorTBitWidth=256</c>) keeps the tool from restarting. Other
/// operating systems, and programs that use the library directly, get the width the variable gives them.
/// </para>
/// </remarks>
internal static class WideVectors
{
    /// <summary>The runtime's setting for the width of <see cref="Vector{T}"/>, in bits.</summary>
    public const string WidthVariable = "DOTNET_MaxVectorTBitWidth";

    /// <summary>The width asked for: AVX-512's.</summary>
    private const int WideBits = 512;

    private const int BitsPerByte = 8;

    /// <summary>The bits of <see cref="Vector{T}"/> in this process.</summary>
    public static int CurrentBits => Vector<byte>.Count * BitsPerByte;

    /// <summary>
    /// Restarts the process with <see cref="WidthVariable"/> = 512 when that would widen <see cref="Vector{T}"/>; returns
    /// only if it does not (nothing to gain, not Linux, the variable already set, or the restart failed).
    /// </summary>
    public static void RestartIfNarrow()
    {
        if (!OperatingSystem.IsLinux() || CurrentBits >= WideBits || !Vector512.IsHardwareAccelerated
            || Environment.GetEnvironmentVariable(WidthVariable) is not null)
        {
            return;
        }

        string[] arguments;
        try
        {
            // The native command line (e.g. "dotnet", "exec", "sarcosim.dll", ...), which the managed arguments omit.
            arguments = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        var environment = new List<string?>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{entry.Key}={entry.Value}");
        }

        environment.Add($"{WidthVariable}={WideBits}");
        environment.Add(null);

        // On success execve does not return; on failure the tool simply carries on at the narrower width.
        _ = Execve("/proc/self/exe", [.. arguments, null], [.. environment]);
    }

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(string path, string?[] argv, string?[] envp);
}
