using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Results;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Heritability;

/// <summary>Families in the engine: determinism whatever the chunks, variance components, genotypes and gene effects.</summary>
public sealed class FamilySimulationTests
{
    private const ulong Seed = 1234;

    // Monte Carlo tolerances: four standard errors keep a fixed-seed test from failing by chance (p ≈ 6e-5) while any
    // real error of the size these tests look for is many times larger.
    private const double Tolerance = 4;

    private static readonly ModelParameters s_model = Presets.Evidence;

    /// <summary>Twins of all kinds, sibships of three, then unrelated people: every layout rule at once.</summary>
    private static CohortSpec MixedFamilies(long people = 3_000, int startAge = 30, int endAge = 90) => new(people)
    {
        StartAge = startAge,
        EndAge = endAge,
        Ancestry = AncestryMix.UnitedStates2020,
        Families = Runs.MixedFamilies,
    };

    [Fact]
    public void Tables_DoNotDependOnChunkSizeThreadsOrShards()
    {
        CohortSpec cohort = MixedFamilies();
        string reference = GoldenTablesTests.Hash(Simulation.Run(s_model, cohort, Seed, Runs.Everything(threads: 1, chunkSize: 4096)));
        foreach ((int threads, int chunk) in new[] { (1, 1), (2, 7), (2, 64), (1, 333) })
        {
            Assert.Equal(reference, GoldenTablesTests.Hash(Simulation.Run(s_model, cohort, Seed, Runs.Everything(threads, chunk))));
        }

        SimulationResult[] shards = [.. Enumerable.Range(0, 5).Select(k => Simulation.Run(s_model, cohort, Seed, Runs.Everything(threads: 2, chunkSize: 50) with { ShardIndex = k, ShardCount = 5 }))];
        Assert.Equal(reference, GoldenTablesTests.Hash(SimulationResult.Merge(shards)));
    }

    [Fact]
    public void TwinData_DoesNotDependOnChunkSizeOrThreads()
    {
        CohortSpec cohort = MixedFamilies();
        string reference = Csv(Simulation.SimulateTwins(s_model, cohort, Seed, [40, 70], new RunOptions { Threads = 1 }));
        Assert.Equal(reference, Csv(Simulation.SimulateTwins(s_model, cohort, Seed, [40, 70], new RunOptions { Threads = 2, ChunkSize = 3 })));
        Assert.Equal(reference, Csv(Simulation.SimulateTwins(s_model, cohort, Seed, [40, 70], new RunOptions { Threads = 2, ChunkSize = 1 })));
    }

    [Fact]
    public void ShardBoundaries_AreFamilyBoundaries()
    {
        CohortSpec cohort = MixedFamilies(people: 2_503);
        var families = FamilyLayout.Of(cohort.Families);
        for (int shards = 1; shards <= 9; shards++)
        {
            long next = 0;
            for (int k = 0; k < shards; k++)
            {
                PersonRange range = PersonRange.OfShard(cohort, k, shards);
                Assert.Equal(next, range.First);
                Assert.Equal(range.First, families.StartOf(range.First));
                next = range.End;
            }

            Assert.Equal(cohort.People, next);
        }
    }

    [Fact]
    public void ChunkBoundaries_AreFamilyBoundaries_AndChunksTileTheShard()
    {
        CohortSpec cohort = MixedFamilies(people: 2_503);
        var families = FamilyLayout.Of(cohort.Families);
        foreach (int shards in new[] { 1, 3 })
        {
            for (int k = 0; k < shards; k++)
            {
                PersonRange range = PersonRange.OfShard(cohort, k, shards);
                foreach (int chunkSize in new[] { 1, 2, 3, 5, 64, 4096 })
                {
                    long chunks = (range.Count + chunkSize - 1) / chunkSize;
                    long previous = range.First;
                    for (long chunk = 0; chunk <= chunks; chunk++)
                    {
                        long start = Simulation.ChunkStart(range, chunkSize, families, chunk);
                        Assert.Equal(start, families.StartOf(start));
                        Assert.InRange(start - previous, 0, chunkSize + families.LargestFamily - 1);
                        previous = start;
                    }

                    Assert.Equal(range.End, previous);
                }
            }
        }
    }

