using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine;

/// <summary>
/// The engine's two ways of ageing a block give the same tables: the year pass that keeps counts and ASM sums in
/// registers (every population run) and the column kernel that stores every person's values for an observer (every
/// replayed life). Each preset as defined and without mortality, for every kind of output the pass treats differently.
/// </summary>
public sealed class YearPassTests
{
    private const ulong Seed = 20_261_128;

    // Several chunks of uneven size, so that segments end in partly padded vectors and blocks of every length occur.
    private const int People = 9_000;
    private const int ChunkSize = 3_001;

    public static IEnumerable<object[]> Cases =>
        from object[] preset in Runs.PresetNames
        from bool mortality in new[] { true, false }
        from int outputs in new[] { 0, 1, 2, 3 }
        select new object[] { preset[0], mortality, outputs };

    [Theory]
    [MemberData(nameof(Cases))]
    public void YearPass_GivesTheSameTablesAsTheColumnKernel(string preset, bool mortality, int outputs)
    {
        ModelParameters model = mortality ? Presets.Get(preset) : Presets.Get(preset).WithoutMortality();
        // Case 1 is RW1's outputs: ASM means without SDs.
        (TraitSet statistics, bool standardDeviations, TraitSet histograms) = outputs switch
        {
            0 => (TraitSet.None, true, TraitSet.None),
            1 => (TraitSet.Asm, false, TraitSet.None),
            2 => (TraitSet.All, true, TraitSet.None),
            _ => (TraitSet.All, true, TraitSet.All),
        };
        var plan = new RunPlan(model, Runs.Mixed(People), Seed, statistics, standardDeviations, histograms);

        ResultTables pass = Age(plan, observer: null);
        ResultTables columns = Age(plan, new NoObserver());

        Assert.True(pass.ContentEquals(columns));

        // Not vacuous: people were counted, and where the model has mortality (RW1 has none) some died.
        Assert.True(pass.CombinationCounts.Sum() > 0);
        Assert.Equal(model.Mortality.Table is not null, pass.Deaths.Sum() > 0);
    }

    private static ResultTables Age(RunPlan plan, IYearObserver? observer)
    {
        var runner = new ChunkRunner(plan, ChunkSize);
        for (long first = 0; first < People; first += ChunkSize)
        {
            runner.Run(first, (int)Math.Min(ChunkSize, People - first), observer);
        }

        return runner.Tables;
    }

    /// <summary>Watches nothing; its presence alone sends every year through the column kernel.</summary>
    private sealed class NoObserver : IYearObserver
    {
        public void Observe(int row, Slice block, ChunkRunner chunk)
        {
        }
    }
}
