using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Results;

/// <summary>
/// The query API of <see cref="SimulationResult"/>: prevalence, counts, summaries and centiles are consistent with each
/// other and with the tables, missing outputs and ages outside the run are reported, not guessed.
/// </summary>
public sealed class SimulationResultTests
{
    private const int People = 20_000;

    private static readonly Lazy<SimulationResult> s_full = new(() =>
        Simulation.Run(Presets.Evidence, Runs.Mixed(People), 77, Runs.Everything()));

    private static readonly Lazy<SimulationResult> s_countsOnly = new(() =>
        Simulation.Run(Presets.Evidence, new CohortSpec(500) { EndAge = 40 }, 77, new RunOptions { Statistics = TraitSet.None }));

    [Fact]
    public void Prevalence_IsCountOverAlive_AndSumsToOneOverStages()
    {
        SimulationResult r = s_full.Value;
        foreach (int age in new[] { 30, 55, 75, 90, 99 })
        {
            foreach (Sex? sex in new Sex?[] { null, Sex.Female, Sex.Male })
            {
                long alive = r.Alive(age, sex);
                double total = 0;
                foreach (Stage stage in r.Stages)
                {
                    double p = r.Prevalence(age, sex, stage);
                    Assert.Equal((double)r.Count(age, stage, sex) / alive, p, 1e-15);
                    total += p;
                }

                Assert.Equal(1.0, total, 1e-12);
                Assert.Equal(r.Prevalence(age, sex, Stage.Sarcopenia) + r.Prevalence(age, sex, Stage.Severe), r.PrevalenceAtLeast(age, sex, Stage.Sarcopenia), 1e-12);
                Assert.Equal(r.Prevalence(age, sex, Stage.Severe), r.PrevalenceAtLeast(age, sex, Stage.Severe), 1e-15);
                Assert.Equal(1 - r.Prevalence(age, sex, Stage.None), r.PrevalenceAtLeast(age, sex, Stage.Presarcopenia), 1e-12);
            }
        }
    }

    [Fact]
    public void Prevalence_OverAnAgeBand_IsPersonYearWeighted()
    {
        SimulationResult r = s_full.Value;
        long sarcopenic = Enumerable.Range(70, 10).Sum(a => r.Count(a, Stage.Sarcopenia, Sex.Male));
        long alive = r.Alive(70, 79, Sex.Male);
        Assert.Equal(Enumerable.Range(70, 10).Sum(a => r.Alive(a, Sex.Male)), alive);
        Assert.Equal((double)sarcopenic / alive, r.Prevalence(70, 79, Sex.Male, Stage.Sarcopenia), 1e-15);
        Assert.Equal(r.Prevalence(75, Sex.Male, Stage.Sarcopenia), r.Prevalence(75, 75, Sex.Male, Stage.Sarcopenia));
    }