    [Fact]
    public void FamilyLayout_PutsEachKindInItsBlock()
    {
        var families = FamilyLayout.Of(MixedFamilies().Families);

        // 700 families: 210 MZ, 210 DZ same-sex, 140 DZ opposite-sex pairs, 140 sibships of three.
        Assert.Equal((210 + 210 + 140) * 2 + (140 * 3), families.Members);
        Assert.Equal(new FamilyMember(418, 2, 1, FamilyKind.MonozygoticTwins), families.Of(419));
        Assert.Equal(new FamilyMember(420, 2, 0, FamilyKind.DizygoticSameSexTwins), families.Of(420));
        Assert.Equal(new FamilyMember(1120, 3, 2, FamilyKind.Siblings), families.Of(1122));
        Assert.Equal(new FamilyMember(1540, 1, 0, null), families.Of(1540));
        Assert.Equal(0, families.Of(419).Child);
        Assert.Equal(1, families.Of(421).Child);
    }

    [Fact]
    public void Twins_ShareAncestryAndSexAsTheirZygositySays()
    {
        TwinPairs data = Simulation.SimulateTwins(s_model, MixedFamilies(), Seed, [30]);
        Assert.Equal(560, data.Count);
        Assert.Equal(data.Count, Enumerable.Range(0, data.Count).Count(r => (data.Sex1[r] == data.Sex2[r]) == (data.Zygosity[r] != Zygosity.DizygoticOppositeSex)));
        Assert.True(data.Ancestry.Distinct().Count() > 1, "a mixed cohort has pairs of several ancestries");
    }

    [Fact]
    public void WithoutAgeing_TwinCorrelationsMatchTheirClosedForms()
    {
        // At the peak nobody has aged: the ASM index's score is √a·z_A + √c·z_C + √e·z_E with z_A shared by MZ twins and
        // correlated ½ in DZ twins, so r_MZ = a + c and r_DZ = a/2 + c (no genes: their dominance would lower r_DZ).
        var genetics = Genetics.Default with
        {
            Asmi = BySex<VarianceShares>.Both(new VarianceShares(0.5, 0.2)),
            Grip = BySex<VarianceShares>.Both(new VarianceShares(0.3, 0.3)),
            Genes = [],
        };
        ModelParameters model = s_model with { Genetics = genetics };
        const long pairs = 9_000;
        CohortSpec cohort = new CohortSpec(2 * pairs) { StartAge = model.Peak.Age, EndAge = model.Peak.Age + 1, Families = FamilySpec.TwinPairs(pairs) };
        TwinPairs data = Simulation.SimulateTwins(model, cohort, Seed, [model.Peak.Age]);
        foreach ((string trait, double a, double c) in new[] { ("asmi", 0.5, 0.2), ("grip", 0.3, 0.3) })
        {
            // Within one sex (the sexes' means and SDs differ): women's same-sex pairs, and opposite-sex pairs with each
            // twin standardized within their own sex.
            TwinPairs women = data.Where(r => data.Sex1[r] == Sex.Female && data.Sex2[r] == Sex.Female);
            foreach (TwinCorrelation r in TwinCorrelations.ByZygosity(women, trait))
            {
                AssertCorrelation($"{trait}, women, {r.Zygosity}", r.Correlation, r.Pairs, r.Zygosity == Zygosity.Monozygotic ? a + c : (a / 2) + c);
            }

            TwinPairs opposite = data.Where(r => data.Zygosity[r] == Zygosity.DizygoticOppositeSex);
            double[] woman = [.. Enumerable.Range(0, opposite.Count).Select(r => Value(opposite, trait, r, Sex.Female))];
            double[] man = [.. Enumerable.Range(0, opposite.Count).Select(r => Value(opposite, trait, r, Sex.Male))];
            AssertCorrelation($"{trait}, opposite-sex", MathNet.Numerics.Statistics.Correlation.Pearson(woman, man), opposite.Count, (a / 2) + c);

            TwinFit ace = TwinModels.Fit(women, TwinModel.Ace, new TwinFitOptions { Trait = trait, Intervals = false });
            VarianceEstimate additive = ace[VarianceComponent.Additive]!, shared = ace[VarianceComponent.SharedEnvironment]!;
            Assert.InRange(additive.Proportion, a - (Tolerance * additive.StandardError), a + (Tolerance * additive.StandardError));
            Assert.InRange(shared.Proportion, c - (Tolerance * shared.StandardError), c + (Tolerance * shared.StandardError));
        }
    }

    private static double Value(TwinPairs pairs, string trait, int row, Sex sex) =>
        pairs.Sex1[row] == sex ? pairs.Trait(trait).Twin1[row] : pairs.Trait(trait).Twin2[row];

