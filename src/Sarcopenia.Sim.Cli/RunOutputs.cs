using System.Text.Json;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary>The standard set of output files of a run, as <c>sarcosim run --out</c> writes them.</summary>
internal static class RunOutputs
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
    /// Publishes the outputs of <paramref name="result"/> into <paramref name="folder"/> at once
    /// (<see cref="OutputDirectory.Publish"/>): the files <see cref="Write"/> writes, then, given
    /// <paramref name="charts"/>, every chart kind as PNG and SVG into <c>DIR/charts</c> and the manifest once more to
    /// list them. <c>sarcosim run</c> and <c>sarcosim merge</c> both publish through here, so a merge of shards draws the
    /// single run's charts.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="force">Whether an existing <paramref name="folder"/> is replaced.</param>
    /// <param name="result">The run's result.</param>
    /// <param name="manifest">The manifest without <see cref="RunManifest.Files"/> and <see cref="RunManifest.TotalSeconds"/>.</param>
    /// <param name="startedUtc">When the run started, for the total time.</param>
    /// <param name="charts">Prepares the charts' inputs; <see langword="null"/> draws no charts.</param>
    /// <param name="cancellation">Checked between files and charts.</param>
    /// <returns>What was drawn, or <see langword="null"/> without <paramref name="charts"/>.</returns>
    public static ChartOutcome? Publish(string folder, bool force, SimulationResult result, RunManifest manifest, DateTimeOffset startedUtc, ChartInputsBuilder? charts, CancellationToken cancellation)
    {
        ChartOutcome? drawn = null;
        OutputDirectory.Publish(folder, force, staging =>
        {
            // Tables first: a chart that fails costs only its own images, and the manifest is rewritten to list those drawn.
            Write(staging, result, manifest, startedUtc, cancellation);
            if (charts is not null)
            {
                drawn = ChartDrawing.Draw(ChartCatalog.All, result, charts, Path.Combine(staging, RunCommand.ChartsFolder), ChartFormat.All, new ChartOptions(), cancellation);
                WriteManifest(staging, manifest, startedUtc, cancellation);
            }
        });
        return drawn;
    }

    /// <summary>
    /// Writes every output file of <paramref name="result"/> into <paramref name="directory"/> (which
    /// <see cref="OutputDirectory.Publish"/> provides), the manifest last; the manifest lists every file then in the
    /// folder, so files a caller wrote there first (charts, say) are listed and checksummed too. A partial result (a
    /// shard, or a partial merge) gets no CSV tables: they describe everyone, so only its scenario, results file and
    /// manifest are written, for <c>sarcosim merge</c>.
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
        if (result.IsComplete)
        {
            WriteText(PrevalenceFile, writer => ResultCsv.WritePrevalence(result, writer));
            WriteText(TraitsFile, writer => ResultCsv.WriteTraits(result, writer));
            WriteText(DeathsFile, writer => ResultCsv.WriteDeaths(result, writer));
        }

        WriteText(ScenarioFileName, writer => writer.Write(ScenarioFile.Serialize(manifest.Scenario) + "\n"));
        cancellation.ThrowIfCancellationRequested();
        ResultsFile.Write(result, Path.Combine(directory, ResultsFile.DefaultFileName));
        WriteManifest(directory, manifest, startedUtc, cancellation);

        void WriteText(string name, Action<TextWriter> write) => RunOutputs.WriteText(directory, name, write, cancellation);
    }

    /// <summary>
    /// Writes (or rewrites) <see cref="ManifestFile"/> in <paramref name="directory"/>, listing every other file then in
    /// the folder, so files added after <see cref="Write"/> (charts drawn once the tables are safe) are listed too.
    /// </summary>
    /// <param name="directory">The folder of the outputs.</param>
    /// <param name="manifest">The manifest without <see cref="RunManifest.Files"/> and <see cref="RunManifest.TotalSeconds"/>, which are filled in here.</param>
    /// <param name="startedUtc">When the run started, for the total time.</param>
    /// <param name="cancellation">Checked before writing.</param>
    public static void WriteManifest(string directory, RunManifest manifest, DateTimeOffset startedUtc, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        cancellation.ThrowIfCancellationRequested();
        RunManifest complete = manifest with
        {
            Files =
            [
                .. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                    .Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/'))
                    .Where(name => name != ManifestFile)
                    .Order(StringComparer.Ordinal)
                    .Select(name => OutputFileInfo.Of(Path.Combine(directory, name)) with { Name = name }),
            ],
            TotalSeconds = (DateTimeOffset.UtcNow - startedUtc).TotalSeconds,
        };
        WriteText(directory, ManifestFile, writer => writer.Write(JsonSerializer.Serialize(complete, ScenarioJson.Options) + "\n"), cancellation);
    }

    internal static void WriteText(string directory, string name, Action<TextWriter> write, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        using var writer = new StreamWriter(Path.Combine(directory, name), append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        write(writer);
    }
}
