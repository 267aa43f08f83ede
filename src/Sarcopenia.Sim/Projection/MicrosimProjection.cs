using System.Diagnostics;
using System.Globalization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Engine.Modules;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Projection;

/// <summary>
/// The microsimulation projection: a real population over calendar years, each birth cohort (birth year × sex) a closed
/// cohort on the chunked engine with its own cohort life table (docs/projection.md).
/// </summary>
/// <remarks>
/// <para><b>Who is simulated.</b> Everyone aged <see cref="MicrosimSetup.FirstAge"/> to <see cref="MicrosimSetup.LastAge"/>
/// in the base year enters then, at their age; younger birth cohorts enter in the year they reach the first age. Each
/// birth cohort has round(people at entry / scale) simulated people, simulated from the peak (the engine's life course) with
/// nobody dying before entry, then through every calendar year to the horizon.</para>
/// <para><b>Deaths.</b> A person born in year b dies in the year from age a − 1 to a with the period life table of calendar
/// year b + a − 1 at age a − 1 (so each cohort follows the diagonal of the period tables, and mortality improves over
/// time), times the baseline factor <c>1 / (1 + p · (HR − 1))</c>, solved for each birth cohort on its own tables and from
/// its own entry age (<see cref="MortalityBaseline.SolveCohorts"/>), and times HR for people with sarcopenia: deaths add
/// up to the tables. The factor is solved on the model without interventions, so an intervention that prevents
/// sarcopenia also prevents deaths.</para>
/// <para><b>Random numbers.</b> Cohort (b, sex) of replicate r has its own seed, a Philox draw keyed by (b, sex) at counter r
/// of the scenario's seed; person ids are 0 .. n − 1 within it. Arms of a comparison share all of these, and an
/// intervention draws its enrolment from its own lane of the risk-factor stream, so with no effect the arms are the same
/// bit for bit.</para>
/// <para><b>Memory</b> is a fixed set of chunk runners and tallies per worker, whatever the population's size.</para>
/// </remarks>
public static class MicrosimProjection
{
    // Keys of the Projection stream's draws: cohort seeds, then interventions' effects (parameters' draws use their own).
    private const ulong CohortKeys = 1UL << 40;
    private const ulong InterventionKeys = 2UL << 40;

    /// <summary>Keys of the draws of scenario parameters from their distributions (parameter i has key ParameterKeys + i).</summary>
    internal const ulong ParameterKeys = 3UL << 40;

    /// <summary>Runs replicate <paramref name="replicate"/> of the projection.</summary>
    /// <param name="setup">The scenario, population, life tables, years, scaling and interventions.</param>
    /// <param name="replicate">The replicate: its cohorts' seeds and its interventions' effects are draws at this counter.</param>
    /// <param name="options">Threads, chunk size, vector width, progress (simulated people done) and cancellation; outputs and shards do not apply.</param>
    /// <exception cref="ParameterValidationException">The setup is invalid, or the scaling leaves a birth cohort with no simulated person.</exception>
    public static MicrosimResult Run(MicrosimSetup setup, int replicate = 0, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        options ??= new RunOptions();
        setup.Validate();
        var v = new ParameterValidator();
        options.Validate(v);
        v.ThrowIfAny();
        var stopwatch = Stopwatch.StartNew();
        ModelParameters model = setup.Scenario.Model;
        var rng = new CounterRng(setup.Scenario.Seed, model.PhiloxRounds);
        Cohort[] cohorts = Cohorts(setup, rng, replicate);
        CohortDeaths[] deaths = CohortTables(setup, cohorts);
        float[][][]? baselines = Baselines(setup, deaths);

        // The plans' model needs a table for its mortality to be on; the cohorts' own probabilities replace its values.
        Mortality mortality = model.Mortality with { Table = setup.LifeTables.ForYear(setup.BaseYear) };
        Mechanism[] interventions = [.. setup.Interventions.Select((intervention, i) => Effect(setup, intervention, i, rng, replicate))];

        // Plans first (each cheap), so that workers only run chunks.
        var plans = new RunPlan[cohorts.Length];
        Parallel.For(0, cohorts.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount },
            c => plans[c] = Plan(setup, cohorts[c], model with { Mortality = mortality, Mechanisms = [.. model.Mechanisms, .. Enrolment(setup, cohorts[c], interventions)] }, deaths[c], baselines?[c], VectorWidth.Choose(options.MaxVectorBits)));

        // Work items: chunks of cohorts, cohort by cohort, so a worker mostly keeps its runner from one chunk to the next.
        // Item i is found from the running count of chunks, so the schedule takes memory per cohort, not per chunk.
        long[] firstItem = new long[cohorts.Length + 1];
        for (int c = 0; c < cohorts.Length; c++)
        {
            firstItem[c + 1] = firstItem[c] + ((cohorts[c].People + options.ChunkSize - 1) / options.ChunkSize);
        }

