using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>Small cohorts and run options shared by the engine and validation tests.</summary>
internal static class Runs
{
    /// <summary>Every statistic and every histogram.</summary>
    public static RunOptions Everything(int? threads = null, int chunkSize = RunOptions.DefaultChunkSize) => new()
    {
        Threads = threads,
        ChunkSize = chunkSize,
        Statistics = TraitSet.All,
        Histograms = TraitSet.All,
    };

    /// <summary>A mixed-ancestry cohort with random sexes, so that every group (sex × ancestry) has people.</summary>
    public static CohortSpec Mixed(long people, int startAge = 30, int endAge = 100) =>
        new(people) { StartAge = startAge, EndAge = endAge, Ancestry = AncestryMix.UnitedStates2020 };

    /// <summary>The presets, by name, for theories.</summary>
    public static IEnumerable<object[]> PresetNames => Presets.All.Select(p => new object[] { p.Name });

    /// <summary>A model with mortality switched off.</summary>
    public static ModelParameters WithoutMortality(this ModelParameters model) => model with { Mortality = Mortality.None };
}