    private static void AssertCorrelation(string what, double correlation, int pairs, double expected)
    {
        double error = (1 - (expected * expected)) / Math.Sqrt(pairs);
        Assert.True(Math.Abs(correlation - expected) < Tolerance * error, $"{what}: r = {correlation:0.000}, expected {expected:0.000} ± {Tolerance * error:0.000}");
    }

    [Fact]
    public void Genotypes_FollowHardyWeinbergInEachAncestryAndMendelWithinFamilies()
    {
        const long pairs = 12_000;
        CohortSpec cohort = new CohortSpec(2 * pairs) { StartAge = 30, EndAge = 31, Ancestry = AncestryMix.UnitedStates2020, Families = FamilySpec.TwinPairs(pairs) };
        TwinPairs data = Simulation.SimulateTwins(s_model, cohort, Seed, [30]);
        GeneVariant actn3 = s_model.Genetics.Genes[0];
        TwinColumn<byte> genotype = data.Genotype(actn3.Snp);
        foreach (Ancestry ancestry in new[] { Ancestry.European, Ancestry.African, Ancestry.HispanicLatino })
        {
            // Twin 1 of each pair: one child of two founders drawn at the ancestry's frequency, so Hardy-Weinberg proportions.
            int[] rows = [.. Enumerable.Range(0, data.Count).Where(r => data.Ancestry[r] == ancestry)];
            double p = actn3.FrequencyIn(ancestry);
            double[] expected = [(1 - p) * (1 - p), 2 * p * (1 - p), p * p];
            for (int copies = 0; copies <= 2; copies++)
            {
                double observed = rows.Count(r => genotype.Twin1[r] == copies) / (double)rows.Length;
                double error = Math.Sqrt(expected[copies] * (1 - expected[copies]) / rows.Length);
                Assert.True(Math.Abs(observed - expected[copies]) < Tolerance * error, $"{ancestry}, {copies} copies: {observed:0.0000} vs {expected[copies]:0.0000}");
            }
        }

        // Mendel: monozygotic twins carry one genotype; dizygotic twins each take one of each parent's two alleles with
        // probability ½, so their allele counts correlate ½.
        int[] mz = [.. Enumerable.Range(0, data.Count).Where(r => data.Zygosity[r] == Zygosity.Monozygotic)];
        Assert.All(mz, r => Assert.Equal(genotype.Twin1[r], genotype.Twin2[r]));
        int[] dz = [.. Enumerable.Range(0, data.Count).Where(r => data.Zygosity[r] != Zygosity.Monozygotic && data.Ancestry[r] == Ancestry.European)];
        double correlation = MathNet.Numerics.Statistics.Correlation.Pearson(dz.Select(r => (double)genotype.Twin1[r]), dz.Select(r => (double)genotype.Twin2[r]));
        Assert.True(Math.Abs(correlation - 0.5) < Tolerance * (1 - 0.25) / Math.Sqrt(dz.Length), $"DZ genotype correlation {correlation:0.000}");

        // Transmission rates: siblings share 2, 1 or 0 alleles identical by descent with probabilities ¼, ½, ¼, so their
        // genotypes are identical with probability ¼ + ½(p² + q²) + ¼(p⁴ + 4p²q² + q⁴).
        double pe = actn3.FrequencyIn(Ancestry.European), qe = 1 - pe;
        double identical = 0.25 + (0.5 * ((pe * pe) + (qe * qe))) + (0.25 * (Math.Pow(pe, 4) + (4 * pe * pe * qe * qe) + Math.Pow(qe, 4)));
        double share = dz.Count(r => genotype.Twin1[r] == genotype.Twin2[r]) / (double)dz.Length;
        Assert.True(Math.Abs(share - identical) < Tolerance * Math.Sqrt(identical * (1 - identical) / dz.Length), $"DZ pairs with identical genotypes {share:0.0000}, expected {identical:0.0000}");

    }

