using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// Everything a run derives once from its validated inputs: per-group scalars and per-age schedules in single
/// precision, ready for the kernels. Immutable and shared by all workers.
/// </summary>
internal sealed class RunPlan
{
    public RunPlan(ModelParameters model, CohortSpec cohort, ulong seed, TraitSet statistics, bool standardDeviations, TraitSet histograms)
    {
        Model = model;
        Cohort = cohort;
        Seed = seed;
        Statistics = statistics;
        StandardDeviations = standardDeviations;
        Histograms = histograms;
        Layout = new ResultLayout(cohort.StartAge, cohort.Years + 1);
        Mortality = model.Mortality.Table is not null;
        SarcopenicCombinations = model.Definition.CombinationsAtLeast(Stage.Sarcopenia);
        AncestryThresholds = cohort.Ancestry.CumulativeThresholds();
        int[] occupied = [.. Enumerable.Range(0, AncestryMix.AncestryCount).Where(k => cohort.Ancestry.Weights[k] > 0)];
        OnlyAncestry = occupied.Length == 1 ? occupied[0] : null;
        FemaleFraction = (float)cohort.FemaleFraction;
        Groups = new GroupPlan[ResultLayout.GroupCount];
        for (int g = 0; g < Groups.Length; g++)
        {
            Groups[g] = new GroupPlan(this, ResultLayout.SexOf(g), ResultLayout.AncestryOf(g));
        }

        var active = new List<MechanismPlan>();
        for (int k = 0; k < model.Mechanisms.Length; k++)
        {
            Mechanism m = model.Mechanisms[k];
            if (m.LossRateRatio != 1 || m.StrengthRatio != 1)
            {
                active.Add(new MechanismPlan(k, (float)m.LossRateRatio, (float)m.StrengthRatio,
                    Prevalences(cohort, m.Prevalence.Female), Prevalences(cohort, m.Prevalence.Male)));
            }
        }

        Mechanisms = [.. active];
        MenopauseStrengthRatio = (float)model.Menopause.StrengthRatio;
        UpdatesMultipliers = Mechanisms.Length > 0 || MenopauseStrengthRatio != 1f;
    }

    public ModelParameters Model { get; }

    public CohortSpec Cohort { get; }

    public ulong Seed { get; }

    public TraitSet Statistics { get; }

    /// <summary>Whether the <see cref="Statistics"/> traits' sums of squares are accumulated.</summary>
    public bool StandardDeviations { get; }

    public TraitSet Histograms { get; }

    /// <summary>The shape of the run's result tables.</summary>
    public ResultLayout Layout { get; }

    /// <summary>Age rows: the start age (baseline) and every age reached after it.</summary>
    public int Rows => Layout.Rows;

    public bool Mortality { get; }

    public int SarcopenicCombinations { get; }

    public float[] AncestryThresholds { get; }

    /// <summary>The ancestry of everyone when the mix has a single one (its draw then cannot change anything).</summary>
    public int? OnlyAncestry { get; }

    public float FemaleFraction { get; }

    public GroupPlan[] Groups { get; }

    /// <summary>Mechanisms with a non-neutral effect (neutral ones cannot change any result).</summary>
    public MechanismPlan[] Mechanisms { get; }

    public float MenopauseStrengthRatio { get; }

    /// <summary>Whether the per-person rate and strength multipliers change with age.</summary>
    public bool UpdatesMultipliers { get; }

    private static float[] Prevalences(CohortSpec cohort, AgeCurve curve)
    {
        var p = new float[cohort.Years + 1];
        for (int row = 0; row < p.Length; row++)
        {
            p[row] = (float)curve.At(cohort.StartAge + row);
        }

        return p;
    }
}

/// <summary>A mechanism's effects and its prevalence at each age row, by sex.</summary>
internal sealed record MechanismPlan(int Index, float LossRateRatio, float StrengthRatio, float[] FemalePrevalence, float[] MalePrevalence);

