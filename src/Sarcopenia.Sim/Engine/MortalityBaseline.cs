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
/// each ancestry: <see cref="PilotPeopleFor"/> people (half women, half men) aged from the peak, every one through a year
/// before the next year's baseline is set from their stages. The pilot has its own fixed seed and ids, so the baseline
/// is a property of the model, the cohort's ages and its size alone: the same for every seed, shard, chunk size and
/// thread count, and the same for the arms of a comparison whose models share it.</para>
/// <para>The pilot's sampling error in <c>p</c> (at most about 0.5 percentage points where the fewest pilot people are
/// alive, at 100, for the full pilot of <see cref="PilotPeople"/>) moves the population's deaths by at most
/// <c>(HR − 1) · 0.005</c>, under 1 % for the published hazard ratios. A cohort smaller than that gets a pilot of its
/// own size (at least <see cref="MinPilotPeople"/>): the pilot's error then stays below the cohort's own binomial noise
/// in deaths, and a small run (a notebook's, or each of a calibration's hundreds of evaluations) no longer spends most of
/// its time on a pilot several times its size. Solving costs one pilot run per ancestry; results are cached for the
/// process.</para>
/// </remarks>
internal static class MortalityBaseline
{
    /// <summary>People in each ancestry's pilot: 2^16 (2^15 of each sex) keeps the sampling error of p under 0.5 points at 100.</summary>
    public const int PilotPeople = 1 << 16;

    /// <summary>The smallest pilot: 2^13 (2^12 of each sex) keeps the error of p under about one point at 85.</summary>
    public const int MinPilotPeople = 1 << 13;

    /// <summary>The pilot's size for a cohort of <paramref name="cohortPeople"/>: its own size, within <see cref="MinPilotPeople"/> … <see cref="PilotPeople"/>.</summary>
    public static int PilotPeopleFor(long cohortPeople) => (int)Math.Clamp(cohortPeople, MinPilotPeople, PilotPeople);

    // The pilot's seed: any fixed value, distinct from the seeds users are likely to pick ("MORTBASE" in ASCII).
    private const ulong PilotSeed = 0x4D4F_5254_4241_5345;

    private static readonly ConcurrentDictionary<(ModelParameters Model, int StartAge, int EndAge, Ancestry Ancestry, int Pilot), float[][]> s_cache = new();

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
        int pilot = PilotPeopleFor(cohort.People);
        Parallel.For(0, ancestries.Length, i => solved[i] = s_cache.GetOrAdd(
            (model, cohort.StartAge, cohort.EndAge, ancestries[i], pilot), key => SolvePilot(key.Model, key.StartAge, key.EndAge, key.Ancestry, key.Pilot)));
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