    [Fact]
    public void GeneEffects_AppearOnlyInTheirSubgroup()
    {
        // Exaggerated effects so that a small sample shows them: a recessive −1 SD on the ASM index in women only, and an
        // additive +1 SD on grip in African-ancestry people only.
        GeneVariant actn3 = Genetics.DefaultGenes[0] with { Effects = [new GeneEffect(GeneticTrait.Asmi, -1, InheritanceMode.Recessive) { Sex = Sex.Female }] };
        GeneVariant mstn = Genetics.DefaultGenes[1] with { Effects = [new GeneEffect(GeneticTrait.Grip, 1, InheritanceMode.Additive) { Ancestry = Ancestry.African }] };
        ModelParameters model = s_model with { Genetics = Genetics.Default with { Genes = [actn3, mstn] } };
        const long pairs = 8_000;
        CohortSpec cohort = new CohortSpec(2 * pairs)
        {
            StartAge = model.Peak.Age,
            EndAge = model.Peak.Age + 1,
            Ancestry = new AncestryMix("EuropeanAfrican", [0.5, 0, 0.5, 0, 0]),
            Families = FamilySpec.TwinPairs(pairs),
        };
        TwinPairs data = Simulation.SimulateTwins(model, cohort, Seed, [model.Peak.Age]);
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            // Within one ancestry: XX is far commoner in Europeans, whose mean differs from Africans' (stratification).
            (double difference, double error, double sd) = Difference(data, "asmi", actn3.Snp, r => data.Sex1[r] == sex && data.Ancestry[r] == Ancestry.European, copies => copies == 2);
            double expected = sex == Sex.Female ? -sd : 0;
            Assert.True(Math.Abs(difference - expected) < Tolerance * error, $"ACTN3 XX vs others, {sex}: {difference:0.000} vs {expected:0.000} ± {Tolerance * error:0.000}");
        }

