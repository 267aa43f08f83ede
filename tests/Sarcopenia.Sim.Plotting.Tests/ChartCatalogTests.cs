using Sarcopenia.Sim.Plotting.Tests.Support;

namespace Sarcopenia.Sim.Plotting.Tests;

public sealed class ChartCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sarcosim-catalog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Names_AreTheDocumentedKinds()
    {
        Assert.Equal(["decline", "lives", "stages", "definitions", "presets", "loss-rates"], ChartCatalog.Names);
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("Loss-Rates")]
    [InlineData(" stages ")]
    public void Get_FindsAKindIgnoringCase(string name)
    {
        Assert.Equal(name.Trim(), ChartCatalog.Get(name).Name, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Get_UnknownName_ListsTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ChartCatalog.Get("pie"));

        Assert.Contains(string.Join(", ", ChartCatalog.Names), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredHistograms_CoverEveryKind()
    {
        Assert.All(ChartCatalog.All, kind => Assert.Equal(kind.RequiredHistograms, kind.RequiredHistograms & ChartCatalog.RequiredHistograms));
        // Every muscle trait has a chart; body size (height, BMI, ALM/BMI) is summarized in tables only.
        Assert.Equal(TraitSet.Asm | TraitSet.Asmi | TraitSet.Grip | TraitSet.Gait | TraitSet.LossRate, ChartCatalog.RequiredHistograms);
    }

    [Fact]
    public void WriteAll_WritesEveryChartAsPngAndSvg()
    {
        IReadOnlyList<string> written = ChartCatalog.WriteAll(Runs.Prepared, _directory, ChartFormat.All);

        string[] expected =
        [
            "decline-asm", "decline-asmi", "decline-grip", "decline-gait", "lives-female", "lives-male", "stages-female", "stages-male",
            "definitions-female", "definitions-male", "presets-female", "presets-male", "loss-rates",
        ];
        Assert.Equal(expected.SelectMany(n => new[] { $"{n}.png", $"{n}.svg" }), written.Select(Path.GetFileName));
        Assert.Equal(written.Order(), Directory.GetFiles(_directory).Order());
        Assert.All(written, path => Assert.True(new FileInfo(path).Length > 1000, path));
    }

    [Fact]
    public void WriteAll_WithoutHistograms_ThrowsAndWritesNothing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChartCatalog.WriteAll(new ChartInputs(Runs.WithoutHistograms), _directory));

        Assert.Contains(nameof(ChartCatalog.RequiredHistograms), error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void Build_StagesWithoutHistograms_Works()
    {
        IReadOnlyList<Chart> charts = ChartCatalog.Stages.Build(new ChartInputs(Runs.WithoutHistograms));

        Assert.Equal(["stages-female", "stages-male"], charts.Select(c => c.Name));
        Assert.All(charts, c => Assert.False(string.IsNullOrWhiteSpace(c.Caption)));
        foreach (Chart chart in charts)
        {
            chart.Dispose();
        }
    }

    [Fact]
    public void Build_Lives_DrawsThePreparedLivesOfEachSex()
    {
        IReadOnlyList<Chart> charts = ChartCatalog.Lives.Build(Runs.Prepared);

        Assert.Equal(["lives-female", "lives-male"], charts.Select(c => c.Name));
        Assert.All(charts, c => Assert.Equal(1 + Runs.LivesPerSex, c.Plot.GetPlottables<ScottPlot.Plottables.Scatter>().Count()));
        Assert.All(charts, c => Assert.StartsWith($"{Runs.LivesPerSex} simulated ", c.Caption, StringComparison.Ordinal));
        foreach (Chart chart in charts)
        {
            chart.Dispose();
        }
    }

    [Fact]
    public void Preparation_NamesWhatEachKindDrawsFromBeyondTheResult()
    {
        Assert.Equal(
            [ChartPreparation.None, ChartPreparation.Lives, ChartPreparation.None, ChartPreparation.Definitions, ChartPreparation.Presets, ChartPreparation.None],
            ChartCatalog.All.Select(k => k.Preparation));
    }

    [Fact]
    public void Unavailable_NamesTheMissingHistogramFirst_ThenTheMissingInput()
    {
        Assert.Equal("need the histogram of Asmi, which the run did not accumulate", ChartCatalog.Lives.Unavailable(new ChartInputs(Runs.WithoutHistograms)));
        Assert.Equal("need ChartInputs.Lives, which was not prepared", ChartCatalog.Lives.Unavailable(new ChartInputs(Runs.Evidence)));
        Assert.Equal("need ChartInputs.Definitions, which was not prepared", ChartCatalog.Definitions.Unavailable(new ChartInputs(Runs.WithoutHistograms)));
        Assert.Null(ChartCatalog.Definitions.Unavailable(Runs.WithoutHistograms));
        Assert.All(ChartCatalog.All, kind => Assert.Null(kind.Unavailable(Runs.Prepared)));
    }

    [Fact]
    public void Build_WithoutThePreparedComparison_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChartCatalog.Presets.Build(new ChartInputs(Runs.Evidence)));

        Assert.Contains("ChartInputs.Presets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAll_WithTheResultAlone_DrawsOnlyTheKindsThatNeedNothingElse()
    {
        IReadOnlyList<string> written = ChartCatalog.WriteAll(new ChartInputs(Runs.Evidence), _directory, ChartFormat.Png);

        string[] expected = ["decline-asm", "decline-asmi", "decline-grip", "decline-gait", "stages-female", "stages-male", "loss-rates"];
        Assert.Equal(expected.Select(n => $"{n}.png"), written.Select(Path.GetFileName));
    }
}
