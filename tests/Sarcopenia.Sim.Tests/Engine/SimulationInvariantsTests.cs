using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Engine;

/// <summary>
/// Model invariants through <see cref="Simulation.Run"/> and <see cref="Simulation.TracePerson"/>: conservation of
/// people, monotone mass, exact replay of single lives, and common random numbers between scenarios.
/// </summary>
public sealed class SimulationInvariantsTests
{
    private const ulong Seed = 424_242;

    [Theory]
    [MemberData(nameof(Runs.PresetNames), MemberType = typeof(Runs))]
    public void StageCounts_SumToPeopleAlive_AtEveryAgeSexAndAncestry(string preset)
    {
        SimulationResult r = Simulation.Run(Presets.Get(preset), Runs.Mixed(5_000), Seed);
        foreach (int age in r.Ages)
        {
            foreach (Sex sex in new[] { Sex.Female, Sex.Male })
            {
                foreach (Ancestry ancestry in Enum.GetValues<Ancestry>())
                {
                    long alive = r.Alive(age, sex, ancestry);
                    Assert.Equal(alive, r.Stages.Sum(s => r.Count(age, s, sex, ancestry)));
                    Assert.Equal(alive, Enumerable.Range(0, 8).Sum(c => r.CountWithDeficits(age, c, sex, ancestry)));
                }

                Assert.Equal(r.Alive(age, sex), r.Stages.Sum(s => r.Count(age, s, sex)));
            }

            Assert.Equal(r.Alive(age), r.Alive(age, Sex.Female) + r.Alive(age, Sex.Male));
        }
    }

    [Theory]
    [MemberData(nameof(Runs.PresetNames), MemberType = typeof(Runs))]
    public void Deaths_AccountForEveryoneWhoIsNoLongerAlive(string preset)
    {
        SimulationResult r = Simulation.Run(Presets.Get(preset), Runs.Mixed(5_000), Seed);
        Assert.Equal(5_000, r.Alive(30));
        Assert.Equal(0, r.Deaths(30));
        foreach (int age in r.Ages.Skip(1))
        {
            foreach (Sex sex in new[] { Sex.Female, Sex.Male })
            {
                Assert.Equal(r.Alive(age - 1, sex) - r.Deaths(age, sex), r.Alive(age, sex));
            }
        }

        long deaths = r.Ages.Sum(a => r.Deaths(a));
        Assert.Equal(r.People, r.Alive(100) + deaths);
    }

    [Fact]
    public void UsLifeTable2021_LetsSomeOfACohortOf30YearOldsReach100()
    {
        // NCHS q_x is the probability of dying between exact ages x and x + 1; the table's last row, q_100 = 1, is the
        // open interval 100+. Survival from 30 to 100 is Π(1 − q_x), x = 30..99, of the shipped knots (log-linear between
        // them): 0.7 % (men), 2.2 % (women). With 20,000 people about 280 reach 100 (fewer with the sarcopenia hazard
        // ratio); the bound of 100 (0.5 %) is far beyond Monte Carlo error (SE ≈ sqrt(280) ≈ 17 people).
        SimulationResult r = Simulation.Run(Presets.Evidence, new CohortSpec(20_000), Seed, new RunOptions { Statistics = TraitSet.None });
        Assert.True(r.Alive(99) > 100, $"alive at 99: {r.Alive(99)}");
        Assert.True(r.Alive(100) >= 100, $"alive at 99: {r.Alive(99)}, at 100: {r.Alive(100)}, deaths in the year ending at 100: {r.Deaths(100)}");
    }

    [Theory]
    [MemberData(nameof(Runs.PresetNames), MemberType = typeof(Runs))]
    public void WithoutMortality_EveryoneIsAliveAtEveryAge(string preset)
    {
        SimulationResult r = Simulation.Run(Presets.Get(preset).WithoutMortality(), Runs.Mixed(4_000), Seed);
        foreach (int age in r.Ages)
        {
            Assert.Equal(4_000, r.Alive(age));
            Assert.Equal(0, r.Deaths(age));
        }
    }

