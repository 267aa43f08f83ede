namespace Sarcopenia.Sim;

/// <summary>A per-person quantity the simulation can summarize by age, sex and ancestry.</summary>
public enum Trait
{
    /// <summary>Appendicular skeletal muscle mass, kg.</summary>
    Asm = 0,

    /// <summary>Appendicular skeletal muscle mass index, ASM / height², kg/m².</summary>
    Asmi = 1,

    /// <summary>Grip strength, kg.</summary>
    Grip = 2,

    /// <summary>Usual gait speed, m/s.</summary>
    Gait = 3,

    /// <summary>Muscle mass lost in the year that ended at this age, percent of the previous year's mass.</summary>
    LossRate = 4,

    /// <summary>Standing height, m.</summary>
    Height = 5,

    /// <summary>Body-mass index, weight / height², kg/m².</summary>
    Bmi = 6,

    /// <summary>ASM / BMI (the FNIH definition's ALM/BMI), m².</summary>
    AsmPerBmi = 7,
}

/// <summary>A set of traits, used to ask for statistics and histograms.</summary>
[Flags]
public enum TraitSet
{
    /// <summary>No trait.</summary>
    None = 0,

    /// <summary><see cref="Trait.Asm"/>.</summary>
    Asm = 1 << Trait.Asm,

    /// <summary><see cref="Trait.Asmi"/>.</summary>
    Asmi = 1 << Trait.Asmi,

    /// <summary><see cref="Trait.Grip"/>.</summary>
    Grip = 1 << Trait.Grip,

    /// <summary><see cref="Trait.Gait"/>.</summary>
    Gait = 1 << Trait.Gait,

    /// <summary><see cref="Trait.LossRate"/>.</summary>
    LossRate = 1 << Trait.LossRate,

    /// <summary><see cref="Trait.Height"/>.</summary>
    Height = 1 << Trait.Height,

    /// <summary><see cref="Trait.Bmi"/>.</summary>
    Bmi = 1 << Trait.Bmi,

    /// <summary><see cref="Trait.AsmPerBmi"/>.</summary>
    AsmPerBmi = 1 << Trait.AsmPerBmi,

    /// <summary>Every trait.</summary>
    All = Asm | Asmi | Grip | Gait | LossRate | Height | Bmi | AsmPerBmi,
}

/// <summary>Helpers for <see cref="Trait"/> and <see cref="TraitSet"/>.</summary>
public static class Traits
{
    /// <summary>Every trait, in table order.</summary>
    public static ReadOnlySpan<Trait> All => [Trait.Asm, Trait.Asmi, Trait.Grip, Trait.Gait, Trait.LossRate, Trait.Height, Trait.Bmi, Trait.AsmPerBmi];

    /// <summary>Returns whether <paramref name="set"/> contains <paramref name="trait"/>.</summary>
    public static bool Contains(this TraitSet set, Trait trait) => (set & (TraitSet)(1 << (int)trait)) != 0;

    /// <summary>The trait's unit, for tables and axis labels (<see cref="TraitInfo.Unit"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trait"/> is not a defined trait.</exception>
    public static string Unit(this Trait trait) => TraitInfo.Of(trait).Unit;
}
