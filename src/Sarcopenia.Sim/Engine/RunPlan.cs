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
    /// <summary>Plans a run; with mortality, the baseline death probabilities come from <paramref name="baseline"/> (by group and row) if given, else from the life table unscaled.</summary>
    public RunPlan(ModelParameters model, CohortSpec cohort, ulong seed, TraitSet statistics, bool standardDeviations, TraitSet histograms, float[][]? baseline = null)
    {
        Model = model;
        Cohort = cohort;
        Seed = seed;
        Statistics = statistics;
        StandardDeviations = standardDeviations;
        Histograms = histograms;
        Layout = new ResultLayout(cohort.StartAge, cohort.Years + 1);
        FirstAge = Math.Min(cohort.StartAge, model.Peak.Age);
        FirstReportedRow = cohort.StartAge - FirstAge;
        Rows = cohort.EndAge - FirstAge + 1;
        Mortality = model.Mortality.Table is not null;
        HazardRatio = model.Mortality.HazardRatioFor(model.Definition.Name);
        Measured = model.Measurement is not null;
        PersonalQuality = model.Strength.PersonalSigma > 0;
        SarcopenicCombinations = model.Definition.CombinationsAtLeast(Stage.Sarcopenia);
        AncestryThresholds = cohort.Ancestry.CumulativeThresholds();
        int[] occupied = [.. Enumerable.Range(0, AncestryMix.AncestryCount).Where(k => cohort.Ancestry.Weights[k] > 0)];
        OnlyAncestry = occupied.Length == 1 ? occupied[0] : null;
        FemaleFraction = (float)cohort.FemaleFraction;
        Families = FamilyLayout.Of(cohort.Families);
        Genetics = Families.Any ? new GeneticsPlan(model.Genetics, model.Peak, model.Strength) : null;
        Groups = new GroupPlan[ResultLayout.GroupCount];
        for (int g = 0; g < Groups.Length; g++)
        {
            Groups[g] = new GroupPlan(this, ResultLayout.SexOf(g), ResultLayout.AncestryOf(g), baseline?[g]);
        }

        var active = new List<MechanismPlan>();
        for (int k = 0; k < model.Mechanisms.Length; k++)
        {
            Mechanism m = model.Mechanisms[k];
            if (m.LossRateRatio != 1 || m.StrengthRatio != 1)
            {
                active.Add(new MechanismPlan(k, (float)m.LossRateRatio, (float)m.StrengthRatio,
                    Prevalences(m.Prevalence.Female), Prevalences(m.Prevalence.Male), (float)(1 / (m.WaningHalfLifeYears ?? double.PositiveInfinity)))
                {
                    Screened = m.Screening is not null,
                    ScreenedCombinations = m.Screening is { } screening ? model.Definition.CombinationsIn(screening.Stages) : 0,
                    LastScreenedAge = m.Screening?.LastAge ?? int.MaxValue,
                });
            }
        }

        Mechanisms = [.. active];
        MenopauseStrengthRatio = (float)model.Menopause.StrengthRatio;
        UpdatesMultipliers = Mechanisms.Length > 0 || MenopauseStrengthRatio != 1f;
        ScreensStages = Mechanisms.Any(m => m.Screened);
        StoresCombinations = ScreensStages;
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

    /// <summary>
    /// The age of simulated row 0: the peak age, or the cohort's start age if that is younger. Everyone is simulated from
    /// here, so that a cohort starting at 65 carries the history of the years since its peak.
    /// </summary>
    public int FirstAge { get; }

    /// <summary>The simulated row of the cohort's start age, the first row reported (row 0 of <see cref="Layout"/>).</summary>
    public int FirstReportedRow { get; }

    /// <summary>Simulated age rows: <see cref="FirstAge"/> and every age reached after it, to the cohort's end age.</summary>
    public int Rows { get; }

    /// <summary>Whether simulated row <paramref name="row"/> is reported (accumulated into the tables).</summary>
    public bool IsReported(int row) => row >= FirstReportedRow;

    public bool Mortality { get; }

    /// <summary>The mortality hazard ratio of sarcopenia under the run's definition.</summary>
    public double HazardRatio { get; }

    /// <summary>Whether staging uses measured values (<see cref="ModelParameters.Measurement"/>).</summary>
    public bool Measured { get; }

    /// <summary>Whether each person has their own multiplier of the quality decline.</summary>
    public bool PersonalQuality { get; }

    public int SarcopenicCombinations { get; }

    public float[] AncestryThresholds { get; }

    /// <summary>The ancestry of everyone when the mix has a single one (its draw then cannot change anything).</summary>
    public int? OnlyAncestry { get; }

    public float FemaleFraction { get; }

    /// <summary>The cohort's families (none unless the cohort has some).</summary>
    public FamilyLayout Families { get; }

    /// <summary>
    /// Whether family members' genotypes are recorded (every variant's is then drawn); otherwise only the variants with
    /// an effect in a person's group are, which changes no result (each variant's draws have their own counters).
    /// </summary>
    public bool RecordsGenotypes { get; init; }

    /// <summary>The variance components and genes of family members; <see langword="null"/> without families, whose people keep their independent draws.</summary>
    public GeneticsPlan? Genetics { get; }

    public GroupPlan[] Groups { get; }

    /// <summary>
    /// The width the kernels run at, in bits (see <see cref="Numerics.VectorWidth"/>): the machine's widest unless the
    /// run caps it (<see cref="RunOptions.MaxVectorBits"/>). Results do not depend on it.
    /// </summary>
    public int VectorBits { get; init; } = Numerics.VectorWidth.Widest;

    /// <summary>Mechanisms with a non-neutral effect (neutral ones cannot change any result).</summary>
    public MechanismPlan[] Mechanisms { get; }

    public float MenopauseStrengthRatio { get; }

    /// <summary>Whether the per-person rate and strength multipliers change with age.</summary>
    public bool UpdatesMultipliers { get; }

    /// <summary>
    /// Whether an exposure starts by measured stage (<see cref="MechanismPlan.Screened"/>): every year step then stores
    /// each person's deficit combination, which the exposure step reads at the start of the next year.
    /// </summary>
    public bool ScreensStages { get; }

    /// <summary>
    /// Whether every year step stores each person's deficit combination in its column (screening needs it; a caller that
    /// steps row by row may ask for it, as <see cref="MortalityBaseline"/>'s stage histories do). Storing changes no result.
    /// </summary>
    public bool StoresCombinations { get; init; }

    /// <summary>The age of simulated row <paramref name="row"/>.</summary>
    public int AgeOf(int row) => FirstAge + row;

    private float[] Prevalences(AgeCurve curve)
    {
        var p = new float[Rows];
        for (int row = 0; row < p.Length; row++)
        {
            p[row] = (float)curve.At(AgeOf(row));
        }

        return p;
    }
}