        long itemCount = firstItem[^1];
        var shape = new MicrosimShape(setup);
        int workers = (int)Math.Max(1, Math.Min(options.Threads ?? Environment.ProcessorCount, itemCount));
        var tallies = new Tally[workers];
        long next = -1;
        long done = 0;
        CancellationToken cancellation = options.Cancellation;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var tally = new Tally(shape, Math.Min(options.ChunkSize, (int)Math.Min(int.MaxValue, cohorts.Max(c => c.People))));
            ChunkRunner? runner = null;
            int runnerCohort = -1;
            long item;
            while (!cancellation.IsCancellationRequested && (item = Interlocked.Increment(ref next)) < itemCount)
            {
                // Every cohort has a person, so the running counts increase strictly and the search finds one cohort.
                int c = Array.BinarySearch(firstItem, item);
                c = c >= 0 ? c : ~c - 1;

                long first = (item - firstItem[c]) * options.ChunkSize;
                int count = (int)Math.Min(options.ChunkSize, cohorts[c].People - first);
                if (c != runnerCohort)
                {
                    runner = new ChunkRunner(plans[c], (int)Math.Min(options.ChunkSize, cohorts[c].People));
                    runnerCohort = c;
                    tally.Enter(cohorts[c], plans[c].Model.Definition.Rules);
                }

                runner!.Run(first, count, tally);
                options.Progress?.Report(Interlocked.Add(ref done, count));
            }

