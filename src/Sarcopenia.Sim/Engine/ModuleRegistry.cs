using Sarcopenia.Sim.Engine.Modules;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// The modules a run uses, in the order the chunk runner calls them: this list is the model's step order (documented
/// in docs/model.md). Adding a module means writing its file and adding it here; the runner's loop does not change.
/// </summary>
internal static class ModuleRegistry
{
    /// <summary>Creates one worker's modules, in step order.</summary>
    public static ChunkModule[] Create(ModuleContext context) =>
    [
        // 2. Family members' trait scores (additive, shared, unique parts) and genotypes; nothing without families.
        new FamilyModule(context),

        // 2a. Traits at the peak: height, ASM, grip, gait.
        new PeakTraitModule(context),

        // 2b. Personal loss rate, the definition's mass measure (BMI), age at menopause.
        new PersonalTraitModule(context),

        // 2c / 3. Exposures: mechanisms' onset ages; every year, the loss-rate and strength multipliers in force.
        new ExposureModule(context),

        // 2d / 3. Height: the peak height; every year, height lost with age (off unless the model sets it), before staging.
        new HeightLossModule(context),

        // 2e / 3. Body weight: the peak weight; every year, weight from age and lean mass, and BMI from weight and height.
        new BodyWeightModule(context),

        // 4. The year's draws: noise of the loss, death uniforms (every fourth year, for four years).
        new YearDraws(context),
    ];
}