    [Property(Replay = "(20251128,1)", MaxTest = 60)]
    public void TracePerson_AsmNeverRisesStaysPositiveAndLossIsWithinItsClamps(DoNotSize<ulong> seed, DoNotSize<uint> person, byte presetIndex)
    {
        ModelParameters model = Presets.All[presetIndex % Presets.All.Count];
        CohortSpec cohort = Runs.Mixed(1_000_000);
        PersonLife life = Simulation.TracePerson(model, cohort, seed.Item, person.Item % 1_000_000);

        Assert.Equal(71, life.Years.Count);
        Assert.Equal(Enumerable.Range(30, 71), life.Years.Select(y => y.Age));
        for (int i = 1; i < life.Years.Count; i++)
        {
            LifeYear previous = life.Years[i - 1];
            LifeYear year = life.Years[i];
            Assert.True(year.AsmKg <= previous.AsmKg, $"ASM rose at {year.Age}: {previous.AsmKg} -> {year.AsmKg}");
            Assert.True(year.AsmKg > 0 && year.GripKg > 0 && year.GaitMps > 0);
            Assert.InRange(year.LossPercent, model.MassLoss.MinAnnualLoss * 100 * (1 - 1e-6), model.MassLoss.MaxAnnualLoss * 100 * (1 + 1e-6));
            if (year.Age <= model.MassLoss.OnsetAge)
            {
                Assert.Equal(0, year.LossPercent);
                Assert.Equal(previous.AsmKg, year.AsmKg);
            }

            // Once dead, always dead, and the dead have no stage.
            Assert.False(year.Alive && !previous.Alive);
            Assert.True(year.Alive || year.Stage == Stage.None);
        }

        Assert.True(life.Years[0].Alive);
        Assert.Equal(0, life.Years[0].LossPercent);
    }

    [Property(Replay = "(20251128,3)", MaxTest = 60)]
    public void TracePerson_StageFollowsTheDefinitionsCutoffs(DoNotSize<ulong> seed, DoNotSize<uint> person, byte presetIndex)
    {
        ModelParameters model = Presets.All[presetIndex % Presets.All.Count].WithoutMortality().Mechanical() with { Definition = Definitions.Awgs2019 };
        PersonLife life = Simulation.TracePerson(model, Runs.Mixed(1_000_000), seed.Item, person.Item % 1_000_000);
        SarcopeniaDefinition d = model.Definition;
        foreach (LifeYear y in life.Years)
        {
            // ASMI is reported as the same single-precision product the classifier compares.
            Stage expected = d.StageOf(
                (float)y.AsmiKgPerM2 < d.LowMass.StrictBound(life.Sex),
                (float)y.GripKg < d.LowGrip.StrictBound(life.Sex),
                (float)y.GaitMps < d.LowGait.StrictBound(life.Sex));
            Assert.Equal(expected, y.Stage);
        }
    }

