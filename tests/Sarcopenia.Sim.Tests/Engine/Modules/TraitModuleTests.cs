using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Engine.Modules;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine.Modules;

/// <summary>
/// The initial-trait modules against their scalar twins: every person's columns, computed one person at a time from
/// the person's own draws (<see cref="CounterRng.Normal"/>) and the documented formulas, are the vector path's bits.
/// </summary>
public sealed class TraitModuleTests
{
    private const ulong Seed = 20_261_201;

    // Several segments, each ending in a partly filled vector.
    private const int People = 333;

    // Physical traits are floored at this share of their mean (docs/model.md §3).
    private const float Floor = 0.05f;

    public static TheoryData<string, string> Models => new()
    {
        { "Evidence", "EWGSOP2" },
        { "Evidence", "FNIH" },
        { "Review2014", "EWGSOP2010" },
        { "ReferenceWorkload", "RW1" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void PeakAndPersonalTraits_EqualTheScalarFormulas(string preset, string definition)
    {
        (ModuleContext context, ChunkModule[] modules) = Chunk(Presets.Get(preset).Mechanical() with { Definition = Definitions.Get(definition) });
        (RunPlan plan, PersonColumns columns, ChunkLayout layout, CounterRng rng) = context;

        int checkedPeople = 0;
        foreach ((int g, Slice segment) in InitializedSegments(layout, modules))
        {
            GroupPlan gp = plan.Groups[g];
            for (int at = segment.Start; at < segment.Start + layout.People(g); at++)
            {
                ulong id = columns.Get(ChunkLayout.IdLow)[at] | ((ulong)columns.Get(ChunkLayout.IdHigh)[at] << 32);
                float Peak(int lane) => rng.Normal(RandomStream.PeakTraits, id, 0, lane);
                float Personal(int lane) => rng.Normal(RandomStream.Personal, id, 0, lane);

                float height = Draw(gp.Height, Peak(0));
                float heightSquared = height * height;
                float peakAsm = Draw(gp.Asmi, Peak(1)) * heightSquared;
                Same(peakAsm, columns.Get(PeakTraitModule.Asm)[at]);
                Same(1f / peakAsm, columns.Get(PeakTraitModule.InversePeakAsm)[at]);
                Same(1f / heightSquared, columns.Get(PeakTraitModule.InverseHeightSquared)[at]);
                Same(Draw(gp.Grip, (gp.MassGripCorrelation * Peak(1)) + (gp.MassGripResidual * Peak(2))), columns.Get(PeakTraitModule.PeakGrip)[at]);
                Same(Draw(gp.Gait, Peak(3)), columns.Get(PeakTraitModule.PeakGait)[at]);

                float rate = FloatMath.Exp2(gp.Log2MedianRate + (gp.PersonalLog2Sigma * Personal(0)));
                Same(MathF.Min(MathF.Max(rate, gp.MinRate), gp.MaxRate), columns.Get(PersonalTraitModule.Rate)[at]);
                float massScale = gp.MassScaleKind switch
                {
                    MassMeasure.Asmi => 1f / heightSquared,
                    MassMeasure.AsmPerBmi => 1f / Draw(gp.Bmi, Personal(1)),
                    _ => 1f,
                };
                Same(massScale, columns.Get(PersonalTraitModule.MassScale)[at]);
                Same(gp.Menopause.Mean + (gp.Menopause.Sd * Personal(2)), columns.Get(PersonalTraitModule.MenopauseAge)[at]);
                checkedPeople++;
            }
        }

        Assert.Equal(People, checkedPeople);
    }

    [Theory]
    [InlineData("Evidence", 40)]
    [InlineData("Evidence", 75)]
    [InlineData("Review2014", 90)]
    public void Exposures_EqualTheScalarProductOfTheRatiosInForce(string preset, int age)
    {
        (ModuleContext context, ChunkModule[] modules) = Chunk(Presets.Get(preset));
        (RunPlan plan, PersonColumns columns, ChunkLayout layout, CounterRng rng) = context;
        Assert.True(plan.UpdatesMultipliers, "the preset must have an active mechanism or a menopause strength ratio");
        int row = age - plan.Cohort.StartAge;
        int exposed = 0;

        foreach ((int g, Slice segment) in InitializedSegments(layout, modules))
        {
            modules.OfType<ExposureModule>().Single().BeforeYear(segment, row);
            Sex sex = ResultLayout.SexOf(g);
            for (int at = segment.Start; at < segment.Start + layout.People(g); at++)
            {
                ulong id = columns.Get(ChunkLayout.IdLow)[at] | ((ulong)columns.Get(ChunkLayout.IdHigh)[at] << 32);
                float rate = 1f;
                float strength = 1f;
                if (age >= columns.Get(PersonalTraitModule.MenopauseAge)[at] && plan.MenopauseStrengthRatio != 1f)
                {
                    strength *= plan.MenopauseStrengthRatio;
                }

                foreach (MechanismPlan m in plan.Mechanisms)
                {
                    float u = rng.Uniform(RandomStream.RiskFactors, id, (uint)(m.Index >> 2), m.Index & 3);
                    float[] prevalence = sex == Sex.Female ? m.FemalePrevalence : m.MalePrevalence;
                    int first = Array.FindIndex(prevalence, p => u < p);
                    if (first >= 0 && first <= row)
                    {
                        rate *= m.LossRateRatio;
                        strength *= m.StrengthRatio;
                    }
                }

                Same(rate, columns.Get(ExposureModule.RateMultiplier)[at]);
                Same(strength, columns.Get(ExposureModule.StrengthMultiplier)[at]);
                exposed += rate != 1f || strength != 1f ? 1 : 0;
            }
        }

        // Not vacuous: someone is exposed by this age.
        Assert.InRange(exposed, 1, People);
    }

    /// <summary>A chunk of <see cref="People"/> mixed people laid out, with the registry's modules before the year step, in its order.</summary>
    private static (ModuleContext Context, ChunkModule[] Modules) Chunk(ModelParameters model)
    {
        var plan = new RunPlan(model, Runs.Mixed(People), Seed, TraitSet.None, standardDeviations: false, TraitSet.None);
        var columns = new PersonColumns(ChunkLayout.CapacityFor(People));
        var rng = new CounterRng(Seed, model.PhiloxRounds);
        var layout = new ChunkLayout(plan, rng, columns, People);
        var context = new ModuleContext(plan, columns, layout, rng);
        layout.Assign(0, People);
        var tables = new ResultTables(plan.Layout, plan.Statistics, plan.StandardDeviations, plan.Histograms);

        // The modules before the year step (which the registry puts last).
        return (context, ModuleRegistry.Create(context, tables).Modules[..^1]);
    }

    /// <summary>Each occupied segment of the chunk, with every module initialized for it first.</summary>
    private static IEnumerable<(int Group, Slice Segment)> InitializedSegments(ChunkLayout layout, ChunkModule[] modules)
    {
        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            Slice segment = layout.Segment(g);
            if (segment.Length == 0)
            {
                continue;
            }

            foreach (ChunkModule module in modules)
            {
                module.Initialize(segment);
            }

            yield return (g, segment);
        }
    }

    private static float Draw((float Mean, float Sd) normal, float z) => MathF.Max(normal.Mean + (normal.Sd * z), Floor * normal.Mean);

    private static void Same(float expected, float actual) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"expected {expected:R}, got {actual:R}");
}
