using System.Collections.Concurrent;
using Sarcopenia.Sim.Engine.Modules;
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

    /// <summary>
    /// The baseline death probabilities of closed cohorts that each follow their own life table and enter at their own age
    /// with nobody dead before (the birth cohorts of a projection), by cohort, group and age; <see langword="null"/> when
    /// the hazard ratio is one (each table's probabilities are then the baseline).
    /// </summary>
    /// <remarks>
    /// <para>At every age, <c>q₀ = q / (1 + p · (HR − 1))</c> as in <see cref="Solve"/>, with the cohort's own <c>q</c> and its
    /// own <c>p</c>: the sarcopenic share of its survivors, which depends on its age at entry and on the deaths of its own
    /// table since. Lives do not depend on deaths, so one pilot per ancestry without deaths serves every cohort: it
    /// records each pilot person's stage at every age, and a cohort's survivors are the pilot people weighted by their
    /// chance of having survived from the cohort's entry, the product over the years since of <c>1 − q₀</c> or
    /// <c>1 − HR · q₀</c> as their stage was. <c>p</c> is the weighted sarcopenic share, as a pilot that died by the
    /// cohort's table would give in expectation, without its death draws.</para>
    /// <para>Cost: one pilot per ancestry (as <see cref="Solve"/>'s), then for each cohort and sex a pass over the pilot's
    /// people of that sex per year; the pilot's stages are not kept after the call.</para>
    /// </remarks>
    /// <param name="model">The model (its interventions left out by the caller, so that a programme also prevents deaths).</param>
    /// <param name="startAge">The youngest entry age; histories are recorded from it.</param>
    /// <param name="endAge">The oldest age of any cohort.</param>
    /// <param name="ancestry">The ancestries present.</param>
    /// <param name="cohorts">Each cohort's sex, entry and last age and table.</param>
    public static float[][][]? SolveCohorts(ModelParameters model, int startAge, int endAge, AncestryMix ancestry, IReadOnlyList<CohortDeaths> cohorts)
    {
        double hazardRatio = model.Mortality.HazardRatioFor(model.Definition.Name);
        if (hazardRatio == 1)
        {
            return null;
        }

        Ancestry[] ancestries = [.. Enumerable.Range(0, ancestry.Weights.Length).Where(k => ancestry.Weights[k] > 0).Select(k => (Ancestry)k)];
        var histories = new StageHistories[ancestries.Length];
        Parallel.For(0, ancestries.Length, i => histories[i] = StageHistories.Record(model, startAge, endAge, ancestries[i]));
        var solved = new float[cohorts.Count][][];
        Parallel.For(0, cohorts.Count, c =>
        {
            CohortDeaths cohort = cohorts[c];
            solved[c] = new float[ResultLayout.GroupCount][];
            foreach (StageHistories history in histories)
            {
                int group = ResultLayout.GroupOf(cohort.Sex, history.Ancestry);
                solved[c][group] = history.Baseline(group, cohort, hazardRatio);
            }
        });
        return solved;
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

    /// <summary>
    /// The sarcopenic flag (the stage counts as sarcopenia for the hazard) of every person of a pilot without deaths at
    /// every age from the start age: one byte per person and age, by group.
    /// </summary>
    private sealed class StageHistories : IYearObserver
    {
        private readonly int _startAge;
        private readonly int _sarcopenicCombinations;
        private readonly List<int>[] _positions = [.. Enumerable.Range(0, ResultLayout.GroupCount).Select(_ => new List<int>())];
        private readonly byte[][] _byPosition;
        private byte[][][] _flags = [];

        private StageHistories(RunPlan plan, int capacity, Ancestry ancestry)
        {
            _startAge = plan.Cohort.StartAge;
            _sarcopenicCombinations = plan.SarcopenicCombinations;
            _byPosition = [.. Enumerable.Range(0, plan.Cohort.Years + 1).Select(_ => new byte[capacity])];
            Ancestry = ancestry;
        }

        public Ancestry Ancestry { get; }

        /// <summary>Runs the pilot of <paramref name="ancestry"/> without deaths and records its stages.</summary>
        public static StageHistories Record(ModelParameters model, int startAge, int endAge, Ancestry ancestry)
        {
            var pilot = new CohortSpec(PilotPeople) { StartAge = startAge, EndAge = endAge, Sexes = SexAssignment.Alternating, Ancestry = AncestryMix.Single(ancestry) };
            var plan = new RunPlan(model with { Mortality = model.Mortality with { Table = null } }, pilot, PilotSeed, TraitSet.None, standardDeviations: false, TraitSet.None);
            var runner = new ChunkRunner(plan, PilotPeople);
            var histories = new StageHistories(plan, runner.Columns.Capacity, ancestry);
            runner.Run(0, PilotPeople, histories);

            // By group, people in a row: the weighted pass then reads each age's flags in order.
            histories._flags = [.. histories._positions.Select(people => histories._byPosition.Select(row => people.Select(i => row[i]).ToArray()).ToArray())];
            return histories;
        }

        public void Observe(int row, Slice block, ChunkRunner chunk)
        {
            int[] alive = chunk.Columns.Get(ChunkLayout.Alive);
            int[] combination = chunk.Columns.Get(YearStep.Combination);
            byte[] flags = _byPosition[row];
            for (int i = block.Start; i < block.End; i++)
            {
                // Nobody dies in the pilot, so the lanes dead at the start age are padding.
                if (row == 0 && alive[i] != 0)
                {
                    _positions[block.Group].Add(i);
                }

                flags[i] = (byte)((_sarcopenicCombinations >> combination[i]) & 1);
            }
        }

        /// <summary>The cohort's baseline by age (index: the age at the end of the year), solved on this pilot's people of <paramref name="group"/>.</summary>
        public float[] Baseline(int group, CohortDeaths cohort, double hazardRatio)
        {
            byte[][] flags = _flags[group];
            var weights = new double[flags[0].Length];
            Array.Fill(weights, 1.0);
            var baseline = new float[cohort.LastAge + 1];
            for (int age = cohort.EntryAge + 1; age <= cohort.LastAge; age++)
            {
                // Last year's stages of those alive at its end, weighted by their survival since entry.
                byte[] sarcopenic = flags[age - 1 - _startAge];
                double alive = 0, ill = 0;
                for (int i = 0; i < weights.Length; i++)
                {
                    alive += weights[i];
                    ill += weights[i] * sarcopenic[i];
                }

                double share = alive > 0 ? ill / alive : 0;
                double q = Math.Min(1, cohort.Probability[age] / (1 + (share * (hazardRatio - 1))));
                baseline[age] = (float)q;
                double survive = 1 - q, surviveIll = 1 - Math.Min(1, q * hazardRatio);
                for (int i = 0; i < weights.Length; i++)
                {
                    weights[i] *= sarcopenic[i] != 0 ? surviveIll : survive;
                }
            }

            return baseline;
        }
    }
}

/// <summary>A closed cohort for <see cref="MortalityBaseline.SolveCohorts"/>.</summary>
/// <param name="Sex">Its sex.</param>
/// <param name="EntryAge">The age it enters at, with nobody dead before.</param>
/// <param name="LastAge">Its last age.</param>
/// <param name="Probability">By age <c>a</c> (entry + 1 to last): its table's probability of death in the year from <c>a − 1</c> to <c>a</c>.</param>
internal sealed record CohortDeaths(Sex Sex, int EntryAge, int LastAge, double[] Probability);