    /// <summary>Solves the baseline on a pilot of <paramref name="people"/> (uncached: <see cref="Solve"/> caches it).</summary>
    internal static float[][] SolvePilot(ModelParameters model, int startAge, int endAge, Ancestry ancestry, int people)
    {
        var pilot = new CohortSpec(people) { StartAge = startAge, EndAge = endAge, Sexes = SexAssignment.Alternating, Ancestry = AncestryMix.Single(ancestry) };
        var plan = new RunPlan(model, pilot, PilotSeed, TraitSet.None, standardDeviations: false, TraitSet.None);
        var runner = new ChunkRunner(plan, people);
        runner.Prepare(0, people);
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
    private sealed class StageHistories
    {
        private readonly int _startAge;

        // By group, age row (from the start age) and person; people in increasing order of their first sarcopenic row.
        private readonly byte[][][] _flags;

        // By group and person: the first age row with the flag set (the row count if none), in increasing order.
        private readonly int[][] _firstIll;

        private StageHistories(Ancestry ancestry, int startAge, byte[][][] flags)
        {
            Ancestry = ancestry;
            _startAge = startAge;

            // People never sarcopenic in a cohort's years share one weight, so the weighted pass skips them (see
            // Baseline); sorted by their first sarcopenic age, the people a cohort needs are a prefix.
            _firstIll = new int[flags.Length][];
            _flags = new byte[flags.Length][][];
            for (int g = 0; g < flags.Length; g++)
            {
                byte[][] rows = flags[g];
                int[] first = [.. Enumerable.Range(0, rows.Length == 0 ? 0 : rows[0].Length).Select(i => Enumerable.Range(0, rows.Length).FirstOrDefault(r => rows[r][i] != 0, rows.Length))];
                int[] order = [.. Enumerable.Range(0, first.Length).OrderBy(i => first[i]).ThenBy(i => i)];
                _firstIll[g] = [.. order.Select(i => first[i])];
                _flags[g] = [.. rows.Select(row => order.Select(i => row[i]).ToArray())];
            }
        }

        public Ancestry Ancestry { get; }

        /// <summary>Runs the pilot of <paramref name="ancestry"/> without deaths, year by year, and records its stages.</summary>
        public static StageHistories Record(ModelParameters model, int startAge, int endAge, Ancestry ancestry)
        {
            var pilot = new CohortSpec(PilotPeople) { StartAge = startAge, EndAge = endAge, Sexes = SexAssignment.Alternating, Ancestry = AncestryMix.Single(ancestry) };
            var plan = new RunPlan(model with { Mortality = model.Mortality with { Table = null } }, pilot, PilotSeed, TraitSet.None, standardDeviations: false, TraitSet.None)
            {
                StoresCombinations = true,
            };
            var runner = new ChunkRunner(plan, PilotPeople);
            runner.Prepare(0, PilotPeople);
            int[] combination = runner.Columns.Get(YearStep.Combination);
            var flags = new byte[ResultLayout.GroupCount][][];
            for (int g = 0; g < flags.Length; g++)
            {
                int people = runner.Layout.People(g);
                flags[g] = [.. Enumerable.Range(0, pilot.Years + 1).Select(_ => new byte[people])];
            }

            for (int row = 0; row < plan.Rows; row++)
            {
                runner.StepRow(row);
                if (!plan.IsReported(row))
                {
                    continue;
                }

                for (int g = 0; g < flags.Length; g++)
                {
                    byte[] now = flags[g][row - plan.FirstReportedRow];
                    int first = runner.Layout.Segment(g).Start;
                    for (int i = 0; i < now.Length; i++)
                    {
                        now[i] = (byte)((plan.SarcopenicCombinations >> combination[first + i]) & 1);
                    }
                }
            }

            return new StageHistories(ancestry, startAge, flags);
        }

        /// <summary>The cohort's baseline by age (index: the age at the end of the year), solved on this pilot's people of <paramref name="group"/>.</summary>
        public float[] Baseline(int group, CohortDeaths cohort, double hazardRatio)
        {
            byte[][] flags = _flags[group];

            // The people first sarcopenic after the cohort's last year read (age LastAge − 1) are never sarcopenic in it:
            // they all keep one weight, held once for all of them (exactly what each of them would hold).
            int lastRow = cohort.LastAge - 1 - _startAge;
            int n = _firstIll[group].AsSpan().IndexOfAnyExceptInRange(int.MinValue, lastRow) is int k and >= 0 ? k : _firstIll[group].Length;
            int healthy = _firstIll[group].Length - n;
            double healthyWeight = 1;
            var weights = new double[n];
            Array.Fill(weights, 1.0);
            var baseline = new float[cohort.LastAge + 1];

            // At entry every pilot person stands for the cohort (nobody has died yet).
            double alive = n + healthy;
            double ill = flags[cohort.EntryAge - _startAge].AsSpan(0, n).ToArray().Sum(f => (double)f);
            Span<double> survive = stackalloc double[2];
            for (int age = cohort.EntryAge + 1; age <= cohort.LastAge; age++)
            {
                // Last year's stages of those alive at its end, weighted by their survival since entry.
                double share = alive > 0 ? ill / alive : 0;
                double q = Math.Min(1, cohort.Probability[age] / (1 + (share * (hazardRatio - 1))));
                baseline[age] = (float)q;
                if (age == cohort.LastAge)
                {
                    break;
                }

                // One pass: survive this year by last year's stage, then add up this year's stages. Four sums in a fixed
                // order keep the additions independent (and the result the same on every machine).
                survive[0] = 1 - q;
                survive[1] = 1 - Math.Min(1, q * hazardRatio);
                byte[] last = flags[age - 1 - _startAge];
                byte[] now = flags[age - _startAge];
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0, s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i <= n - 4; i += 4)
                {
                    double w0 = weights[i] * survive[last[i]];
                    double w1 = weights[i + 1] * survive[last[i + 1]];
                    double w2 = weights[i + 2] * survive[last[i + 2]];
                    double w3 = weights[i + 3] * survive[last[i + 3]];
                    (weights[i], weights[i + 1], weights[i + 2], weights[i + 3]) = (w0, w1, w2, w3);
                    (a0, a1, a2, a3) = (a0 + w0, a1 + w1, a2 + w2, a3 + w3);
                    (s0, s1, s2, s3) = (s0 + (w0 * now[i]), s1 + (w1 * now[i + 1]), s2 + (w2 * now[i + 2]), s3 + (w3 * now[i + 3]));
                }

                for (; i < n; i++)
                {
                    double w = weights[i] * survive[last[i]];
                    weights[i] = w;
                    a0 += w;
                    s0 += w * now[i];
                }

                healthyWeight *= survive[0];
                alive = (a0 + a1) + (a2 + a3) + (healthy * healthyWeight);
                ill = (s0 + s1) + (s2 + s3);
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
