using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sarcopenia.Sim.Notebooks.Tests;

/// <summary>
/// Runs a notebook headless with dotnet-repl (the version pinned in .config/dotnet-tools.json), from the notebooks
/// folder so that the notebooks' relative <c>#r "../artifacts/notebooks/..."</c> paths resolve.
/// </summary>
internal static class NotebookRunner
{
    /// <summary>Where the notebooks load the library from, relative to the repository root (git ignores artifacts/).</summary>
    public const string LibraryFolder = "artifacts/notebooks";

    /// <summary>Set to 1 to write each executed notebook, with its outputs, back over the committed one.</summary>
    public const string UpdateVariable = "SARCOSIM_UPDATE_NOTEBOOKS";

    // dotnet-repl takes 5-15 s for a notebook here; a hung kernel must fail the test, not the CI time limit.
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private static readonly Lazy<string> s_prepared = new(Prepare);

    // Relaxed escaping keeps the notebooks' non-ASCII text (–, ², ≤) readable in diffs.
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The repository root: the nearest folder above the test assembly with the solution file.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The notebooks folder.</summary>
    public static string NotebooksFolder => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>Runs <paramref name="notebook"/> and returns dotnet-repl's exit code, its console output and the executed notebook.</summary>
    public static (int ExitCode, string Output, JsonNode Executed) Run(string notebook)
    {
        _ = s_prepared.Value;
        string output = Path.Combine(Directory.CreateTempSubdirectory("sarcosim-notebook-").FullName, notebook);
        (int exitCode, string console) = Execute(NotebooksFolder, "dotnet", "repl", "--run", notebook, "--exit-after-run", "--output-path", output);
        JsonNode executed = JsonNode.Parse(File.ReadAllText(output)) ?? throw new InvalidDataException($"dotnet-repl wrote an empty notebook for {notebook}.");
        if (exitCode == 0 && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            WriteWithoutTimestamps(executed, Path.Combine(NotebooksFolder, notebook));
        }

        Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        return (exitCode, console, executed);
    }

    /// <summary>
    /// Writes <paramref name="executed"/> without dotnet-repl's per-cell execution times, so that refreshing an unchanged
    /// notebook leaves the committed file unchanged.
    /// </summary>
    private static void WriteWithoutTimestamps(JsonNode executed, string path)
    {
        foreach (JsonNode? cell in executed["cells"]!.AsArray())
        {
            if (cell?["metadata"] is JsonObject metadata)
            {
                metadata.Remove("dotnet_repl_cellExecutionStartTime");
                metadata.Remove("dotnet_repl_cellExecutionEndTime");
            }
        }

        string temporary = path + ".tmp";
        File.WriteAllText(temporary, executed.ToJsonString(s_indented) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Restores the local tools and lays the built library and its dependencies out where the notebooks load them.</summary>
    private static string Prepare()
    {
        (int restore, string restoreOutput) = Execute(RepositoryRoot, "dotnet", "tool", "restore");
        if (restore != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed ({restore}):\n{restoreOutput}");
        }

        string library = Path.Combine(RepositoryRoot, LibraryFolder);
        Directory.CreateDirectory(library);
        foreach (string assembly in Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
        {
            File.Copy(assembly, Path.Combine(library, Path.GetFileName(assembly)), overwrite: true);
        }

        // Native SkiaSharp and HarfBuzz libraries go beside the managed ones: an assembly loaded by path finds its
        // native libraries in its own folder, not under runtimes/<rid>/native.
        string native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        if (Directory.Exists(native))
        {
            foreach (string file in Directory.GetFiles(native))
            {
                File.Copy(file, Path.Combine(library, Path.GetFileName(file)), overwrite: true);
            }
        }

        return library;
    }

    private static (int ExitCode, string Output) Execute(string workingDirectory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {s_timeout}.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sarcopenia.Sim.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Sarcopenia.Sim.sln above {AppContext.BaseDirectory}.");
    }
}
