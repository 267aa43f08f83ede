using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Cli.Tests.Docs;

/// <summary>
/// docs/definitions.md and notebook 02 explain why the model ranks AWGS 2019 above EWGSOP2 for East Asians, unlike
/// Huang 2021; this fails when the model's ranking changes, so the explanation cannot outlive it.
/// </summary>
public sealed class DefinitionRankingDocsTests
{
    private const string Heading = "### Why the model ranks AWGS 2019 above EWGSOP2 for East Asians, unlike Huang 2021";

    [Fact]
    public void EastAsianRanking_IsTheOneTheDocsExplain()
    {
        var cohort = new CohortSpec(20_000) { Ancestry = AncestryMix.EastAsian };
        double At65Plus(SarcopeniaDefinition definition) =>
            Simulation.Run(Presets.Evidence with { Definition = definition }, cohort, Scenario.DefaultSeed).PrevalenceAtLeast(65, 100, null, Stage.Sarcopenia);

        Assert.True(At65Plus(Definitions.Awgs2019) > At65Plus(Definitions.Ewgsop2), "the model's ranking changed: update docs/definitions.md and notebook 02");
        Assert.Contains(Heading, File.ReadAllText(Repository.PathOf("docs/definitions.md")));
        Assert.Contains("disagrees with the study the docs cite", File.ReadAllText(Repository.PathOf("notebooks/02-definitions.ipynb")));
    }
}
