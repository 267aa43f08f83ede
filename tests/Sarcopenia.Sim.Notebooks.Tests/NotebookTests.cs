using System.Text.Json.Nodes;

namespace Sarcopenia.Sim.Notebooks.Tests;

public class NotebookTests
{
    /// <summary>Every committed notebook, by file name.</summary>
    public static TheoryData<string> Notebooks => [.. NotebookNames()];

    [Fact]
    public void Notebooks_AreNumberedAndIncludeTheTeachingPair()
    {
        string[] names = NotebookNames();

        Assert.Contains("01-muscle-decline.ipynb", names);
        Assert.Contains("02-definitions.ipynb", names);
        Assert.All(names, n => Assert.Matches(@"^\d{2}-[a-z0-9-]+\.ipynb$", n));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_RunsHeadlessWithoutErrors(string notebook)
    {
        (int exitCode, string output, JsonNode executed) = NotebookRunner.Run(notebook);

        JsonNode[] codeCells = [.. executed["cells"]!.AsArray().Select(c => c!).Where(c => (string?)c["cell_type"] == "code")];
        string[] errors =
        [
            .. codeCells.SelectMany(c => c["outputs"]!.AsArray().Select(o => o!))
                .Where(o => (string?)o["output_type"] == "error")
                .Select(o => $"{o["ename"]}: {o["evalue"]}"),
        ];
        Assert.True(errors.Length == 0, $"{notebook} has failing cells:\n{string.Join('\n', errors)}");
        Assert.True(exitCode == 0, $"dotnet repl exited with {exitCode} for {notebook}:\n{output}");
        Assert.NotEmpty(codeCells);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void CommittedNotebook_KeepsItsChartsAsImages(string notebook)
    {
        JsonNode committed = JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookRunner.NotebooksFolder, notebook)))!;

        string[] html =
        [
            .. committed["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
                .Select(o => o!["data"]?["text/html"])
                .Where(h => h is not null)
                .Select(h => h is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)h ?? ""),
        ];
        Assert.Contains(html, h => h.Contains("data:image/png;base64,", StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_RunsANotebookTheWayThatShowsItsOutput()
    {
        // dotnet-repl with --exit-after-run prints nothing: only --output-path keeps the outputs. The file goes under
        // the git-ignored artifacts/, where it is not taken for one of the repository's notebooks.
        string readme = File.ReadAllText(Path.Combine(NotebookRunner.RepositoryRoot, "README.md"));
        string command = readme.Split('\n').Single(line => line.StartsWith("dotnet repl --run ", StringComparison.Ordinal)).Trim();

        Assert.Matches(@"^dotnet repl --run (\d{2}-[a-z0-9-]+\.ipynb) --exit-after-run --output-path \.\./artifacts/\1$", command);
        Assert.Contains(command.Split(' ')[3], NotebookNames());
    }

    private static string[] NotebookNames() =>
        [.. Directory.GetFiles(NotebookRunner.NotebooksFolder, "*.ipynb").Select(p => Path.GetFileName(p)).Order()];
}
