using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Staging;

/// <summary>
/// Each mass measure (ASM/height², ASM/BMI for FNIH, ASM in kg) is computed from the right per-person draws: the share
/// with low mass at the start age matches an independent Monte Carlo of the preset's peak distributions.
/// </summary>
public sealed class MassMeasureTests
{
    private const int People = 100_000;

    public static IEnumerable<object[]> Measures =>
    [
        [MassMeasure.Asmi, 5.5, 7.0],
        [MassMeasure.AsmPerBmi, 0.512, 0.789],
        [MassMeasure.AsmKg, 15.0, 23.0],
    ];

    [Theory]
    [MemberData(nameof(Measures))]
    public void LowMassShareAt30_MatchesTheDistributionsOfTheMeasure(MassMeasure measure, double female, double male)
    {
        SarcopeniaDefinition d = Definitions.Fnih with { MassMeasure = measure, LowMass = Cutoff.Below(female, male) };
        ModelParameters model = Presets.Evidence.Mechanical() with { Definition = d };
        SimulationResult r = Simulation.Run(model, new CohortSpec(People) { EndAge = 31, Sexes = SexAssignment.Alternating }, 41, new RunOptions { Statistics = TraitSet.None });
        var random = new Random(41);
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            long n = r.Alive(30, sex);
            long low = Enumerable.Range(0, 8).Where(c => (c & SarcopeniaDefinition.LowMassBit) != 0).Sum(c => r.CountWithDeficits(30, c, sex));
            double engine = (double)low / n;

            // Independent reference: ASMI, height and BMI are independent normals in the preset (European ancestry).
            PeakTraits peak = model.Peak;
            const int Draws = 200_000;
            int referenceLow = 0;
            for (int i = 0; i < Draws; i++)
            {
                double height = peak.HeightM[sex].Mean + (peak.HeightM[sex].Sd * MonteCarlo.StandardNormal(random));
                double asm = (peak.AsmiKgPerM2[sex].Mean + (peak.AsmiKgPerM2[sex].Sd * MonteCarlo.StandardNormal(random))) * height * height;
                double bmi = peak.Bmi[sex].Mean + (peak.Bmi[sex].Sd * MonteCarlo.StandardNormal(random));
                double mass = measure switch { MassMeasure.Asmi => asm / (height * height), MassMeasure.AsmPerBmi => asm / bmi, _ => asm };
                referenceLow += mass < d.LowMass.Threshold[sex] ? 1 : 0;
            }

            double reference = (double)referenceLow / Draws;

            // 5 SE of the difference of two proportions: sqrt(p(1−p)(1/n₁ + 1/n₂)) ≈ 0.0012 at p = 0.1.
            double se = MonteCarlo.ProportionDifferenceError((engine + reference) / 2, n, Draws);
            Assert.True(reference > 0.01, $"{measure} {sex}: the cut-off should classify some people ({reference:F4})");
            Assert.True(Math.Abs(engine - reference) <= MonteCarlo.Sigmas * se, $"{measure} {sex}: engine {engine:F4} vs reference {reference:F4} (5 SE {MonteCarlo.Sigmas * se:F4})");
        }
    }
}
