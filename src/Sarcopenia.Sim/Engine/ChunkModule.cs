using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Engine;

/// <summary>A run of consecutive people in segment order, all of one sex × ancestry group: a segment, or a block of one.</summary>
/// <param name="Group">The sex × ancestry group (see <see cref="Results.ResultLayout.GroupOf"/>).</param>
/// <param name="Start">The first person's position in the chunk's columns.</param>
/// <param name="Length">People, a whole number of vectors (padding lanes included).</param>
internal readonly record struct Slice(int Group, int Start, int Length)
{
    /// <summary>One past the last position.</summary>
    public int End => Start + Length;
}

/// <summary>What every module of a worker shares: the run's plan, the chunk's columns and layout, and the generator.</summary>
/// <param name="Plan">The run's validated, single-precision plan.</param>
/// <param name="Columns">The chunk's columns.</param>
/// <param name="Layout">Where each person sits in the columns.</param>
/// <param name="Rng">The counter-based generator: every draw is a pure function of (seed, stream, person, counter).</param>
internal sealed record ModuleContext(RunPlan Plan, PersonColumns Columns, ChunkLayout Layout, CounterRng Rng);

/// <summary>
/// One part of the model as the engine runs it: it owns some columns, fills them for each segment's people once, and
/// may update them before each year's step. Kernels inside a module work on spans and have a scalar twin that defines
/// their semantics (architecture invariant 6); modules never validate (the plan already is).
/// </summary>
/// <remarks>
/// Modules are created once per worker by <see cref="ModuleRegistry"/>, in the order they run. A module's draws must
/// depend only on the person's id (never on the chunk, segment or block), so that results do not depend on chunk
/// size, thread count or shard split.
/// </remarks>
internal abstract class ChunkModule
{
    /// <summary>Whether <see cref="BeforeYear"/> does anything in this run (skipped otherwise).</summary>
    public virtual bool HasYearWork => false;

    /// <summary>Fills this module's columns for the people of <paramref name="segment"/>, padding lanes included (they hold ordinary values and are never counted).</summary>
    public virtual void Initialize(Slice segment)
    {
    }

    /// <summary>Updates this module's columns for <paramref name="block"/> before the year step of age row <paramref name="row"/>.</summary>
    public virtual void BeforeYear(Slice block, int row)
    {
    }
}