/// <summary>A mechanism's effects and its prevalence at each age row, by sex.</summary>
internal sealed record MechanismPlan(int Index, float LossRateRatio, float StrengthRatio, float[] FemalePrevalence, float[] MalePrevalence, float HalvingsPerYear)
{
    /// <summary>Whether the exposure starts by measured stage (<see cref="StageScreening"/>), not at the first age the prevalence allows.</summary>
    public bool Screened { get; init; }

    /// <summary>With <see cref="Screened"/>: bit <c>c</c> is set when deficit combination <c>c</c> is a stage that qualifies (never bit 8, the dead).</summary>
    public int ScreenedCombinations { get; init; }

    /// <summary>With <see cref="Screened"/>: the last age at which anyone starts the exposure.</summary>
    public int LastScreenedAge { get; init; }
}

/// <summary>The single-precision scalars and schedules of one sex × ancestry group.</summary>
internal sealed class GroupPlan
{
    public GroupPlan(RunPlan plan, Sex sex, Ancestry ancestry, float[]? baseline)
    {
        ModelParameters m = plan.Model;
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
        BmiAsmiCorrelation = (float)m.Peak.BmiAsmiCorrelation;
        BmiAsmiResidual = (float)Math.Sqrt(1 - m.Peak.BmiAsmiCorrelation * m.Peak.BmiAsmiCorrelation);
        QualityLog2Sigma = (float)(m.Strength.PersonalSigma / Math.Log(2));
        QualityRateCorrelation = (float)m.Strength.MassRateCorrelation;
        QualityRateResidual = (float)Math.Sqrt(1 - m.Strength.MassRateCorrelation * m.Strength.MassRateCorrelation);
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
        Measurement? measurement = m.Measurement;
        for (int row = 0; row < rows; row++)
        {
            int age = plan.AgeOf(row);
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
                Log2Quality = (float)(-cumulativeQualityDecline / Math.Log(2)),
                PersonalQuality = plan.PersonalQuality,
                Measured = measurement is not null,
                MassBias = (float)(measurement?.Mass.Bias[sex] ?? 1),
                MassCv = (float)(measurement?.Mass.Cv[sex] ?? 0),
                GripSem = (float)(measurement?.GripSemKg[sex] ?? 0),
                GaitSem = (float)(measurement?.GaitSemMps ?? 0),
                GaitExponent = (float)gamma,
                GaitAgeFactor = (float)Math.Exp(-delta * Math.Max(0, age - m.Gait.AgeDeclineFrom)),
                MassBound = d.LowMassFor(measurement?.Mass.Name).StrictBound(sex),
                GripBound = d.LowGrip.StrictBound(sex),
                GaitBound = d.LowGait.StrictBound(sex),
                // The cohort is the people alive at its start age: nobody dies in the unreported years before it.
                Mortality = row > plan.FirstReportedRow && plan.Mortality,
                DeathProbability = row > plan.FirstReportedRow && m.Mortality.Table is { } table
                    ? baseline?[row] ?? (float)table.ProbabilityOfDeath(sex, age - 1)
                    : 0f,
                HazardRatio = (float)plan.HazardRatio,
                TracksStage = plan.Mortality && row >= plan.FirstReportedRow,
                SarcopenicCombinations = plan.SarcopenicCombinations,
            };
        }

