using System.Diagnostics;
using System.Globalization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Engine.Modules;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim;

/// <summary>
/// The one entry point: validates the inputs, runs the cohort through the engine and returns additive result tables.
/// </summary>
/// <example>
/// <code>
/// SimulationResult r = Simulation.Run(Presets.Evidence, new CohortSpec(100_000), seed: 42);
/// double p = r.Prevalence(age: 80, Sex.Female, Stage.Sarcopenia);
/// </code>
/// </example>
public static partial class Simulation
{
    /// <summary>Runs <paramref name="cohort"/> under <paramref name="model"/>.</summary>
    /// <param name="model">Model parameters, e.g. <see cref="Presets.Evidence"/>.</param>
    /// <param name="cohort">The cohort.</param>
    /// <param name="seed">The seed; every draw is a pure function of (seed, stream, person, year).</param>
    /// <param name="options">Threads, chunk size, outputs and shard; defaults if <see langword="null"/>.</param>
    /// <exception cref="ParameterValidationException">Any input is invalid; the message lists every problem.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SimulationResult Run(ModelParameters model, CohortSpec cohort, ulong seed, RunOptions? options = null)
    {
        options ??= new RunOptions();
        Validate(model, cohort, options);

        var plan = new RunPlan(model, cohort, seed, options.Statistics, options.StandardDeviations, options.Histograms, MortalityBaseline.Solve(model, cohort))
        {
            VectorBits = VectorWidth.Choose(options.MaxVectorBits),
        };
        PersonRange range = PersonRange.OfShard(cohort, options.ShardIndex, options.ShardCount);

        var stopwatch = Stopwatch.StartNew();
        ResultTables total = RunChunks(plan, range, options, observer: null);
        stopwatch.Stop();
        return new SimulationResult(model, cohort, seed, options, total, [range], stopwatch.Elapsed, plan.VectorBits);
    }

