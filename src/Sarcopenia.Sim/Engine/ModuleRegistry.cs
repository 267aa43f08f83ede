using Sarcopenia.Sim.Engine.Modules;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// The modules a run uses, in the order the chunk runner calls them: this list is the model's step order (documented
/// in docs/model.md). Adding a module means writing its file and adding it here; the runner's loop does not change.
/// </summary>
internal static class ModuleRegistry
{
    /// <summary>
    /// Creates one worker's modules at the plan's vector width (<see cref="RunPlan.VectorBits"/>): the one place where
    /// the run-time width becomes the JIT-specialised code of every kernel the worker runs.
    /// </summary>
    public static WorkerModules Create(ModuleContext context, ResultTables tables) =>
        VectorWidth.Dispatch<WorkerFactory, WorkerModules>(context.Plan.VectorBits, new WorkerFactory(context, tables));

    /// <summary>Creates one worker's modules before the year step, in step order.</summary>
    private static ChunkModule[] Create<TSimd, TF, TI, TU>(ModuleContext context)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
    [
        // 2. Family members' trait scores (additive, shared, unique parts) and genotypes; nothing without families.
        new FamilyModule<TSimd, TF, TI, TU>(context),

        // 2a. Traits at the peak: height, ASM, grip, gait.
        new PeakTraitModule<TSimd, TF, TI, TU>(context),

        // 2b. Personal loss rate, the definition's mass measure (BMI), age at menopause.
        new PersonalTraitModule<TSimd, TF, TI, TU>(context),

        // 2c / 3. Exposures: mechanisms' onset ages; every year, the loss-rate and strength multipliers in force.
        new ExposureModule<TSimd, TF, TI, TU>(context),

        // 2d / 3. Height: the peak height; every year, height lost with age (off unless the model sets it), before staging.
        new HeightLossModule<TSimd, TF, TI, TU>(context),

        // 2e / 3. Body weight: the peak weight; every year, weight from age and lean mass, and BMI from weight and height.
        new BodyWeightModule<TSimd, TF, TI, TU>(context),

        // 4. The year's draws: noise of the loss, death uniforms (every fourth year, for four years).
        new YearDraws(context),
    ];

    private readonly struct WorkerFactory(ModuleContext context, ResultTables tables) : IWidthGeneric<WorkerModules>
    {
        public WorkerModules Invoke<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
        {
            // 5. The year step: the state, staging and the traits it sums itself; 6. the accumulation of the others.
            var yearStep = new YearStep<TSimd, TF, TI, TU>(context, tables);
            return new WorkerModules([.. Create<TSimd, TF, TI, TU>(context), yearStep], yearStep, new TraitAccumulator<TSimd, TF, TI, TU>(context, tables));
        }
    }
}

/// <summary>One worker's modules at one vector width.</summary>
/// <param name="Modules">Every module in step order, the year step last.</param>
/// <param name="YearStep">The year step (step 5).</param>
/// <param name="Accumulator">The accumulation of the traits the year step does not sum itself (step 6).</param>
internal sealed record WorkerModules(ChunkModule[] Modules, YearStep YearStep, TraitAccumulator Accumulator);
