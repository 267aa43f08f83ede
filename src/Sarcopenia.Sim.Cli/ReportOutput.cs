using System.CommandLine;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// The options <c>check-model</c> and <c>calibrate</c> share: <c>--out DIR</c> (published atomically, see
/// <see cref="OutputDirectory"/>), <c>--force</c>, <c>--threads</c> and <c>--max-vector-bits</c>.
/// </summary>
/// <param name="files">What the folder receives, for the help text.</param>
internal sealed class ReportOutput(string files)
{
    public Option<string?> Folder { get; } = new("--out", "-o") { Description = $"Folder to write {files} into; its parent folder must exist." };

    public Option<bool> Force { get; } = new("--force") { Description = "Replace the --out folder if it exists (only once the new files are complete)." };

    public Option<long?> Threads { get; } = CliOptions.Count("--threads", null, "Worker threads (default: every core). Results do not depend on it.", 1, RunCommand.MaxThreads);

    public Option<int?> MaxVectorBits { get; } = CliOptions.MaxVectorBits();

    public void AddTo(Command command)
    {
        command.Options.Add(Folder);
        command.Options.Add(Force);
        command.Options.Add(Threads);
        command.Options.Add(MaxVectorBits);
    }

    /// <summary>Run options with the thread count and vector width asked for and <paramref name="cancellation"/>.</summary>
    public RunOptions RunOptions(ParseResult parse, CancellationToken cancellation) =>
        new() { Threads = (int?)parse.GetValue(Threads), MaxVectorBits = parse.GetValue(MaxVectorBits), Cancellation = cancellation };

    /// <summary>Checks, before any work, that the <c>--out</c> folder (if any) can be published.</summary>
    public void EnsureCanPublish(ParseResult parse)
    {
        if (parse.GetValue(Folder) is { } folder)
        {
            OutputDirectory.EnsureCanPublish(folder, parse.GetValue(Force));
        }
    }

    /// <summary>Publishes the <c>--out</c> folder (if any) with the files <paramref name="write"/> writes, and says so.</summary>
    public void Publish(ParseResult parse, CliContext context, string written, Action<string> write)
    {
        if (parse.GetValue(Folder) is { } folder)
        {
            OutputDirectory.Publish(folder, parse.GetValue(Force), write);
            context.WriteLine($"wrote {written} into {folder}");
        }
    }

    /// <summary>Writes the text file <paramref name="name"/> in <paramref name="folder"/> (UTF-8 without a byte-order mark).</summary>
    public static void WriteText(string folder, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(Path.Combine(folder, name), append: false, new System.Text.UTF8Encoding(false));
        write(writer);
    }
}