    [Fact]
    public void Count_IsTheSumOfItsDeficitCombinations()
    {
        SimulationResult r = s_full.Value;
        foreach (int age in new[] { 30, 70, 95 })
        {
            foreach (Stage stage in r.Stages)
            {
                long viaCombinations = Enumerable.Range(0, 8).Where(c => r.Definition.Rules[c] == stage).Sum(c => r.CountWithDeficits(age, c));
                Assert.Equal(viaCombinations, r.Count(age, stage));
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => r.CountWithDeficits(70, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.CountWithDeficits(70, 8));
    }

    [Fact]
    public void Summary_CountsTheLivingAndAgreesWithTheHistogram()
    {
        SimulationResult r = s_full.Value;
        foreach (Trait trait in Traits.All)
        {
            foreach (int age in new[] { 30, 60, 90 })
            {
                TraitSummary s = r.Summary(trait, age, Sex.Female);
                Assert.Equal(r.Alive(age, Sex.Female), s.Count);
                (double low, double width, long[] counts) = r.Histogram(trait, age, Sex.Female);
                Assert.Equal(s.Count, counts.Sum());

                // The histogram's mean (bin midpoints) is within half a bin of the exact mean.
                double binMean = counts.Select((c, b) => c * (low + ((b + 0.5) * width))).Sum() / counts.Sum();
                Assert.True(Math.Abs(binMean - s.Mean) <= width / 2, $"{trait} at {age}: histogram mean {binMean} vs {s.Mean}");
            }
        }
    }

    public static IEnumerable<object[]> SymmetricTraits =>
    [
        [Trait.Asm, Sex.Female],
        [Trait.Asm, Sex.Male],
        [Trait.Asmi, Sex.Female],
        [Trait.Grip, Sex.Male],
        [Trait.Gait, Sex.Female],
        [Trait.Gait, Sex.Male],
    ];

    [Theory]
    [MemberData(nameof(SymmetricTraits))]
    public void Centile50_OfANormalPeakTrait_IsCloseToItsMean(Trait trait, Sex sex)
    {
        // At 30 these traits are normal (ASM, ASMI: normal ASMI times fixed-by-person height², nearly normal), so the
        // median equals the mean up to Monte Carlo error and binning: 5 SE with SE(median − mean) ≈ sqrt(π/2 − 1)·sd/sqrt(n)
        // = 0.76·sd/sqrt(n) (their correlation is sqrt(2/π)), plus half a bin for the interpolation.
        SimulationResult r = s_full.Value;
        TraitSummary s = r.Summary(trait, 30, sex);
        double median = r.Centile(trait, 30, 50, sex);
        double tolerance = (MonteCarlo.Sigmas * Math.Sqrt((Math.PI / 2) - 1) * s.Sd / Math.Sqrt(s.Count)) + (TraitInfo.Of(trait).HistogramBinWidth / 2);
        Assert.True(Math.Abs(median - s.Mean) <= tolerance, $"{trait} {sex}: median {median}, mean {s.Mean}, tolerance {tolerance}");

        // And the quartiles sit ±0.674 SD around it (5 SE of a quartile ≈ 5·1.36·sd/sqrt(n), plus a bin).
        double q1 = r.Centile(trait, 30, 25, sex), q3 = r.Centile(trait, 30, 75, sex);
        double quartileTolerance = (MonteCarlo.Sigmas * 1.36 * s.Sd / Math.Sqrt(s.Count)) + TraitInfo.Of(trait).HistogramBinWidth;
        Assert.InRange(q3 - q1, (2 * 0.6745 * s.Sd) - (2 * quartileTolerance), (2 * 0.6745 * s.Sd) + (2 * quartileTolerance));
    }

    [Fact]
    public void Centile_IsMonotoneInPercentAndSpansTheData()
    {
        SimulationResult r = s_full.Value;
        double previous = double.NegativeInfinity;
        for (int percent = 0; percent <= 100; percent += 5)
        {
            double c = r.Centile(Trait.Grip, 75, percent);
            Assert.True(c >= previous, $"P{percent} = {c} < {previous}");
            previous = c;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => r.Centile(Trait.Grip, 75, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Centile(Trait.Grip, 75, 100.1));
    }

    [Fact]
    public void Centile_And_Histogram_RequireHistograms_Summary_RequiresStatistics()
    {
        SimulationResult r = s_countsOnly.Value;
        Assert.Equal(TraitSet.None, r.Histograms);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => r.Centile(Trait.Grip, 35, 50));
        Assert.Contains(nameof(RunOptions.Histograms), e.Message);
        Assert.Throws<InvalidOperationException>(() => r.Histogram(Trait.Asm, 35));
        InvalidOperationException s = Assert.Throws<InvalidOperationException>(() => r.Summary(Trait.Asm, 35));
        Assert.Contains(nameof(RunOptions.Statistics), s.Message);

        // Counts need neither.
        Assert.Equal(500, r.Alive(30));
    }

    [Fact]
    public void AgesOutsideTheRun_Throw()
    {
        SimulationResult r = s_countsOnly.Value;
        Assert.Equal(Enumerable.Range(30, 11), r.Ages);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Alive(29));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Alive(41));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Count(41, Stage.Sarcopenia));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Prevalence(29, null, Stage.Sarcopenia));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Prevalence(35, 34, null, Stage.Sarcopenia));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Deaths(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_full.Value.Summary(Trait.Asm, 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_full.Value.Centile(Trait.Grip, 29, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_full.Value.Histogram(Trait.Grip, 120));
    }

    [Fact]
    public void EmptyCells_GiveNaNNotZero()
    {
        // The European-only cohort has no African people: no prevalence, no mean, no centile.
        SimulationResult r = Simulation.Run(Presets.Evidence, new CohortSpec(200) { EndAge = 32 }, 3, Runs.Everything());
        Assert.Equal(0, r.Alive(31, ancestry: Ancestry.African));
        Assert.True(double.IsNaN(r.Prevalence(31, null, Stage.Sarcopenia, Ancestry.African)));
        TraitSummary s = r.Summary(Trait.Grip, 31, ancestry: Ancestry.African);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Mean) && double.IsNaN(s.Sd));
        Assert.True(double.IsNaN(r.Centile(Trait.Grip, 31, 50, ancestry: Ancestry.African)));
    }

    [Fact]
    public void Metadata_DescribesTheRun()
    {
        SimulationResult r = s_full.Value;
        Assert.Same(Presets.Evidence, r.Model);
        Assert.Equal(People, r.People);
        Assert.Equal((long)People * 70, r.PersonYears);
        Assert.Equal(77UL, r.Seed);
        Assert.Same(r.Model.Definition, r.Definition);
        Assert.Equal(TraitSet.All, r.Statistics);
        Assert.Equal(TraitSet.All, r.Histograms);
        Assert.True(r.PersonYearsPerSecond > 0);
    }

    [Fact]
    public void Summary_MatchesTheTablesFixedPointSums()
    {
        // Mean = Σq / 2¹⁶ / n and SD from Σ round(v²·2¹²) / 2¹²: recompute from the raw tables of one cell.
        SimulationResult r = s_full.Value;
        int row = 40;
        int group = ResultLayout.GroupOf(Sex.Male, Ancestry.European);
        int cell = r.Layout.Cell(row, group);
        long n = Enumerable.Range(0, 8).Sum(c => r.Tables.CombinationCounts[(cell * 8) + c]);
        double mean = r.Tables.Sums[(int)Trait.Grip]![cell] / 65536.0 / n;
        double meanOfSquares = r.Tables.SumsOfSquares[(int)Trait.Grip]![cell] / 4096.0 / n;
        TraitSummary s = r.Summary(Trait.Grip, 70, Sex.Male, Ancestry.European);
        Assert.Equal(n, s.Count);
        Assert.Equal(mean, s.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(meanOfSquares - (mean * mean)), s.Sd, 1e-9);
    }
}