    /// <summary>Runs a scenario: its model, cohort and seed, accumulating the traits its outputs ask for.</summary>
    /// <param name="scenario">The scenario, e.g. from a preset (<see cref="Scenario.FromPreset"/>) or a file.</param>
    /// <param name="options">Threads, chunk size, progress, cancellation and shard; the traits accumulated always come from the scenario's outputs.</param>
    /// <exception cref="ParameterValidationException">Any input is invalid; the message lists every problem.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SimulationResult Run(Scenario scenario, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Run(scenario.Model, scenario.Cohort, scenario.Seed, WithOutputs(scenario, options));
    }

    /// <summary>
    /// Runs <paramref name="arms"/> (the first is the baseline) on common random numbers: the same cohort and seed, so
    /// that every difference between arms comes from what their models differ in.
    /// </summary>
    /// <param name="arms">The scenarios, with distinct names and the same cohort and seed (see <see cref="ComparisonArms"/>).</param>
    /// <param name="options">As for <see cref="Run(Scenario, RunOptions?)"/>; progress counts each arm's people in turn.</param>
    /// <exception cref="ParameterValidationException">
    /// Fewer than two arms, a repeated name, or an arm whose cohort or seed differs from the baseline's; or an arm is invalid.
    /// </exception>
    public static Comparison Compare(IReadOnlyList<Scenario> arms, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var v = new ParameterValidator();
        if (arms.Count < 2)
        {
            v.Fail("arms", $"{arms.Count} arm(s)", "a baseline and at least one more arm");
        }

        // Every arm is checked before any runs, so that a bad last arm does not cost the others' runs.
        for (int i = 0; i < arms.Count; i++)
        {
            Scenario arm = arms[i];
            arm.Model.Validate(v, $"arms[{i}].model");
            arm.Cohort.Validate(v, $"arms[{i}].cohort");
            if (i == 0)
            {
                continue;
            }

            if (arms.Take(i).Any(a => a.Name == arm.Name))
            {
                v.Fail($"arms[{i}].name", $"\"{arm.Name}\"", "a name no earlier arm has");
            }

            // Common random numbers: the same people (cohort), the same seed and the same generator.
            if (arm.Cohort != arms[0].Cohort)
            {
                v.Fail($"arms[{i}].cohort", "another cohort", "the baseline's cohort (common random numbers need the same people)");
            }

            if (arm.Seed != arms[0].Seed)
            {
                v.Fail($"arms[{i}].seed", arm.Seed.ToString(CultureInfo.InvariantCulture), $"the baseline's seed, {arms[0].Seed.ToString(CultureInfo.InvariantCulture)}");
            }

            if (arm.Model.PhiloxRounds != arms[0].Model.PhiloxRounds)
            {
                v.Fail($"arms[{i}].model.philoxRounds", arm.Model.PhiloxRounds.ToString(CultureInfo.InvariantCulture),
                    $"the baseline's {arms[0].Model.PhiloxRounds.ToString(CultureInfo.InvariantCulture)} (other rounds draw other numbers)");
            }
        }

        v.ThrowIfAny();
        return new Comparison(arms, [.. arms.Select(arm => Run(arm, options))]);
    }

    /// <summary>
    /// Replays the lives of the first <paramref name="count"/> people of <paramref name="sex"/> (lowest ids) of the run
    /// behind <paramref name="result"/> (see <see cref="TracePerson"/>).
    /// </summary>
    /// <returns>Up to <paramref name="count"/> lives: fewer when the cohort has (almost) nobody of that sex.</returns>
    public static IReadOnlyList<PersonLife> TraceLives(SimulationResult result, Sex sex, int count)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CohortSpec cohort = result.Cohort;
        double share = cohort.Sexes == SexAssignment.Alternating ? 0.5 : sex == Sex.Female ? cohort.FemaleFraction : 1 - cohort.FemaleFraction;
        if (share == 0)
        {
            return [];
        }

        // Sex is one draw per id, far cheaper than a life: look at ids until enough are found, or until so many have
        // been looked at that finding more is hopeless (a share far below the cohort's stated one cannot happen).
        long searchEnd = (long)Math.Min(cohort.People, (count / share * SearchIdsPerExpectedLife) + MinimumIdsSearched);
        var rng = new CounterRng(result.Seed, result.Model.PhiloxRounds);
        var ids = new List<long>(count);
        for (long id = 0; id < searchEnd && ids.Count < count; id++)
        {
            if (ChunkLayout.SexOf(cohort, rng, (ulong)id) == sex)
            {
                ids.Add(id);
            }
        }

        return TracePeople(result.Model, cohort, result.Seed, ids);
    }

    // TraceLives looks at up to this many times the ids expected to hold the lives wanted, and at least this many ids.
    private const int SearchIdsPerExpectedLife = 100;
    private const int MinimumIdsSearched = 10_000;

    /// <summary>
    /// Runs the people of <paramref name="range"/> through <paramref name="plan"/> on the worker threads, each worker
    /// pulling chunks from a shared counter, and returns the workers' tables added up. <paramref name="observer"/>, if
    /// given, sees every chunk's years (it must be safe to call from several threads at once).
    /// </summary>
    private static ResultTables RunChunks(RunPlan plan, PersonRange range, RunOptions options, IYearObserver? observer)
    {
        // Chunks are laid inside the shard's own range of people, so the split into shards never depends on the chunk
        // size: shards run with different chunk sizes (or threads) still tile the cohort exactly. Each chunk starts at
        // the first id of the family its nominal start falls in, so that no family is split (a chunk may then hold up
        // to a family's size less one more than the chunk size).
        int chunkSize = (int)Math.Clamp(range.Count, 1, options.ChunkSize);
        long chunkCount = (range.Count + chunkSize - 1) / chunkSize;
        FamilyLayout families = plan.Families;
        long ChunkStart(long chunk) => Simulation.ChunkStart(range, chunkSize, families, chunk);

        // One runner per worker, each pulling chunks from a shared counter until none are left: memory is a fixed set
        // of runners and their tables whatever the number of people, and the integer tables add up in any order.
        int workers = (int)Math.Min(options.Threads ?? Environment.ProcessorCount, Math.Max(1, chunkCount));
        var tables = new ResultTables[workers];
        long nextChunk = -1;
        long done = 0;
        CancellationToken cancellation = options.Cancellation;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var runner = new ChunkRunner(plan, chunkSize + families.LargestFamily - 1);
            long chunk;
            while (!cancellation.IsCancellationRequested && (chunk = Interlocked.Increment(ref nextChunk)) < chunkCount)
            {
                long first = ChunkStart(chunk);
                int count = (int)(ChunkStart(chunk + 1) - first);
                if (count > 0)
                {
                    runner.Run(first, count, observer);
                }

                options.Progress?.Report(Interlocked.Add(ref done, count));
            }

            tables[worker] = runner.Tables;
        });
        cancellation.ThrowIfCancellationRequested();

        var total = new ResultTables(plan.Layout, options.Statistics, options.StandardDeviations, options.Histograms);
        foreach (ResultTables part in tables)
        {
            total.Add(part);
        }

        return total;
    }

    /// <summary>
    /// The first id of chunk <paramref name="chunk"/> of <paramref name="range"/>: its nominal start, moved down to the
    /// first id of the family it falls in (never before the range); the range's end after the last chunk.
    /// </summary>
    internal static long ChunkStart(PersonRange range, int chunkSize, FamilyLayout families, long chunk)
    {
        long chunkCount = (range.Count + chunkSize - 1) / chunkSize;
        return chunk >= chunkCount ? range.End : Math.Max(range.First, families.StartOf(range.First + (chunk * chunkSize)));
    }

    private static RunOptions WithOutputs(Scenario scenario, RunOptions? options) =>
        (options ?? new RunOptions()) with
        {
            Statistics = ScenarioOutputs.ToSet(scenario.Outputs.Statistics),
            StandardDeviations = scenario.Outputs.StandardDeviations,
            Histograms = ScenarioOutputs.ToSet(scenario.Outputs.Histograms),
        };

    /// <summary>
    /// Replays one person's whole life exactly as it unfolds in <see cref="Run(ModelParameters, CohortSpec, ulong, RunOptions?)"/>: same draws, same kernels, same numbers.
    /// </summary>
    /// <param name="model">Model parameters.</param>
    /// <param name="cohort">The cohort the person belongs to (its sex and ancestry rules apply).</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="personId">The person's id, 0 .. People − 1.</param>
    /// <exception cref="ParameterValidationException">Any input is invalid.</exception>
    public static PersonLife TracePerson(ModelParameters model, CohortSpec cohort, ulong seed, long personId) =>
        TracePeople(model, cohort, seed, [personId])[0];

    /// <summary>Replays several lives (see <see cref="TracePerson"/>), planning the run once for all of them.</summary>
    /// <exception cref="ParameterValidationException">Any input is invalid, or an id is outside the cohort.</exception>
    public static IReadOnlyList<PersonLife> TracePeople(ModelParameters model, CohortSpec cohort, ulong seed, IEnumerable<long> personIds)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        long[] ids = [.. personIds];
        var v = new ParameterValidator();
        model.Validate(v);
        cohort.Validate(v);
        foreach (long id in ids)
        {
            v.Range("personId", id, 0, Math.Max(0, cohort.People - 1));
        }

        v.ThrowIfAny();
        var plan = new RunPlan(model, cohort, seed, TraitSet.None, standardDeviations: false, TraitSet.None, MortalityBaseline.Solve(model, cohort));
        var runner = new ChunkRunner(plan, 1);
        return [.. ids.Select(id =>
        {
            var recorder = new LifeRecorder(plan);
            runner.Run(id, 1, recorder);
            return recorder.ToLife(id);
        })];
    }

    private static void Validate(ModelParameters model, CohortSpec cohort, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cohort);
        var v = new ParameterValidator();
        model.Validate(v);
        cohort.Validate(v);
        options.Validate(v);
        v.ThrowIfAny();
    }

    private sealed class LifeRecorder(RunPlan plan) : IYearObserver
    {
        private readonly List<LifeYear> _years = [];
        private Sex _sex;
        private Ancestry _ancestry;

        public void Observe(int row, Slice block, ChunkRunner chunk)
        {
            // A replayed life is a chunk of one: its segment is one block, and the person sits at its start.
            PersonColumns columns = chunk.Columns;
            int at = block.Start;
            _sex = ResultLayout.SexOf(block.Group);
            _ancestry = ResultLayout.AncestryOf(block.Group);
            bool alive = columns.Get(ChunkLayout.Alive)[at] != 0;
            int combination = columns.Get(YearStep.Combination)[at];
            float asm = columns.Get(PeakTraitModule.Asm)[at];
            float inverseHeightSquared = columns.Get(PeakTraitModule.InverseHeightSquared)[at];
            _years.Add(new LifeYear(
                plan.Cohort.StartAge + row,
                alive,
                asm,
                asm * inverseHeightSquared,
                columns.Get(YearStep.Grip)[at],
                columns.Get(YearStep.Gait)[at],
                columns.Get(YearStep.Loss)[at] * 100,
                alive ? plan.Model.Definition.Rules[combination] : Stage.None)
            {
                // Each in single precision as the tables compute it, so a replayed life adds up to the tables exactly.
                HeightM = columns.Get(HeightLossModule.Height)[at],
                Bmi = columns.Get(BodyWeightModule.Weight)[at] * inverseHeightSquared,
                AsmPerBmi = asm * columns.Get(BodyWeightModule.InverseBmi)[at],
            });
        }

        public PersonLife ToLife(long id) => new(id, _sex, _ancestry, _years);
    }
}

