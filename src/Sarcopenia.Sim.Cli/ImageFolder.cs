using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// The folder <c>sarcosim chart</c> writes images into. Unlike a run's output folder it may exist (each image replaces
/// its own file atomically), but it follows the same rules otherwise: a name, not a file, and a parent that exists.
/// </summary>
internal static class ImageFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed and checks that files can be written in it.</summary>
    /// <exception cref="OutputDirectoryException">The path is empty or a file, its parent is missing, or it cannot be written.</exception>
    public static void Prepare(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new OutputDirectoryException($"The image folder \"{folder}\" is empty; give --out the name of a folder, e.g. --out charts.");
        }

        string full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new OutputDirectoryException($"The output path {folder} is a file, not a folder; choose another --out.");
        }

        string parent = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(full) && !Directory.Exists(parent))
        {
            throw new OutputDirectoryException($"The image folder {folder} cannot be created: its parent folder {parent} does not exist; create it first or choose another --out.");
        }

        string probe = Path.Combine(full, $".sarcosim-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(full);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputDirectoryException($"The image folder {folder} cannot be written: {e.Message}", e);
        }
    }
}