            tallies[worker] = tally;
        });
        cancellation.ThrowIfCancellationRequested();
        var stages = new long[shape.StageCells];
        var transitions = new long[shape.TransitionCells];
        foreach (Tally tally in tallies)
        {
            Add(stages, tally.Stages);
            Add(transitions, tally.Transitions);
        }

        stopwatch.Stop();
        return new MicrosimResult(setup, replicate, shape, stages, transitions, cohorts.Sum(c => c.People), plans.Sum(p => p.Cohort.People * p.Rows),
            [.. interventions.Select(m => m.StrengthRatio)], stopwatch.Elapsed);
    }

    /// <summary>The seed's uniform in (0, 1) for <paramref name="key"/> at counter <paramref name="replicate"/> of the Projection stream, with 53 random bits.</summary>
    internal static double Uniform(CounterRng rng, ulong key, int replicate)
    {
        Philox4x32Block bits = rng.Bits(RandomStream.Projection, key, (uint)replicate);
        ulong top = ((((ulong)bits.X0) << 32) | bits.X1) >> 11;
        return (top + 0.5) / (1UL << 53);
    }

    private static void Add(long[] total, long[] part)
    {
        for (int i = 0; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }

    /// <summary>The birth cohorts: every (birth year, sex) with someone in the simulated ages from the base year to the horizon.</summary>
    private static Cohort[] Cohorts(MicrosimSetup setup, CounterRng rng, int replicate)
    {
        var cohorts = new List<Cohort>();
        foreach ((int born, Sex sex, int entryYear, int entryAge, int lastAge, double people) in setup.BirthCohorts())
        {
            Philox4x32Block bits = rng.Bits(RandomStream.Projection, CohortKeys + (ulong)((2 * (born + 10_000)) + (int)sex), (uint)replicate);
            cohorts.Add(new Cohort(born, sex, entryAge, lastAge, (long)Math.Round(people / setup.Scale, MidpointRounding.ToEven), (((ulong)bits.X0) << 32) | bits.X1));
        }

        return [.. cohorts];
    }

    /// <summary>
    /// Each birth cohort's probabilities of death from its entry on: a person born in b dies in the year from age a − 1 to a
    /// with the period table of calendar year b + a − 1 (never before the base year here) at age a − 1.
    /// </summary>
    private static CohortDeaths[] CohortTables(MicrosimSetup setup, Cohort[] cohorts)
    {
        var tables = new LifeTable[setup.Horizon - setup.BaseYear + 1];
        for (int y = 0; y < tables.Length; y++)
        {
            tables[y] = setup.LifeTables.ForYear(setup.BaseYear + y);
        }

        return [.. cohorts.Select(cohort =>
        {
            var q = new double[cohort.LastAge + 1];
            for (int age = cohort.EntryAge + 1; age <= cohort.LastAge; age++)
            {
                q[age] = tables[cohort.Born + age - 1 - setup.BaseYear].ProbabilityOfDeath(cohort.Sex, age - 1);
            }

            return new CohortDeaths(cohort.Sex, cohort.EntryAge, cohort.LastAge, q);
        })];
    }

    /// <summary>
    /// Each cohort's baseline by group and age (<see cref="MortalityBaseline.SolveCohorts"/>): solved on its own table
    /// and entry age, on the model without interventions. The same for every replicate of a setup, so the latest few are
    /// kept; equal models, tables, years, ages and ancestry give the same baselines.
    /// </summary>
    private static float[][][]? Baselines(MicrosimSetup setup, CohortDeaths[] deaths)
    {
        var key = new BaselineKey(setup.Scenario.Model, setup.LifeTables, setup.BaseYear, setup.Horizon, setup.FirstAge, setup.LastAge, setup.Scenario.Cohort.Ancestry);
        lock (s_baselines)
        {
            if (s_baselines.FirstOrDefault(b => b.Key == key) is { Key: not null } hit)
            {
                return hit.Baselines;
            }
        }

        float[][][]? solved = MortalityBaseline.SolveCohorts(setup.Scenario.Model, setup.FirstAge, setup.LastAge, setup.Scenario.Cohort.Ancestry, deaths);
        lock (s_baselines)
        {
            s_baselines.Add((key, solved));
            if (s_baselines.Count > KeptBaselines)
            {
                s_baselines.RemoveAt(0);
            }
        }

        return solved;
    }

    // Baselines kept: enough for the two arms of a comparison and a few setups; each is one float per cohort, group and age.
    private const int KeptBaselines = 4;

    private static readonly List<(BaselineKey Key, float[][][]? Baselines)> s_baselines = [];

    /// <summary>What a projection's baselines depend on (the life tables by reference: they are read once and shared).</summary>
    private sealed record BaselineKey(ModelParameters Model, PeriodLifeTables Tables, int BaseYear, int Horizon, int FirstAge, int LastAge, AncestryMix Ancestry);

    /// <summary>The plan of one birth cohort: its ages, its baseline death probabilities (its cohort life table where the hazard ratio is one), its own seed, at <paramref name="vectorBits"/>.</summary>
    private static RunPlan Plan(MicrosimSetup setup, Cohort cohort, ModelParameters model, CohortDeaths deaths, float[][]? solved, int vectorBits)
    {
        var spec = new CohortSpec(cohort.People)
        {
            StartAge = cohort.EntryAge,
            EndAge = cohort.LastAge,
            FemaleFraction = cohort.Sex == Sex.Female ? 1 : 0,
            Ancestry = setup.Scenario.Cohort.Ancestry,
        };
        int firstAge = Math.Min(cohort.EntryAge, model.Peak.Age);
        var baseline = new float[ResultLayout.GroupCount][];
        for (int g = 0; g < baseline.Length; g++)
        {
            if (ResultLayout.SexOf(g) != cohort.Sex)
            {
                continue;
            }

            baseline[g] = new float[cohort.LastAge - firstAge + 1];
            for (int age = cohort.EntryAge + 1; age <= cohort.LastAge; age++)
            {
                // An ancestry nobody has was not solved: its table's own probability (it runs no one).
                baseline[g][age - firstAge] = solved?[g] is float[] own ? own[age] : (float)Math.Min(1, deaths.Probability[age]);
            }
        }

        return new RunPlan(model, spec, cohort.Seed, TraitSet.None, standardDeviations: false, TraitSet.None, baseline) { VectorBits = vectorBits };
    }

    /// <summary>An intervention as an exposure, with this replicate's draw of its effect; its prevalence is set per cohort by <see cref="Enrolment"/>.</summary>
    private static Mechanism Effect(MicrosimSetup setup, Intervention intervention, int index, CounterRng rng, int replicate)
    {
        BySex<Common.NormalSpec> grip = setup.Scenario.Model.Peak.GripKg;
        double cv = ((grip.Female.Sd / grip.Female.Mean) + (grip.Male.Sd / grip.Male.Mean)) / 2;
        double smd = intervention.StrengthSmdSe > 0
            ? new ParameterDistribution("", DistributionKind.Normal, intervention.StrengthSmd, intervention.StrengthSmdSe).Quantile(Uniform(rng, InterventionKeys + (ulong)index, replicate))
            : intervention.StrengthSmd;
        double ratio = Math.Clamp(Intervention.StrengthRatio(smd, cv), MinStrengthRatio, MaxStrengthRatio);
        return new Mechanism(intervention.Name, new BySex<AgeCurve>(AgeCurve.Constant(0), AgeCurve.Constant(0)), intervention.LossRateRatio, ratio, intervention.Source)
        {
            WaningHalfLifeYears = intervention.WaningHalfLifeYears,
        };
    }

    // A drawn strength ratio is kept inside what a mechanism allows (and above zero): draws beyond are far in the tails.
    private const double MinStrengthRatio = 0.5;
    private const double MaxStrengthRatio = 2;

    /// <summary>
    /// The interventions' prevalence by age in one birth cohort: 0 before enrolment, coverage × adherence from it; a
    /// programme by stage screens those so reached every year from then to its oldest age.
    /// </summary>
    private static IEnumerable<Mechanism> Enrolment(MicrosimSetup setup, Cohort cohort, Mechanism[] effects)
    {
        for (int i = 0; i < effects.Length; i++)
        {
            Intervention intervention = setup.Interventions[i];
            int enrolAge = Math.Max(intervention.MinAge, (intervention.StartYear ?? setup.BaseYear) - cohort.Born);
            double share = intervention.Coverage * intervention.Adherence;
            bool targeted = intervention.Sex is null || intervention.Sex == cohort.Sex;

            // Those already older than the target ages when it starts are never enrolled; the enrolled keep the effect.
            AgeCurve curve = targeted && enrolAge <= intervention.MaxAge && share > 0
                ? AgeCurve.FromKnots((enrolAge - 1, 0), (enrolAge, share))
                : AgeCurve.Constant(0);
            yield return effects[i] with
            {
                Prevalence = new BySex<AgeCurve>(curve, curve),
                Screening = intervention.Stages.Length > 0 ? new StageScreening(intervention.Stages, intervention.MaxAge) : null,
            };
        }
    }

    /// <summary>One birth cohort of one sex.</summary>
    internal sealed record Cohort(int Born, Sex Sex, int EntryAge, int LastAge, long People, ulong Seed);

    /// <summary>
    /// A worker's counts, filled after each year step: people by stage, and transitions from last year's state
    /// (a stage, or entering) to this year's (a stage, or death).
    /// </summary>
    private sealed class Tally(MicrosimShape shape, int capacity) : IYearObserver
    {
        private const byte Gone = byte.MaxValue;
        private readonly byte[] _previous = new byte[ChunkLayout.CapacityFor(capacity)];
        private Cohort? _cohort;
        private Stage[] _rules = [];

        public long[] Stages { get; } = new long[shape.StageCells];

        public long[] Transitions { get; } = new long[shape.TransitionCells];

        public void Enter(Cohort cohort, EquatableArray<Stage> rules)
        {
            _cohort = cohort;
            _rules = [.. rules];
        }

        public void Observe(int row, Slice block, ChunkRunner chunk)
        {
            Cohort cohort = _cohort!;
            int age = cohort.EntryAge + row;
            int year = cohort.Born + age - shape.BaseYear;
            int sex = (int)ResultLayout.SexOf(block.Group);
            int[] alive = chunk.Columns.Get(ChunkLayout.Alive);
            int[] combination = chunk.Columns.Get(YearStep.Combination);
            int stageCell = shape.StageCell(year, age, block.Group, 0);
            int transitionCell = shape.TransitionCell(year, age, sex, 0, 0);
            for (int i = block.Start; i < block.End; i++)
            {
                // Nobody dies before entry, so anyone dead at entry is a padding lane.
                byte previous = row == 0 ? (alive[i] != 0 ? (byte)MicrosimShape.Entered : Gone) : _previous[i];
                if (previous == Gone)
                {
                    _previous[i] = Gone;
                    continue;
                }

                if (alive[i] == 0)
                {
                    Transitions[transitionCell + (previous * MicrosimShape.States) + MicrosimShape.Died]++;
                    _previous[i] = Gone;
                    continue;
                }

                int stage = (int)_rules[combination[i]];
                Stages[stageCell + stage]++;
                Transitions[transitionCell + (previous * MicrosimShape.States) + stage]++;
                _previous[i] = (byte)stage;
            }
        }
    }
}

