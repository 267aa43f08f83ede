using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Tests.Scenarios;

/// <summary>The presets are what their documentation says: RW1 exactly as the spec, Review2014 differing from Evidence only
/// where the review makes a claim, every preset with sources, and lookup by name.</summary>
public sealed class PresetsTests
{
    [Fact]
    public void ReferenceWorkload_HasTheSpecsNumbers()
    {
        ModelParameters m = Presets.ReferenceWorkload;
        Assert.Equal(new NormalSpec(1.62, 0), m.Peak.HeightM.Female);
        Assert.Equal(new NormalSpec(1.75, 0), m.Peak.HeightM.Male);
        Assert.Equal(17.0, m.Peak.AsmiKgPerM2.Female.Mean * 1.62 * 1.62, 12);
        Assert.Equal(2.2, m.Peak.AsmiKgPerM2.Female.Sd * 1.62 * 1.62, 12);
        Assert.Equal(25.5, m.Peak.AsmiKgPerM2.Male.Mean * 1.75 * 1.75, 12);
        Assert.Equal(3.2, m.Peak.AsmiKgPerM2.Male.Sd * 1.75 * 1.75, 12);
        Assert.Equal(new BySex<NormalSpec>(new(31, 5), new(49, 7)), m.Peak.GripKg);
        Assert.Equal(BySex<NormalSpec>.Both(new(1.35, 0.15)), m.Peak.GaitMps);
        Assert.Equal(0, m.Peak.MassGripCorrelation);

        // r_i = clamp(exp(ln 0.015 + 0.35 z), 0.01, 0.05); loss = min(r·acc·exp(0.25e − 0.03125), 0.2) from 31.
        MassLoss loss = m.MassLoss;
        Assert.Equal((30, 0.015, 0.015, 0.35, 0.01, 0.05), (loss.OnsetAge, loss.MedianRate.Female, loss.MedianRate.Male, loss.PersonalSigma, loss.MinRate, loss.MaxRate));
        Assert.Equal((0.5, 70, 0.25, 0.0, 0.2), (loss.OldAgeExtra, loss.OldAgeFrom, loss.YearNoiseSigma, loss.MinAnnualLoss, loss.MaxAnnualLoss));

        // acc = 1 + 0.5·[female and age ≥ 50] + 0.5·[age ≥ 70].
        Assert.Equal(NormalSpec.Fixed(50), m.Menopause.AgeYears);
        Assert.Equal(0.5, m.Menopause.MassLossExtra);
        Assert.Equal(1.0, m.Menopause.StrengthRatio);

        // q = exp(−λ(age − 30)), λ 0.008 / 0.010; V = V0·sqrt(G/G0).
        Assert.Equal(0.008, m.Strength.QualityDeclinePerYear.Female.At(55));
        Assert.Equal(0.010, m.Strength.QualityDeclinePerYear.Male.At(95));
        Assert.Equal(BySex<double>.Both(0.5), m.Gait.StrengthExponent);
        Assert.Equal(BySex<double>.Both(0), m.Gait.AgeDeclinePerYear);

        Assert.Null(m.Mortality.Table);
        Assert.Same(Definitions.ReferenceWorkload, m.Definition);
        Assert.Empty(m.Mechanisms);
        Assert.Empty(m.Ancestries);
    }

    [Fact]
    public void Review2014_DiffersFromEvidenceOnlyWhereTheReviewMakesAClaim()
    {
        ModelParameters review = Presets.Review2014, evidence = Presets.Evidence;
        Assert.Same(evidence.Peak, review.Peak);
        Assert.Same(evidence.Strength, review.Strength);
        Assert.Same(evidence.Gait, review.Gait);
        Assert.Same(evidence.Mortality, review.Mortality);
        Assert.Equal(evidence.Ancestries, review.Ancestries);
        Assert.Equal(evidence.Mechanisms, review.Mechanisms);

        // The review's claims: 1–5 %/yr from 30, faster for women after 50 and all after 70, EWGSOP 2010 staging.
        Assert.Equal(30, review.MassLoss.OnsetAge);
        Assert.Equal((0.01, 0.05), (review.MassLoss.MinRate, review.MassLoss.MaxRate));
        Assert.Equal((0.01, 0.05), (review.MassLoss.MinAnnualLoss, review.MassLoss.MaxAnnualLoss));
        Assert.Equal(0.5, review.Menopause.MassLossExtra);
        Assert.Equal(50, review.Menopause.AgeYears.Mean);
        Assert.Equal(0.5, review.MassLoss.OldAgeExtra);
        Assert.Same(Definitions.Ewgsop2010, review.Definition);
    }

