using Sarcopenia.Sim.Engine.Modules;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine;

/// <summary>Receives a chunk's state after each year step (used to replay individual lives).</summary>
internal interface IYearObserver
{
    /// <summary>Called after reported age row <paramref name="row"/> (0 at the cohort's start age) has been stepped and accumulated for <paramref name="block"/>.</summary>
    void Observe(int row, Slice block, ChunkRunner chunk);

    /// <summary>Whether <see cref="Observe"/> wants reported age row <paramref name="row"/> (the year is then stepped with every value stored).</summary>
    bool Observes(int row) => true;
}

/// <summary>
/// Schedules one chunk of people through the model: it lays them out, lets each module initialize its columns, then
/// ages each block through every year in the step order below, accumulating into the worker's own
/// <see cref="ResultTables"/>. It computes nothing itself. One instance per worker thread, reused for every chunk.
/// </summary>
/// <remarks>
/// <para>The step order (docs/architecture.md): 1 layout → 2 initial traits → 3 exposures, interventions and body size →
/// 4 the year's draws → 5 mortality → muscle → strength → function → staging (one fused kernel) → 6 accumulation.
/// Steps 2–4 are the modules of <see cref="ModuleRegistry"/>, in its order.</para>
/// <para>Temporal blocking at two levels: the chunk stays in L2 while it is built, and each block of a segment stays in
/// L1 while it is aged through every year. People are independent and the tables are integer sums, so the order of
/// blocks, vectors and years changes no result; every draw depends only on (seed, stream, person id, counter), so
/// results are the same for any chunk size, thread count or shard split.</para>
/// </remarks>
internal sealed class ChunkRunner
{
    // People aged together through all years: the year step's ~17 columns of 512 floats (35 KiB) fit in L1.
    // A multiple of every vector width.
    private const int BlockSize = 512;

    private readonly RunPlan _plan;
    private readonly ChunkLayout _layout;
    private readonly ChunkModule[] _modules;
    private readonly ChunkModule[] _yearModules;
    private readonly YearStep _yearStep;
    private readonly TraitAccumulator _accumulator;

    public ChunkRunner(RunPlan plan, int maxChunk)
    {
        _plan = plan;
        Columns = new PersonColumns(ChunkLayout.CapacityFor(maxChunk));
        var rng = new CounterRng(plan.Seed, plan.Model.PhiloxRounds) { VectorBits = plan.VectorBits };
        _layout = new ChunkLayout(plan, rng, Columns, maxChunk);
        Tables = new ResultTables(plan.Layout, plan.Statistics, plan.StandardDeviations, plan.Histograms);
        var context = new ModuleContext(plan, Columns, _layout, rng);
        (_modules, _yearStep, _accumulator) = ModuleRegistry.Create(context, Tables);
        _yearModules = [.. _modules.Where(m => m.HasYearWork)];
    }

    /// <summary>This worker's accumulated tables.</summary>
    public ResultTables Tables { get; }

    /// <summary>The chunk's people as columns (for observers).</summary>
    public PersonColumns Columns { get; }

    /// <summary>Where each person sits in <see cref="Columns"/> (for observers: real people come first in each segment, then padding).</summary>
    public ChunkLayout Layout => _layout;

    /// <summary>Runs the people with ids <paramref name="firstId"/> .. <paramref name="firstId"/> + <paramref name="count"/> − 1.</summary>
    public void Run(long firstId, int count, IYearObserver? observer = null)
    {
        Prepare(firstId, count);
        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            Slice segment = _layout.Segment(g);
            for (int start = segment.Start; start < segment.End; start += BlockSize)
            {
                var block = new Slice(g, start, Math.Min(BlockSize, segment.End - start));
                for (int row = 0; row < _plan.Rows; row++)
                {
                    StepBlock(block, row, observer);
                }
            }
        }
    }

    /// <summary>
    /// Steps 1 and 2 for the people with ids <paramref name="firstId"/> .. <paramref name="firstId"/> + <paramref name="count"/> − 1:
    /// their layout and initial traits. <see cref="Run"/> then ages each block through every year; a caller that needs
    /// every person's year before the next (<see cref="MortalityBaseline"/>) calls <see cref="StepRow"/> instead.
    /// </summary>
    public void Prepare(long firstId, int count)
    {
        // 1. Layout: sex and ancestry, segments of one group each, padded to whole vectors.
        _layout.Assign(firstId, count);

        // 2. Initial traits: each module fills its columns, segment by segment.
        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            Slice segment = _layout.Segment(g);
            if (segment.Length > 0)
            {
                foreach (ChunkModule module in _modules)
                {
                    module.Initialize(segment);
                }
            }
        }
    }

    /// <summary>Ages every prepared person through the year that ends at simulated row <paramref name="row"/>.</summary>
    public void StepRow(int row)
    {
        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            Slice segment = _layout.Segment(g);
            for (int start = segment.Start; start < segment.End; start += BlockSize)
            {
                StepBlock(new Slice(g, start, Math.Min(BlockSize, segment.End - start)), row, observer: null);
            }
        }
    }

    /// <summary>Steps 3–6 for one block and one year.</summary>
    private void StepBlock(Slice block, int row, IYearObserver? observer)
    {
        // 3. Exposures, interventions and body size, 4. the year's draws: the modules' yearly work, in registry order.
        foreach (ChunkModule module in _yearModules)
        {
            module.BeforeYear(block, row);
        }

        // 5. Mortality → muscle → strength → function → staging, counted as it goes (from the start age on).
        int reportedRow = row - _plan.FirstReportedRow;
        bool observed = observer is not null && _plan.IsReported(row) && observer.Observes(reportedRow);
        TraitSet summed = _yearStep.Step(block, row, _accumulator.NeedsColumns, observed);
        if (!_plan.IsReported(row))
        {
            // The years from the peak to the cohort's start age age everyone; they are not reported.
            return;
        }

        // 6. Accumulation of the traits the step did not sum.
        _accumulator.Add(block, reportedRow, summed);
        if (observed)
        {
            observer!.Observe(reportedRow, block, this);
        }
    }
}