/// <summary>The shape of a projection's tables: calendar year × age × group (or sex) × stage, and × from × to for transitions.</summary>
internal sealed class MicrosimShape(MicrosimSetup setup)
{
    /// <summary>Stages of the enum (None … Severe).</summary>
    public const int StageCount = 5;

    /// <summary>States of transitions: the five stages, and entering (as a "from") or death (as a "to").</summary>
    public const int States = StageCount + 1;

    /// <summary>The state "entered this year" (transitions' from).</summary>
    public const int Entered = StageCount;

    /// <summary>The state "died in the year" (transitions' to).</summary>
    public const int Died = StageCount;

    public int BaseYear { get; } = setup.BaseYear;

    public int Years { get; } = setup.Horizon - setup.BaseYear + 1;

    public int FirstAge { get; } = setup.FirstAge;

    public int Ages { get; } = setup.LastAge - setup.FirstAge + 1;

    public int StageCells => Years * Ages * ResultLayout.GroupCount * StageCount;

    public int TransitionCells => Years * Ages * 2 * States * States;

    public int StageCell(int year, int age, int group, int stage) =>
        ((((year * Ages) + (age - FirstAge)) * ResultLayout.GroupCount) + group) * StageCount + stage;

    public int TransitionCell(int year, int age, int sex, int from, int to) =>
        ((((((year * Ages) + (age - FirstAge)) * 2) + sex) * States) + from) * States + to;
}