    [Fact]
    public void Evidence_HasItsDocumentedStructure()
    {
        ModelParameters e = Presets.Evidence;

        // The review's mechanisms are present (this also guards the static-initialization order of Presets).
        Assert.Equal(
            ["PhysicalInactivity", "LowProteinIntake", "VitaminDDeficiency", "AdiposityInflammation", "InsulinResistance", "LowTestosterone"],
            e.Mechanisms.Select(m => m.Name));
        Assert.All(e.Mechanisms, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
        Assert.Equal([Ancestry.EastAsian, Ancestry.African, Ancestry.SouthAsian, Ancestry.HispanicLatino], e.Ancestries.Select(a => a.Ancestry));
        Assert.Same(LifeTables.UnitedStates2021, e.Mortality.Table);
        Assert.Equal(2.00, e.Mortality.SarcopeniaHazardRatio);
        Assert.Equal(2.15, e.Mortality.HazardRatioFor("AWGS2019"));
        Assert.Same(Measurement.Dxa, e.Measurement);
        Assert.Same(HeightLoss.Sorkin1999, e.HeightLoss);
        Assert.Same(Definitions.Ewgsop2, e.Definition);
        Assert.Equal(50, e.MassLoss.OnsetAge);
        // Calibrated (scripts/calibrate-evidence.sh) from Kirk 2021's 0.55 / 0.75 %/yr: men still lose faster.
        Assert.InRange(e.MassLoss.MedianRate.Female, 0.002, 0.0055);
        Assert.InRange(e.MassLoss.MedianRate.Male, e.MassLoss.MedianRate.Female, 0.0075);

        // Health ABC ratios, applied to both mass loss and quality decline (Goodpaster 2006).
        AncestryEffects african = e.EffectsFor(Ancestry.African);
        Assert.Equal(3.0 / 2.6, african.QualityDecline.Female, 3);
        Assert.Equal(4.1 / 3.4, african.QualityDecline.Male, 3);
        Assert.Equal(african.QualityDecline, african.MassLoss);
        Assert.Equal(AncestryEffects.Neutral(Ancestry.European), e.EffectsFor(Ancestry.European));
    }

    [Fact]
    public void ModelParameters_AreEqualByValue()
    {
        // A model rebuilt from the same values (as a scenario file or another shard process would) equals the original;
        // SimulationResult.Merge compares models with this equality.
        ModelParameters copy = Presets.Evidence with
        {
            Sources = [.. Presets.Evidence.Sources],
            Mechanisms = [.. Presets.Evidence.Mechanisms],
            Ancestries = [.. Presets.Evidence.Ancestries],
            Definition = Presets.Evidence.Definition with { Rules = [.. Presets.Evidence.Definition.Rules] },
        };
        Assert.Equal(Presets.Evidence, copy);
        Assert.Equal(Presets.Evidence.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(Presets.Evidence, Presets.Review2014);
    }

    [Fact]
    public void EveryPreset_HasANameDescriptionAndSources()
    {
        Assert.Equal(["Evidence", "Review2014", "ReferenceWorkload"], Presets.All.Select(p => p.Name));
        Assert.All(Presets.All, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
            Assert.NotEmpty(p.Sources);
        });
    }

    [Theory]
    [InlineData("evidence", "Evidence")]
    [InlineData("REVIEW-2014", "Review2014")]
    [InlineData("review 2014", "Review2014")]
    [InlineData("RW1", "ReferenceWorkload")]
    [InlineData("rw-1", "ReferenceWorkload")]
    [InlineData("reference_workload", "ReferenceWorkload")]
    public void Get_IgnoresCaseAndPunctuation(string query, string expected) => Assert.Equal(expected, Presets.Get(query).Name);

    [Theory]
    [InlineData("Evidense")]
    [InlineData("")]
    [InlineData("RW2")]
    public void Get_UnknownName_ThrowsListingTheAllowedNames(string query)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Presets.Get(query));
        Assert.All(Presets.All, p => Assert.Contains(p.Name, e.Message));
        Assert.Contains("RW1", e.Message);
    }
}
