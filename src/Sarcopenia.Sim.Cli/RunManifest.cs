using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary>What produced a folder of results and how: the resolved scenario, versions, timings, machine and file checksums.</summary>
internal sealed record RunManifest
{
    /// <summary>The program that wrote the results, e.g. <c>sarcosim</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>Its version.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The version of the Sarcopenia.Sim library, with the source commit after a <c>+</c> when the build knew it.</summary>
    public string LibraryVersion { get; init; } = VersionOf(typeof(Simulation).Assembly);

    /// <summary>The complete scenario as run: every field, so the run can be repeated without any preset.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>People simulated.</summary>
    public long People { get; init; }

    /// <summary>People × years stepped.</summary>
    public long PersonYears { get; init; }

    /// <summary>Worker threads used.</summary>
    public int Threads { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; init; }

    /// <summary>Wall time of the simulation alone, seconds.</summary>
    public double SimulationSeconds { get; init; }

    /// <summary>Wall time from start to the last file written, seconds.</summary>
    public double TotalSeconds { get; init; }

    /// <summary>Simulation throughput.</summary>
    public double PersonYearsPerSecond { get; init; }

    /// <summary>
    /// The SIMD vector width the simulation computed at, in bits (<see cref="SimulationResult.VectorBits"/>), which
    /// explains its throughput; absent when not known (a merge of results files, as in <c>sarcosim merge</c> and <c>--mpi</c>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? VectorBits { get; init; }

    /// <summary>The shard run (<c>k/N</c>), for a partial result written by <c>sarcosim run --shard</c>; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Shard { get; init; }

    /// <summary>The number of MPI ranks whose partial results were added up, for a run of <c>sarcosim run --mpi</c>; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MpiRanks { get; init; }

    /// <summary>The partial results files merged, as given to <c>sarcosim merge</c>; absent for a run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableArray<string>? MergedFrom { get; init; }

    /// <summary>The machine the run used.</summary>
    public MachineInfo Machine { get; init; } = MachineInfo.Current();

    /// <summary>Every other file of the folder (subfolders included), with its size and SHA-256.</summary>
    public ImmutableArray<OutputFileInfo> Files { get; init; } = [];

    /// <summary>The manifest of <paramref name="result"/>, a run of <paramref name="scenario"/> by this tool, before its files are listed.</summary>
    /// <param name="scenario">The scenario as run.</param>
    /// <param name="result">Its result (a run, a shard or a merge).</param>
    /// <param name="threads">Worker threads used.</param>
    /// <param name="startedUtc">When the work started.</param>
    public static RunManifest Of(Scenario scenario, SimulationResult result, int threads, DateTimeOffset startedUtc) => new()
    {
        Tool = "sarcosim",
        ToolVersion = VersionOf(typeof(RunManifest).Assembly),
        Scenario = scenario,
        Seed = scenario.Seed,
        People = result.People,
        PersonYears = result.PersonYears,
        Threads = threads,
        StartedUtc = startedUtc,
        SimulationSeconds = result.Elapsed.TotalSeconds,
        PersonYearsPerSecond = result.PersonYearsPerSecond,
        VectorBits = result.VectorBits,
    };

    /// <summary>The informational version of <paramref name="assembly"/> (e.g. <c>0.1.0+3f2a…</c>).</summary>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }
}

/// <summary>The machine a run used.</summary>
/// <param name="Os">Operating system description.</param>
/// <param name="Architecture">Process architecture, e.g. X64.</param>
/// <param name="Processors">Logical processors available to the process.</param>
/// <param name="Runtime">The .NET runtime description.</param>
internal sealed record MachineInfo(string Os, string Architecture, int Processors, string Runtime)
{
    /// <summary>The machine this process runs on.</summary>
    public static MachineInfo Current() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription);
}

/// <summary>One output file.</summary>
/// <param name="Name">Path relative to the folder, with <c>/</c> separators.</param>
/// <param name="Bytes">Size.</param>
/// <param name="Sha256">SHA-256 of the content, lowercase hex.</param>
internal sealed record OutputFileInfo(string Name, long Bytes, string Sha256)
{
    /// <summary>Describes the file at <paramref name="path"/>.</summary>
    public static OutputFileInfo Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        string hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new OutputFileInfo(Path.GetFileName(path), stream.Length, hash);
    }
}
