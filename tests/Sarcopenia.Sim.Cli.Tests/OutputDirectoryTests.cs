using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli.Tests;

public sealed class OutputDirectoryTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("sarcosim-out-").FullName;

    private string Target => Path.Combine(_parent, "out");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void Publish_MovesTheWrittenFilesIntoPlace()
    {
        OutputDirectory.Publish(Target, force: false, staging => File.WriteAllText(Path.Combine(staging, "a.txt"), "new"));

        Assert.Equal("new", File.ReadAllText(Path.Combine(Target, "a.txt")));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void Publish_ExistingWithoutForce_ThrowsBeforeWriting()
    {
        Directory.CreateDirectory(Target);
        bool wrote = false;

        Assert.Throws<OutputDirectoryException>(() => OutputDirectory.Publish(Target, force: false, _ => wrote = true));

        Assert.False(wrote);
    }

    [Fact]
    public void Publish_FailingWrite_LeavesThePreviousContentAndNoStaging()
    {
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "old.txt"), "old");

        Assert.Throws<InvalidOperationException>(() => OutputDirectory.Publish(Target, force: true, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "half.txt"), "half");
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal(["old.txt"], Directory.EnumerateFiles(Target).Select(Path.GetFileName));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void Publish_Force_ReplacesEverything()
    {
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "old.txt"), "old");

        OutputDirectory.Publish(Target, force: true, staging => File.WriteAllText(Path.Combine(staging, "new.txt"), "new"));

        Assert.Equal(["new.txt"], Directory.EnumerateFiles(Target).Select(Path.GetFileName));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void Publish_RemovesStagingFoldersOfDeadProcesses()
    {
        // Process ids are below 2^22 on Linux, so this one cannot be running.
        string abandoned = Path.Combine(_parent, ".out.partial-99999999-0123");
        Directory.CreateDirectory(abandoned);

        OutputDirectory.Publish(Target, force: false, _ => { });

        Assert.False(Directory.Exists(abandoned));
    }

    [Fact]
    public void EnsureCanPublish_BelowAFile_Throws()
    {
        string file = Path.Combine(_parent, "file");
        File.WriteAllText(file, "x");

        OutputDirectoryException error = Assert.Throws<OutputDirectoryException>(() => OutputDirectory.EnsureCanPublish(Path.Combine(file, "out"), force: false));

        Assert.Contains("cannot be created", error.Message);
    }

    [Fact]
    public void EnsureCanPublish_MissingParent_ThrowsAndCreatesNothing()
    {
        OutputDirectoryException error = Assert.Throws<OutputDirectoryException>(() => OutputDirectory.EnsureCanPublish(Path.Combine(_parent, "missing", "deep", "out"), force: false));

        Assert.Contains("does not exist", error.Message);
        Assert.Empty(Entries());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void EnsureCanPublish_EmptyPath_ThrowsTheOutputFoldersException(string path)
    {
        OutputDirectoryException error = Assert.Throws<OutputDirectoryException>(() => OutputDirectory.EnsureCanPublish(path, force: true));

        Assert.Contains("is empty", error.Message);
    }

    private string[] Entries() => [.. Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName).Order()!];
}