/// <summary>One year of one person's life.</summary>
/// <param name="Age">Age reached, years.</param>
/// <param name="Alive">Whether the person is alive at this age.</param>
/// <param name="AsmKg">Appendicular skeletal muscle mass, kg.</param>
/// <param name="AsmiKgPerM2">ASM / height², kg/m².</param>
/// <param name="GripKg">Grip strength, kg.</param>
/// <param name="GaitMps">Gait speed, m/s.</param>
/// <param name="LossPercent">Mass lost in the year that ended at this age, percent.</param>
/// <param name="Stage">Stage under the model's definition (<see cref="Stage.None"/> once dead).</param>
public sealed record LifeYear(int Age, bool Alive, double AsmKg, double AsmiKgPerM2, double GripKg, double GaitMps, double LossPercent, Stage Stage)
{
    /// <summary>Standing height, m.</summary>
    public double HeightM { get; init; }

    /// <summary>Body-mass index, kg/m².</summary>
    public double Bmi { get; init; }

    /// <summary>ASM / BMI (ALM/BMI), m².</summary>
    public double AsmPerBmi { get; init; }

    /// <summary>The value of <paramref name="trait"/> this year, in the trait's unit (<see cref="TraitInfo.Unit"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trait"/> is not a defined trait.</exception>
    public double Value(Trait trait) => trait switch
    {
        Trait.Asm => AsmKg,
        Trait.Asmi => AsmiKgPerM2,
        Trait.Grip => GripKg,
        Trait.Gait => GaitMps,
        Trait.LossRate => LossPercent,
        Trait.Height => HeightM,
        Trait.Bmi => Bmi,
        Trait.AsmPerBmi => AsmPerBmi,
        _ => throw new ArgumentOutOfRangeException(nameof(trait), trait, "Unknown trait."),
    };
}

/// <summary>One person's replayed life.</summary>
/// <param name="PersonId">The person's id.</param>
/// <param name="Sex">Sex.</param>
/// <param name="Ancestry">Ancestry.</param>
/// <param name="Years">One entry per age from the start age to the end age.</param>
public sealed record PersonLife(long PersonId, Sex Sex, Ancestry Ancestry, IReadOnlyList<LifeYear> Years);
