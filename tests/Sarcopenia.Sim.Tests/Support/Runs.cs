using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

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

    /// <summary>700 families: twins of all kinds and sibships of three, then unrelated people, so that every family layout rule applies.</summary>
    public static FamilySpec MixedFamilies => new(700,
    [
        new FamilyShare(FamilyKind.MonozygoticTwins, 0.3),
        new FamilyShare(FamilyKind.DizygoticSameSexTwins, 0.3),
        new FamilyShare(FamilyKind.DizygoticOppositeSexTwins, 0.2),
        new FamilyShare(FamilyKind.Siblings, 0.2) { Size = 3 },
    ]);

    /// <summary>The presets, by name, for theories.</summary>
    public static IEnumerable<object[]> PresetNames => Presets.All.Select(p => new object[] { p.Name });

    /// <summary>The name of <see cref="Presets.Evidence"/> drawn with Philox4x32-7 instead of -10, for <see cref="Model"/>.</summary>
    public const string EvidenceSevenRounds = "Evidence, Philox4x32-7";

    /// <summary>The presets and <see cref="EvidenceSevenRounds"/>, by name, for theories.</summary>
    public static IEnumerable<object[]> ModelNames => PresetNames.Append([EvidenceSevenRounds]);

    /// <summary>The model a name from <see cref="ModelNames"/> stands for.</summary>
    public static ModelParameters Model(string name) =>
        name == EvidenceSevenRounds ? Presets.Evidence with { PhiloxRounds = 7 } : Presets.Get(name);

    /// <summary>A model with mortality switched off.</summary>
    public static ModelParameters WithoutMortality(this ModelParameters model) => model with { Mortality = Mortality.None };

    /// <summary>
    /// The model without the life-course features that closed-form mechanical tests leave out: height and weight stay
    /// the peak's, BMI is drawn independently of muscle, staging uses true values and everyone has the group's quality
    /// decline. The features themselves are tested by their own tests.
    /// </summary>
    public static ModelParameters Mechanical(this ModelParameters model) => model with
    {
        HeightLoss = null,
        BodyWeight = null,
        Measurement = null,
        Strength = model.Strength with { PersonalSigma = 0, MassRateCorrelation = 0 },
        Peak = model.Peak with { BmiAsmiCorrelation = 0 },
    };
}