        SquareRootGait = gamma == 0.5;
        Broadcasts = [.. Scalars.Select(s => new Physiology.YearBroadcasts(s))];
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

    /// <summary>Correlation of the peak BMI's normal score with the peak ASM index's.</summary>
    public float BmiAsmiCorrelation { get; }

    /// <summary>√(1 − ρ²) for <see cref="BmiAsmiCorrelation"/>.</summary>
    public float BmiAsmiResidual { get; }

    /// <summary>The personal quality multiplier's log-scale SD in base 2: σ_q · log₂e.</summary>
    public float QualityLog2Sigma { get; }

    /// <summary>Correlation of the quality multiplier's normal score with the mass-loss rate's.</summary>
    public float QualityRateCorrelation { get; }

    /// <summary>√(1 − ρ²) for <see cref="QualityRateCorrelation"/>.</summary>
    public float QualityRateResidual { get; }

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
    public Physiology.YearBroadcasts[] Broadcasts { get; }

    /// <summary>Sets the baseline death probability of the year that ends at row <paramref name="row"/> (used while the baseline is being solved).</summary>
    public void SetDeathProbability(int row, float probability)
    {
        Scalars[row] = Scalars[row] with { DeathProbability = probability };
        Broadcasts[row] = new Physiology.YearBroadcasts(Scalars[row]);
    }

    /// <summary>γ = 0.5: gait uses an exact square root.</summary>
    public bool SquareRootGait { get; }

    private static (float, float) Scaled(NormalSpec spec, double ratio) => ((float)(spec.Mean * ratio), (float)(spec.Sd * ratio));
}
