using System.Collections;
using System.Diagnostics;
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
/// no runtimeconfig.json knob or API changes it afterwards. On Linux, when AVX-512 is available and the width is not
/// configured, the tool therefore replaces itself once, before it has done anything, with the same command line and the
/// variable set to 512 (<c>execve</c>: same process id and standard streams, so signals, exit codes and pipes behave as
/// if it had started that way). The first runtime's diagnostics socket is removed first, so that the second can create
/// its own and <c>dotnet-trace</c> or <c>dotnet-counters</c> can still attach. Results are bit-identical at every width;
/// only the speed differs (about 1.5× for the reference workload, see docs/performance.md).
/// </para>
/// <para>
/// Setting the width (<c>DOTNET_MaxVectorTBitWidth</c> or its legacy <c>COMPlus_</c> form, to any value, e.g. 256)
/// keeps the tool from restarting, as do a custom diagnostics port and an attached debugger. Other operating systems,
/// and programs that use the library directly, get the width their environment gives them.
/// </para>
/// </remarks>
internal static class WideVectors
{
    /// <summary>The runtime's setting for the width of <see cref="Vector{T}"/>, in bits.</summary>
    public const string WidthVariable = "DOTNET_MaxVectorTBitWidth";

    /// <summary>The legacy spelling of <see cref="WidthVariable"/>, which the runtime still reads.</summary>
    public const string LegacyWidthVariable = "COMPlus_MaxVectorTBitWidth";

    /// <summary>A configured diagnostics port: the restarted runtime would compete with the first for it.</summary>
    private const string DiagnosticPortsVariable = "DOTNET_DiagnosticPorts";

    /// <summary>The width asked for: AVX-512's.</summary>
    private const int WideBits = 512;

    private const int BitsPerByte = 8;

    /// <summary>The bits of <see cref="Vector{T}"/> in this process.</summary>
    public static int CurrentBits => Vector<byte>.Count * BitsPerByte;

    /// <summary>
    /// Restarts the process with <see cref="WidthVariable"/> = 512 when that would widen <see cref="Vector{T}"/>; returns
    /// only if it does not (nothing to gain, not Linux, the width configured, or the restart failed).
    /// </summary>
    public static void RestartIfNarrow()
    {
        if (!OperatingSystem.IsLinux() || CurrentBits >= WideBits || !Vector512.IsHardwareAccelerated
            || Environment.GetEnvironmentVariable(WidthVariable) is not null
            || Environment.GetEnvironmentVariable(LegacyWidthVariable) is not null
            || Environment.GetEnvironmentVariable(DiagnosticPortsVariable) is not null
            || Debugger.IsAttached)
        {
            return;
        }

        try
        {
            Restart();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Nothing has been changed yet: the tool carries on at the narrower width.
        }
    }

    private static void Restart()
    {
        // The native command line (e.g. "dotnet", "exec", "sarcosim.dll", ...), which the managed arguments omit. Each
        // argument ends with a NUL; only the last one is removed, so empty arguments survive.
        string commandLine = File.ReadAllText("/proc/self/cmdline");
        string[] arguments = (commandLine.EndsWith('\0') ? commandLine[..^1] : commandLine).Split('\0');

        var environment = new List<string?>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{entry.Key}={entry.Value}");
        }

        environment.Add($"{WidthVariable}={WideBits}");
        environment.Add(null);

        // The diagnostics socket is named by process id and start time, which execve keeps: the new runtime can only
        // create its own if this one's is gone.
        foreach (string socket in Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
        {
            File.Delete(socket);
        }

        // On success execve does not return; on failure the tool simply carries on at the narrower width.
        _ = Execve("/proc/self/exe", [.. arguments, null], [.. environment]);
    }

    [DllImport("libc", EntryPoint = "execve")]
    private static extern int Execve(string path, string?[] argv, string?[] envp);
}