    [Theory]
    [MemberData(nameof(Runs.PresetNames), MemberType = typeof(Runs))]
    public void TracePerson_ReplaysThePopulationTablesExactly(string preset)
    {
        // Every traced life, quantized as the accumulator documents, must add up to the run's integer tables exactly:
        // counts per stage, deaths, and the fixed-point sums and sums of squares of every trait in every age × sex ×
        // ancestry cell.
        const int N = 150;
        ModelParameters model = Presets.Get(preset);
        CohortSpec cohort = Runs.Mixed(N);
        SimulationResult r = Simulation.Run(model, cohort, Seed, new RunOptions { ChunkSize = 64 });
        IReadOnlyList<PersonLife> lives = Simulation.TracePeople(model, cohort, Seed, Enumerable.Range(0, N).Select(i => (long)i));

        ResultTables t = r.Tables;
        int rows = cohort.Years + 1;
        var sums = new long[Traits.All.Length, rows * ResultLayout.GroupCount];
        var squares = new long[Traits.All.Length, rows * ResultLayout.GroupCount];
        var alive = new long[rows * ResultLayout.GroupCount];
        var deaths = new long[rows * ResultLayout.GroupCount];
        var stages = new Dictionary<(int Cell, Stage Stage), long>();
        foreach (PersonLife life in lives)
        {
            int group = ResultLayout.GroupOf(life.Sex, life.Ancestry);
            for (int row = 0; row < rows; row++)
            {
                LifeYear y = life.Years[row];
                int cell = t.Layout.Cell(row, group);
                if (row > 0 && life.Years[row - 1].Alive && !y.Alive)
                {
                    deaths[cell]++;
                }

                if (!y.Alive)
                {
                    continue;
                }

                alive[cell]++;
                stages[(cell, y.Stage)] = stages.GetValueOrDefault((cell, y.Stage)) + 1;
                foreach ((Trait trait, double value) in new[]
                {
                    (Trait.Asm, y.AsmKg), (Trait.Asmi, y.AsmiKgPerM2), (Trait.Grip, y.GripKg), (Trait.Gait, y.GaitMps), (Trait.LossRate, y.LossPercent),
                    (Trait.Height, y.HeightM), (Trait.Bmi, y.Bmi), (Trait.AsmPerBmi, y.AsmPerBmi),
                })
                {
                    sums[(int)trait, cell] += Accumulate.Quantize((float)value, 1f);
                    squares[(int)trait, cell] += Accumulate.QuantizeSquare((float)value, 1f);
                }
            }
        }

        for (int row = 0; row < rows; row++)
        {
            for (int g = 0; g < ResultLayout.GroupCount; g++)
            {
                int cell = t.Layout.Cell(row, g);
                Sex sex = ResultLayout.SexOf(g);
                Ancestry ancestry = ResultLayout.AncestryOf(g);
                int age = 30 + row;
                Assert.Equal(alive[cell], r.Alive(age, sex, ancestry));
                Assert.Equal(deaths[cell], r.Deaths(age, sex, ancestry));
                foreach (Stage s in r.Stages)
                {
                    Assert.Equal(stages.GetValueOrDefault((cell, s)), r.Count(age, s, sex, ancestry));
                }

                foreach (Trait trait in Traits.All)
                {
                    Assert.True(sums[(int)trait, cell] == t.Sums[(int)trait]![cell], $"{trait} at {age} {sex} {ancestry}: traced {sums[(int)trait, cell]} vs table {t.Sums[(int)trait]![cell]}");
                    Assert.True(
                        squares[(int)trait, cell] == t.SumsOfSquares[(int)trait]![cell],
                        $"{trait} squares at {age} {sex} {ancestry}: traced {squares[(int)trait, cell]} vs table {t.SumsOfSquares[(int)trait]![cell]}");
                }
            }
        }
    }

    [Fact]
    public void TracePerson_OfACohortOfOne_EqualsTheSummaryMeans()
    {
        ModelParameters model = Presets.Evidence;
        CohortSpec cohort = new(1) { Sexes = SexAssignment.Random };
        SimulationResult r = Simulation.Run(model, cohort, Seed);
        PersonLife life = Simulation.TracePerson(model, cohort, Seed, 0);
        foreach (LifeYear y in life.Years)
        {
            TraitSummary asm = r.Summary(Trait.Asm, y.Age);
            Assert.Equal(y.Alive ? 1 : 0, asm.Count);
            if (y.Alive)
            {
                // The mean of one person is their value, to the fixed-point quantum 2⁻¹⁶ (half a quantum after rounding).
                Assert.Equal(y.AsmKg, asm.Mean, 1.0 / (1 << 17));
                Assert.Equal(y.GripKg, r.Summary(Trait.Grip, y.Age).Mean, 1.0 / (1 << 17));
                Assert.Equal(y.GaitMps, r.Summary(Trait.Gait, y.Age).Mean, 1.0 / (1 << 17));
                Assert.Equal(1, r.Count(y.Age, y.Stage));
            }
        }
    }

