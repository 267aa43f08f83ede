using Sarcopenia.Sim;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Cli.Tests.Docs;

/// <summary>The README's C# quickstart compiles and runs: <see cref="Quickstart"/> is the snippet, verbatim.</summary>
public sealed class ReadmeQuickstartTests
{
    private const int BodyIndent = 8;

    [Fact]
    public void Quickstart_Runs() => Quickstart();

    [Fact]
    public void Readme_ShowsExactlyTheTestedQuickstart()
    {
        string readme = File.ReadAllText(Repository.PathOf("README.md")).ReplaceLineEndings("\n");
        string snippet = Between(readme, "## C# quickstart\n\n```csharp\n", "```\n");
        string[] usings = [.. snippet.Split('\n').TakeWhile(line => line.StartsWith("using ", StringComparison.Ordinal))];
        string code = string.Join('\n', snippet.Split('\n').Skip(usings.Length + 1));

        string source = File.ReadAllText(Repository.PathOf("tests/Sarcopenia.Sim.Cli.Tests/Docs/ReadmeQuickstartTests.cs")).ReplaceLineEndings("\n");
        string body = Between(source, "// quickstart-begin\n", "        // quickstart-end");
        string dedented = string.Join('\n', body.Split('\n').Select(line => line.Length >= BodyIndent ? line[BodyIndent..] : line.TrimStart()));

        Assert.Equal(code, dedented);
        Assert.NotEmpty(usings);
        Assert.All(usings, line => Assert.Contains(line + "\n", source));
    }

    private static void Quickstart()
    {
        // quickstart-begin
        var cohort = new CohortSpec(People: 20_000) { StartAge = 30, EndAge = 100, Ancestry = AncestryMix.UnitedStates2020 };
        SimulationResult evidence = Simulation.Run(Presets.Evidence, cohort, seed: 42);
        Console.WriteLine($"Women at 80 with sarcopenia (EWGSOP2): {evidence.PrevalenceAtLeast(80, Sex.Female, Stage.Sarcopenia):P1}");

        // The review's 1-5 %/yr from age 30 against the literature, staged by the same definition, on the same people with
        // the same random numbers (common random numbers): the difference is the claim's effect, not sampling noise.
        Scenario baseline = Scenario.FromPreset("Evidence") with { Cohort = cohort, Seed = 42 };
        ModelParameters review = Presets.Review2014 with { Definition = Definitions.Ewgsop2 };
        Comparison comparison = Simulation.Compare(ComparisonArms.OfModels(baseline, [Presets.Evidence, review]));
        Console.WriteLine($"... under the review's claims: {comparison["Review2014"].PrevalenceAtLeast(80, Sex.Female, Stage.Sarcopenia):P1}");

        TraitSummary grip = evidence.Summary(Trait.Grip, age: 80, Sex.Male);
        Console.WriteLine($"Men at 80: grip {grip.Mean:F1} kg (SD {grip.Sd:F1}), n = {grip.Count}");

        // Sarcopenia at 80-84 with its Monte Carlo (simulation noise) interval.
        PrevalenceEstimate women80 = evidence.PrevalenceAtLeastInterval(80, 84, Sex.Female, Stage.Sarcopenia);
        Console.WriteLine($"Women 80-84: {women80.Prevalence:P1} (95 % interval {women80.Lower:P1} to {women80.Upper:P1})");
        // quickstart-end
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start.Trim()}' not found.");
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end.Trim()}' not found after '{start.Trim()}'.");
        return text[from..to];
    }
}