        foreach (Ancestry ancestry in new[] { Ancestry.European, Ancestry.African })
        {
            // Grip within one sex (women), per copy: carriers against non-carriers of the (rare in Europeans) R allele.
            (double difference, double error, double sd) = Difference(data, "grip", mstn.Snp, r => data.Ancestry[r] == ancestry && data.Sex1[r] == Sex.Female, copies => copies >= 1);
            Assert.True(ancestry == Ancestry.African ? difference > 0.7 * sd : Math.Abs(difference) < Tolerance * error,
                $"MSTN carriers vs others, {ancestry}: {difference:0.000} (SD {sd:0.000}, ± {Tolerance * error:0.000})");
        }
    }

    [Fact]
    public void Heritability_FallsWithAge_WhenDeclineVariesMostlyByEnvironment()
    {
        // Default genetics: a² of peak grip 0.56, of the rates of decline 0.1; no mortality, so the same pairs are seen.
        ModelParameters model = s_model.WithoutMortality();
        const long pairs = 6_000;
        CohortSpec cohort = new CohortSpec(2 * pairs) { StartAge = 40, EndAge = 85, Families = FamilySpec.TwinPairs(pairs) };
        TwinPairs data = Simulation.SimulateTwins(model, cohort, Seed, [40, 85]);
        double[] heritability = [.. new[] { 40.0, 85.0 }.Select(age =>
            TwinModels.Fit(data.Where(r => data.Age[r] == age), TwinModel.Ace, new TwinFitOptions { Trait = "grip", Intervals = false }).Proportion(VarianceComponent.Additive))];
        Assert.True(heritability[1] < heritability[0] - 0.1, $"grip a² at 40: {heritability[0]:0.000}, at 85: {heritability[1]:0.000}");
        Assert.InRange(heritability[0], 0.4, 0.65);
    }

    [Fact]
    public void WithoutFamilies_UnrelatedPeopleKeepTheirDraws()
    {
        // Unrelated people of a cohort with families are the same people as in a cohort without: same id, same life.
        CohortSpec plain = Runs.Mixed(2_000, startAge: 40, endAge: 60);
        CohortSpec withFamilies = plain with { Families = FamilySpec.TwinPairs(100) };
        PersonLife before = Simulation.TracePerson(s_model, plain, Seed, 1_500);
        PersonLife after = Simulation.TracePerson(s_model, withFamilies, Seed, 1_500);
        Assert.Equal(before.Years, after.Years);
    }

    [Fact]
    public void TracedTwin_MatchesTheTwinData()
    {
        // A replayed life of a second twin (its family split from it) has the same traits as in the whole run.
        CohortSpec cohort = MixedFamilies();
        TwinPairs data = Simulation.SimulateTwins(s_model, cohort, Seed, [50]);
        PersonLife second = Simulation.TracePerson(s_model, cohort, Seed, 1);
        Assert.Equal(data.Sex2[0], second.Sex);
        Assert.Equal(data.Trait("grip").Twin2[0], second.Years[50 - cohort.StartAge].GripKg);
    }

    public static TheoryData<string, string> BadGenetics => new()
    {
        { """{ "model": { "genetics": { "grip": { "female": { "additive": 1.2, "shared": 0 } } } } }""", "model.genetics.grip.female.additive" },
        { """{ "model": { "genetics": { "asmi": { "male": { "additive": 0.7, "shared": 0.5 } } } } }""", "model.genetics.asmi.male" },
        { """{ "model": { "genetics": { "genes": [ { "gene": "ACTN4", "snp": "rs1", "allele": "X", "frequencies": [], "effects": [] } ] } } }""", "model.genetics.genes[0].gene" },
        { """{ "model": { "genetics": { "genes": [ { "gene": "ACTN3", "snp": "rs1", "allele": "X", "frequencies": [ { "ancestry": "European", "frequency": 1.5 } ], "effects": [] } ] } } }""", "model.genetics.genes[0].frequencies[0].frequency" },
        { """{ "model": { "genetics": { "genes": [ { "gene": "ACTN3", "snp": "rs1", "allele": "X", "frequencies": [ { "ancestry": "Martian", "frequency": 0.5 } ], "effects": [] } ] } } }""", "Martian" },
        { """{ "cohort": { "families": { "count": 10, "kinds": [ { "kind": "MonozygoticTwins", "share": 0.7 }, { "kind": "Siblings", "share": 0.6, "size": 3 } ] } } }""", "cohort.families.kinds" },
        { """{ "cohort": { "families": { "count": 10, "kinds": [ { "kind": "MonozygoticTwins", "share": -0.5 }, { "kind": "Siblings", "share": 1.5, "size": 3 } ] } } }""", "cohort.families.kinds[0].share" },
        { """{ "cohort": { "people": 10, "families": { "count": 10, "kinds": [ { "kind": "MonozygoticTwins", "share": 1 } ] } } }""", "cohort.people" },
        { """{ "cohort": { "families": { "count": 10, "kinds": [ { "kind": "Triplets", "share": 1 } ] } } }""", "Triplets" },
    };

    [Theory]
    [MemberData(nameof(BadGenetics))]
    public void BadGeneticsOrFamilies_AreRefusedNamingTheField(string json, string named)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "test.json"));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioFile_ReadsFamilies()
    {
        Scenario scenario = ScenarioFile.Parse("""{ "cohort": { "people": 500, "families": { "count": 100, "kinds": [ { "kind": "DizygoticSameSexTwins", "share": 0.5 }, { "kind": "Siblings", "share": 0.5, "size": 4 } ] } } }""", "test.json");
        Assert.Equal(100 + 200, scenario.Cohort.Families!.Members);
        Assert.Equal(4, scenario.Cohort.Families.Kinds[1].Size);
    }

    [Fact]
    public void SimulateTwins_RefusesACohortWithoutTwinsAndAgesOutsideIt()
    {
        ParameterValidationException none = Assert.Throws<ParameterValidationException>(() => Simulation.SimulateTwins(s_model, new CohortSpec(100), Seed, [40]));
        Assert.Contains("cohort.families", none.Message, StringComparison.Ordinal);
        ParameterValidationException age = Assert.Throws<ParameterValidationException>(() =>
            Simulation.SimulateTwins(s_model, new CohortSpec(100) { StartAge = 40, Families = FamilySpec.TwinPairs(50) }, Seed, [30]));
        Assert.Contains("ages[0]", age.Message, StringComparison.Ordinal);
    }

    /// <summary>The difference in mean trait between people whose genotype passes <paramref name="has"/> and the others (twin 1 of each pair), its standard error and the trait's SD over both.</summary>
    private static (double Difference, double Error, double Sd) Difference(TwinPairs data, string trait, string snp, Func<int, bool> keep, Func<byte, bool> has)
    {
        TwinColumn<double> values = data.Trait(trait);
        TwinColumn<byte> genotype = data.Genotype(snp);
        double[] with = [.. Enumerable.Range(0, data.Count).Where(r => keep(r) && has(genotype.Twin1[r])).Select(r => values.Twin1[r])];
        double[] without = [.. Enumerable.Range(0, data.Count).Where(r => keep(r) && !has(genotype.Twin1[r])).Select(r => values.Twin1[r])];
        (double meanWith, double sdWith) = MonteCarlo.MeanSd(with);
        (double meanWithout, double sdWithout) = MonteCarlo.MeanSd(without);
        double error = Math.Sqrt((sdWith * sdWith / with.Length) + (sdWithout * sdWithout / without.Length));
        return (meanWith - meanWithout, error, MonteCarlo.MeanSd([.. with, .. without]).Sd);
    }

    private static string Csv(TwinPairs data)
    {
        using var writer = new StringWriter();
        TwinCsv.Write(data, writer);
        return writer.ToString();
    }
}
