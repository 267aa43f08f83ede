using System.Collections.Concurrent;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Parameters;

/// <summary>Ancestry effects multiply the reference group's mean peak traits (checked through the engine at age 30).</summary>
public sealed class AncestryEffectsTests
{
    private const int People = 100_000;

    private static readonly ConcurrentDictionary<Ancestry, Lazy<SimulationResult>> s_runs = new();

    public static IEnumerable<object[]> Cases =>
        from Ancestry a in new[] { Ancestry.EastAsian, Ancestry.African, Ancestry.SouthAsian, Ancestry.HispanicLatino }
        from Trait t in new[] { Trait.Asmi, Trait.Grip, Trait.Gait }
        from Sex s in new[] { Sex.Female, Sex.Male }
        select new object[] { a, t, s };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PeakMean_IsTheReferenceMeanTimesTheAncestryRatio(Ancestry ancestry, Trait trait, Sex sex)
    {
        AncestryEffects e = Presets.Evidence.EffectsFor(ancestry);
        double ratio = trait switch { Trait.Asmi => e.Asmi[sex], Trait.Grip => e.Grip[sex], _ => e.Gait[sex] };
        TraitSummary reference = Run(Ancestry.European).Summary(trait, 30, sex);
        TraitSummary group = Run(ancestry).Summary(trait, 30, sex);

        // 5 SE of (mean_g − ratio·mean_ref) for independent samples: sqrt(sd_g²/n_g + ratio²·sd_ref²/n_ref), about
        // 0.06 kg for grip. (With one seed the two cohorts share their z draws, so the difference is in fact far smaller.)
        double se = Math.Sqrt((group.Sd * group.Sd / group.Count) + (ratio * ratio * reference.Sd * reference.Sd / reference.Count));
        Assert.True(Math.Abs(group.Mean - (ratio * reference.Mean)) <= MonteCarlo.Sigmas * se,
            $"{ancestry} {trait} {sex}: {group.Mean:F4} vs {ratio} × {reference.Mean:F4} = {ratio * reference.Mean:F4}");
    }

    [Fact]
    public void EffectsFor_AnUnlistedAncestry_IsNeutral()
    {
        ModelParameters none = Presets.Evidence with { Ancestries = default };
        Assert.Equal(AncestryEffects.Neutral(Ancestry.African), none.EffectsFor(Ancestry.African));
        Assert.Equal(AncestryEffects.Neutral(Ancestry.European), Presets.Evidence.EffectsFor(Ancestry.European));
        none.Validate();
    }

    private static SimulationResult Run(Ancestry ancestry) =>
        s_runs.GetOrAdd(ancestry, a => new Lazy<SimulationResult>(() =>
            Simulation.Run(Presets.Evidence, new CohortSpec(People) { EndAge = 31, Ancestry = AncestryMix.Single(a) }, 55))).Value;
}