    [Fact]
    public void ChangingOneMechanismsLossRateRatio_LeavesPeakTraitsAndUnexposedLivesUnchanged()
    {
        // Common random numbers: PhysicalInactivity (constant prevalence 31.7 % of women, 23.4 % of men, so exposure
        // starts at 30 or never) gets a loss-rate ratio of 1.5. Each mechanism has its own uniform, so nothing else moves.
        const int N = 1_500;
        ModelParameters baseline = Presets.Evidence;
        Mechanism inactivity = baseline.Mechanisms[0];
        Assert.Equal("PhysicalInactivity", inactivity.Name);
        ModelParameters scenario = baseline with { Mechanisms = baseline.Mechanisms.AsImmutableArray().SetItem(0, inactivity with { LossRateRatio = 1.5 }) };

        // Ten years of loss (51..60) are enough for every exposed life to differ.
        CohortSpec cohort = Runs.Mixed(N, endAge: 60);

        int changed = 0;
        double expectedChanged = 0;
        double variance = 0;
        for (long id = 0; id < N; id++)
        {
            PersonLife a = Simulation.TracePerson(baseline, cohort, Seed, id);
            PersonLife b = Simulation.TracePerson(scenario, cohort, Seed, id);
            Assert.Equal(a.Sex, b.Sex);
            Assert.Equal(a.Ancestry, b.Ancestry);
            Assert.Equal(a.Years[0], b.Years[0]);

            // Mass loss starts after 50 in Evidence: before that, whole rows are identical.
            for (int row = 0; row <= 20; row++)
            {
                Assert.Equal(a.Years[row].AsmKg, b.Years[row].AsmKg);
                Assert.Equal(a.Years[row].GripKg, b.Years[row].GripKg);
            }

            // A higher rate can only lower mass, and the year noise is shared, so mass is never higher.
            Assert.All(a.Years.Zip(b.Years), p => Assert.True(p.Second.AsmKg <= p.First.AsmKg));
            if (a.Years[^1].AsmKg != b.Years[^1].AsmKg)
            {
                changed++;
            }

            double p = a.Sex == Sex.Female ? 0.317 : 0.234;
            expectedChanged += p;
            variance += p * (1 - p);
        }

        // Exactly the exposed lives change. 5 SE: SE = sqrt(Σ p(1−p)) ≈ sqrt(1500 · 0.2) ≈ 17 people.
        Assert.InRange(changed, expectedChanged - (MonteCarlo.Sigmas * Math.Sqrt(variance)), expectedChanged + (MonteCarlo.Sigmas * Math.Sqrt(variance)));
    }

    [Fact]
    public void Presets_WithTheSamePeakTraits_ShareEveryPersonsPeak()
    {
        // Review2014 differs from Evidence only in mass loss, menopause and staging: the age-30 traits are common numbers.
        CohortSpec cohort = Runs.Mixed(1_000_000);
        foreach (long id in new long[] { 0, 1, 17, 999_999, 123_456 })
        {
            LifeYear a = Simulation.TracePerson(Presets.Evidence, cohort, Seed, id).Years[0];
            LifeYear b = Simulation.TracePerson(Presets.Review2014, cohort, Seed, id).Years[0];
            Assert.Equal((a.AsmKg, a.AsmiKgPerM2, a.GripKg, a.GaitMps), (b.AsmKg, b.AsmiKgPerM2, b.GripKg, b.GaitMps));
        }
    }

    [Fact]
    public void Mortality_ChangesWhoIsAliveButNotAnyonesTraits()
    {
        CohortSpec cohort = Runs.Mixed(1_000_000);
        int diedSomewhere = 0;
        for (long id = 0; id < 200; id++)
        {
            PersonLife with = Simulation.TracePerson(Presets.Evidence, cohort, Seed, id);
            PersonLife without = Simulation.TracePerson(Presets.Evidence.WithoutMortality(), cohort, Seed, id);
            Assert.All(without.Years, y => Assert.True(y.Alive));
            diedSomewhere += with.Years[^1].Alive ? 0 : 1;
            foreach ((LifeYear a, LifeYear b) in with.Years.Zip(without.Years).Where(p => p.First.Alive))
            {
                Assert.Equal(b, a);
            }
        }

        Assert.True(diedSomewhere > 150, $"{diedSomewhere} of 200 died by 100");
    }
}