/// <summary>The single-precision scalars and schedules of one sex × ancestry group.</summary>
internal sealed class GroupPlan
{
    public GroupPlan(RunPlan plan, Sex sex, Ancestry ancestry)
    {
        ModelParameters m = plan.Model;
        CohortSpec cohort = plan.Cohort;
        AncestryEffects e = m.EffectsFor(ancestry);
        Sex = sex;
        Ancestry = ancestry;
        Height = Scaled(m.Peak.HeightM[sex], e.Height[sex]);
        Asmi = Scaled(m.Peak.AsmiKgPerM2[sex], e.Asmi[sex]);
        Grip = Scaled(m.Peak.GripKg[sex], e.Grip[sex]);
        Gait = Scaled(m.Peak.GaitMps[sex], e.Gait[sex]);
        Bmi = Scaled(m.Peak.Bmi[sex], e.Bmi[sex]);
        MassGripCorrelation = (float)m.Peak.MassGripCorrelation;
        MassGripResidual = (float)Math.Sqrt(1 - m.Peak.MassGripCorrelation * m.Peak.MassGripCorrelation);
        Log2MedianRate = (float)Math.Log2(m.MassLoss.MedianRate[sex] * e.MassLoss[sex]);
        PersonalLog2Sigma = (float)(m.MassLoss.PersonalSigma / Math.Log(2));
        MinRate = (float)m.MassLoss.MinRate;
        MaxRate = (float)m.MassLoss.MaxRate;
        Menopause = sex == Sex.Female ? ((float)m.Menopause.AgeYears.Mean, (float)m.Menopause.AgeYears.Sd) : (float.PositiveInfinity, 0f);
        MassScaleKind = m.Definition.MassMeasure;

        int rows = plan.Rows;
        Scalars = new Physiology.YearScalars[rows];
        double cumulativeQualityDecline = 0;
        AgeCurve lambda = m.Strength.QualityDeclinePerYear[sex];
        double qualityRatio = e.QualityDecline[sex];
        double gamma = m.Gait.StrengthExponent[sex];
        double delta = m.Gait.AgeDeclinePerYear[sex];
        SarcopeniaDefinition d = m.Definition;
        for (int row = 0; row < rows; row++)
        {
            int age = cohort.StartAge + row;
            if (row > 0)
            {
                cumulativeQualityDecline += lambda.At(age) * qualityRatio;
            }

            double sigma = m.MassLoss.YearNoiseSigma;
            Scalars[row] = new Physiology.YearScalars
            {
                Age = age,
                Active = row > 0 && age > m.MassLoss.OnsetAge ? 1f : 0f,
                AccelerationBase = (float)(1 + (age >= m.MassLoss.OldAgeFrom ? m.MassLoss.OldAgeExtra : 0)),
                MenopauseExtra = sex == Sex.Female ? (float)m.Menopause.MassLossExtra : 0f,
                NoiseLog2Sigma = (float)(sigma / Math.Log(2)),
                NoiseLog2Bias = (float)(sigma * sigma / 2 / Math.Log(2)),
                MinLoss = (float)m.MassLoss.MinAnnualLoss,
                MaxLoss = (float)m.MassLoss.MaxAnnualLoss,
                Quality = (float)Math.Exp(-cumulativeQualityDecline),
                GaitExponent = (float)gamma,
                GaitAgeFactor = (float)Math.Exp(-delta * Math.Max(0, age - m.Gait.AgeDeclineFrom)),
                MassBound = d.LowMass.StrictBound(sex),
                GripBound = d.LowGrip.StrictBound(sex),
                GaitBound = d.LowGait.StrictBound(sex),
                Mortality = row > 0 && plan.Mortality,
                DeathProbability = row > 0 && m.Mortality.Table is { } table ? (float)table.ProbabilityOfDeath(sex, age - 1) : 0f,
                HazardRatio = (float)m.Mortality.SarcopeniaHazardRatio,
                SarcopenicCombinations = plan.SarcopenicCombinations,
            };
        }

        SquareRootGait = gamma == 0.5;
        Vectors = [.. Scalars.Select(s => new Physiology.YearVectors(s))];
    }

    public Sex Sex { get; }

    public Ancestry Ancestry { get; }

    public (float Mean, float Sd) Height { get; }

    public (float Mean, float Sd) Asmi { get; }

    public (float Mean, float Sd) Grip { get; }

    public (float Mean, float Sd) Gait { get; }

    public (float Mean, float Sd) Bmi { get; }

    public float MassGripCorrelation { get; }

    public float MassGripResidual { get; }

    /// <summary>log₂ of the median personal loss rate.</summary>
    public float Log2MedianRate { get; }

    /// <summary>The personal rate's log-scale SD in base 2: σ · log₂e.</summary>
    public float PersonalLog2Sigma { get; }

    public float MinRate { get; }

    public float MaxRate { get; }

    public (float Mean, float Sd) Menopause { get; }

    public MassMeasure MassScaleKind { get; }

    /// <summary>Per age row: the year step's scalars.</summary>
    public Physiology.YearScalars[] Scalars { get; }

    /// <summary>Per age row: <see cref="Scalars"/> broadcast to vectors once for the whole run, not for every block.</summary>
    public Physiology.YearVectors[] Vectors { get; }

    /// <summary>γ = 0.5: gait uses an exact square root.</summary>
    public bool SquareRootGait { get; }

    private static (float, float) Scaled(NormalSpec spec, double ratio) => ((float)(spec.Mean * ratio), (float)(spec.Sd * ratio));
}
