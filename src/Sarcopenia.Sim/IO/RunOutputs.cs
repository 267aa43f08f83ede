using System.Text.Json;

namespace Sarcopenia.Sim.IO;

/// <summary>The standard set of output files of a run, as <c>sarcosim run --out</c> writes them.</summary>
public static class RunOutputs
{
    /// <summary>Prevalence by age × sex × ancestry × stage (see <see cref="ResultCsv.WritePrevalence"/>).</summary>
    public const string PrevalenceFile = "prevalence.csv";

    /// <summary>Trait statistics by age × sex × ancestry × trait (see <see cref="ResultCsv.WriteTraits"/>).</summary>
    public const string TraitsFile = "traits.csv";

    /// <summary>People alive and deaths by age × sex × ancestry (see <see cref="ResultCsv.WriteDeaths"/>).</summary>
    public const string DeathsFile = "deaths.csv";

    /// <summary>The complete scenario as run; <c>sarcosim run</c> repeats the run from it.</summary>
    public const string ScenarioFileName = "scenario.json";

    /// <summary>The manifest (<see cref="RunManifest"/>).</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>
    /// Writes every output file of <paramref name="result"/> into <paramref name="directory"/> (which
    /// <see cref="OutputDirectory.Publish"/> provides), the manifest last; the manifest lists every file then in the
    /// folder, so files a caller wrote there first (charts, say) are listed and checksummed too.
    /// </summary>
    /// <param name="directory">The folder to write into.</param>
    /// <param name="result">The run's result.</param>
    /// <param name="manifest">The manifest without <see cref="RunManifest.Files"/> and <see cref="RunManifest.TotalSeconds"/>, which are filled in here.</param>
    /// <param name="startedUtc">When the run started, for the total time.</param>
    /// <param name="cancellation">Checked between files.</param>
    public static void Write(string directory, SimulationResult result, RunManifest manifest, DateTimeOffset startedUtc, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(manifest);
        WriteText(PrevalenceFile, writer => ResultCsv.WritePrevalence(result, writer));
        WriteText(TraitsFile, writer => ResultCsv.WriteTraits(result, writer));
        WriteText(DeathsFile, writer => ResultCsv.WriteDeaths(result, writer));
        WriteText(ScenarioFileName, writer => writer.Write(ScenarioFile.Serialize(manifest.Scenario) + "\n"));
        cancellation.ThrowIfCancellationRequested();
        ResultsFile.Write(result, Path.Combine(directory, ResultsFile.DefaultFileName));
        cancellation.ThrowIfCancellationRequested();

        RunManifest complete = manifest with
        {
            Files =
            [
                .. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .Select(path => OutputFileInfo.Of(path) with { Name = Path.GetRelativePath(directory, path).Replace('\\', '/') }),
            ],
            TotalSeconds = (DateTimeOffset.UtcNow - startedUtc).TotalSeconds,
        };
        WriteText(ManifestFile, writer => writer.Write(JsonSerializer.Serialize(complete, ScenarioJson.Options) + "\n"));

        void WriteText(string name, Action<TextWriter> write)
        {
            cancellation.ThrowIfCancellationRequested();
            using var writer = new StreamWriter(Path.Combine(directory, name), append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            write(writer);
        }
    }
}
