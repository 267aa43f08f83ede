using System.Collections.Concurrent;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// Solves the baseline death probabilities that make mortality add up: at every age, <c>q₀ = q / (1 + p · (HR − 1))</c>,
/// where <c>q</c> is the life table's and <c>p</c> the share of the living whose last (measured) stage was sarcopenia, so
/// the population's deaths reproduce the table while people with sarcopenia die HR times as often as the others
/// (<see cref="Demography.Mortality"/>).
/// </summary>
/// <remarks>
/// <para><c>p</c> depends on who survived earlier years, so the baseline is solved year by year on a pilot population of
/// each ancestry: <see cref="PilotPeople"/> people (half women, half men) aged from the peak, every one through a year
/// before the next year's baseline is set from their stages. The pilot has its own fixed seed and ids, so the baseline
/// is a property of the model and the cohort's ages alone: the same for every seed, shard, chunk size and thread count,
/// and the same for the arms of a comparison whose models share it.</para>
/// <para>The pilot's sampling error in <c>p</c> (at most about 0.5 percentage points where the fewest pilot people are
/// alive, at 100) moves the population's deaths by at most <c>(HR − 1) · 0.005</c>, under 1 % for the published
/// hazard ratios. Solving costs one pilot run per ancestry; results are cached for the process.</para>
/// </remarks>
internal static class MortalityBaseline
{
    /// <summary>People in each ancestry's pilot: 2^16 (2^15 of each sex) keeps the sampling error of p under 0.5 points at 100.</summary>
    public const int PilotPeople = 1 << 16;

    // The pilot's seed: any fixed value, distinct from the seeds users are likely to pick ("MORTBASE" in ASCII).
    private const ulong PilotSeed = 0x4D4F_5254_4241_5345;

    private static readonly ConcurrentDictionary<(ModelParameters Model, int StartAge, int EndAge, Ancestry Ancestry), float[][]> s_cache = new();

    /// <summary>
    /// The baseline death probability of every group (sex × ancestry) and simulated row, or <see langword="null"/> when
    /// there is no mortality or the hazard ratio is one (the table's own probabilities are then the baseline).
    /// </summary>
    public static float[][]? Solve(ModelParameters model, CohortSpec cohort)
    {
        if (model.Mortality.Table is null || model.Mortality.HazardRatioFor(model.Definition.Name) == 1)
        {
            return null;
        }

        // Each ancestry's pilot is independent of the others', so they run in parallel; each is deterministic.
        Ancestry[] ancestries = [.. Enumerable.Range(0, cohort.Ancestry.Weights.Length).Where(k => cohort.Ancestry.Weights[k] > 0).Select(k => (Ancestry)k)];
        var solved = new float[ancestries.Length][][];
        Parallel.For(0, ancestries.Length, i => solved[i] = s_cache.GetOrAdd(
            (model, cohort.StartAge, cohort.EndAge, ancestries[i]), key => SolvePilot(key.Model, key.StartAge, key.EndAge, key.Ancestry)));
        var baseline = new float[ResultLayout.GroupCount][];
        for (int i = 0; i < ancestries.Length; i++)
        {
            foreach (Sex sex in (ReadOnlySpan<Sex>)[Sex.Female, Sex.Male])
            {
                int group = ResultLayout.GroupOf(sex, ancestries[i]);
                baseline[group] = solved[i][group];
            }
        }

        return baseline;
    }

    private static float[][] SolvePilot(ModelParameters model, int startAge, int endAge, Ancestry ancestry)
    {
        var pilot = new CohortSpec(PilotPeople) { StartAge = startAge, EndAge = endAge, Sexes = SexAssignment.Alternating, Ancestry = AncestryMix.Single(ancestry) };
        var plan = new RunPlan(model, pilot, PilotSeed, TraitSet.None, standardDeviations: false, TraitSet.None);
        var runner = new ChunkRunner(plan, PilotPeople);
        runner.Prepare(0, PilotPeople);
        double hazardRatio = plan.HazardRatio;
        int[] groups = [ResultLayout.GroupOf(Sex.Female, ancestry), ResultLayout.GroupOf(Sex.Male, ancestry)];
        for (int row = 0; row < plan.Rows; row++)
        {
            if (row > plan.FirstReportedRow)
            {
                foreach (int g in groups)
                {
                    // Last year's stages of those alive at its end: the people this year's hazard applies to.
                    double sarcopenic = SarcopenicShare(runner.Tables, plan, row - 1 - plan.FirstReportedRow, g);
                    double q = plan.Groups[g].Scalars[row].DeathProbability;
                    plan.Groups[g].SetDeathProbability(row, (float)(q / (1 + (sarcopenic * (hazardRatio - 1)))));
                }
            }

            runner.StepRow(row);
        }

        var baseline = new float[ResultLayout.GroupCount][];
        foreach (int g in groups)
        {
            baseline[g] = [.. plan.Groups[g].Scalars.Select(s => s.DeathProbability)];
        }

        return baseline;
    }

    private static double SarcopenicShare(ResultTables tables, RunPlan plan, int reportedRow, int group)
    {
        int cell = tables.Layout.Cell(reportedRow, group);
        long alive = 0;
        long sarcopenic = 0;
        for (int c = 0; c < ResultLayout.Combinations; c++)
        {
            long n = tables.CombinationCounts[(cell * ResultLayout.Combinations) + c];
            alive += n;
            if (((plan.SarcopenicCombinations >> c) & 1) != 0)
            {
                sarcopenic += n;
            }
        }

        return alive > 0 ? (double)sarcopenic / alive : 0;
    }
}
