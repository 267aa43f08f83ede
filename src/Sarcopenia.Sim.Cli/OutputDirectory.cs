using System.Diagnostics;
using System.Globalization;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli;

/// <summary>Thrown when an output folder exists (and replacing it was not asked for) or cannot be written.</summary>
internal sealed class OutputDirectoryException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutputDirectoryException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Publishes a folder of results all at once: files are written into a hidden staging folder beside the target and
/// the staging folder is renamed into place, so the target holds either its complete previous content or the
/// complete new one, never a mix, even if the process fails or is killed.
/// </summary>
internal static class OutputDirectory
{
    private const string StagingMarker = ".partial-";
    private const string RetiredMarker = ".old-";

    /// <summary>
    /// Checks, before any work, that <paramref name="directory"/> can be published: it is a path, does not exist (or
    /// <paramref name="force"/> allows replacing it), and its parent folder exists and accepts new folders. The parent is
    /// never created: a mistyped path should be an error, not a new tree of folders.
    /// </summary>
    /// <exception cref="OutputDirectoryException">The path is empty, the folder exists without <paramref name="force"/>, is a file, or the parent is missing or cannot be written.</exception>
    public static void EnsureCanPublish(string directory, bool force)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new OutputDirectoryException($"The output folder \"{directory}\" is empty; give --out the name of a new folder, e.g. --out results.");
        }

        string target = Path.GetFullPath(directory);
        string parent = Path.GetDirectoryName(target) ?? target;
        if (!Directory.Exists(parent))
        {
            throw new OutputDirectoryException($"The output folder {directory} cannot be created: its parent folder {parent} does not exist; create it first or choose another --out.");
        }
        if (File.Exists(target))
        {
            throw new OutputDirectoryException($"The output path {directory} is a file, not a folder; choose another --out.");
        }

        if (Directory.Exists(target) && !force)
        {
            throw new OutputDirectoryException($"The output folder {directory} already exists; add --force to replace it (it is replaced only once the new results are complete), or choose another --out.");
        }

        string probe = StagingPath(target);
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputDirectoryException($"The output folder {directory} cannot be created: {e.Message}", e);
        }
    }

    /// <summary>
    /// Calls <paramref name="write"/> with an empty staging folder, then moves it to <paramref name="directory"/>.
    /// If <paramref name="write"/> throws (or is cancelled), the staging folder is deleted and the target is untouched.
    /// </summary>
    /// <exception cref="OutputDirectoryException">See <see cref="EnsureCanPublish"/>, or the final rename failed.</exception>
    public static void Publish(string directory, bool force, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureCanPublish(directory, force);
        string target = Path.GetFullPath(directory);
        RemoveAbandoned(target);
        string staging = StagingPath(target);
        try
        {
            Directory.CreateDirectory(staging);
            write(staging);
            Swap(staging, target, directory, force);
        }
        catch
        {
            DeleteQuietly(staging);
            throw;
        }
    }

    private static void Swap(string staging, string target, string shown, bool force)
    {
        try
        {
            if (!Directory.Exists(target))
            {
                Directory.Move(staging, target);
                return;
            }

            if (!force)
            {
                throw new OutputDirectoryException($"The output folder {shown} appeared while the run was writing; add --force to replace it.");
            }

            string retired = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{RetiredMarker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");
            Directory.Move(target, retired);
            try
            {
                Directory.Move(staging, target);
            }
            catch
            {
                Directory.Move(retired, target);
                throw;
            }

            DeleteQuietly(retired);
        }
        catch (Exception e) when (e is (IOException and not OutputDirectoryException) or UnauthorizedAccessException)
        {
            throw new OutputDirectoryException($"The results could not be moved into {shown}: {e.Message}", e);
        }
    }

    private static string StagingPath(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{StagingMarker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");

    // A process killed while writing (SIGKILL cannot be caught) leaves its hidden staging folder behind; the next
    // publisher of the same target removes those whose process is gone.
    private static void RemoveAbandoned(string target)
    {
        string parent = Path.GetDirectoryName(target)!;
        string prefix = $".{Path.GetFileName(target)}";
        foreach (string folder in Directory.EnumerateDirectories(parent, prefix + ".*"))
        {
            string name = Path.GetFileName(folder)[prefix.Length..];
            string? pid = name.StartsWith(StagingMarker, StringComparison.Ordinal) ? name[StagingMarker.Length..].Split('-')[0]
                : name.StartsWith(RetiredMarker, StringComparison.Ordinal) ? name[RetiredMarker.Length..]
                : null;
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && !IsRunning(id))
            {
                DeleteQuietly(folder);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving a hidden folder behind is better than hiding the error that brought us here.
        }
    }
}
