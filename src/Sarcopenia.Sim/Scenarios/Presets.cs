using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Scenarios;

/// <summary>
/// Named parameter sets. Every number below names its source beside it; docs/presets.md tabulates them and explains
/// why <see cref="Review2014"/> and <see cref="Evidence"/> differ. Tags: [R] read in the source or its abstract,
/// [R2] read in a secondary source, [D] derived (arithmetic in the comment), [A] an assumption where the literature
/// in the fact sheet gives no number (neutral where possible), [C] calibrated: fitted by scripts/calibrate-evidence.sh to
/// docs/research/targets/calibration-norms.csv (docs/calibration.md), from the starting value the comment cites.
/// </summary>
public static class Presets
{
    /// <summary>
    /// Calibrated to the literature (scripts/calibrate-evidence.sh): mass flat to ~50 then ~0.43–0.68 %/yr rising ~40 %
    /// after 70 (Janssen 2000, Kirk 2021, Mitchell 2012), strength as mass times a quality decline fitted to the international grip norms,
    /// Health ABC's Black/White strength-loss ratios, US 2021 mortality with the sarcopenia hazard ratios of Xu 2021 and Kitamura 2021,
    /// staged by EWGSOP2.
    /// </summary>
    public static ModelParameters Evidence { get; } = CreateEvidence();

    /// <summary>
    /// The source review's claims (Chin J Mult Organ Dis Elderly 2014;13(8):638): personal mass-loss rates of 1–5 %/yr
    /// from age 30 (attributed to Bortz), faster for women after 50 and for everyone after 70, staged by EWGSOP 2010.
    /// Everything the review does not quantify (peak traits, strength, gait, mortality) is taken from <see cref="Evidence"/>
    /// so that the two presets differ only where the review makes a claim.
    /// </summary>
    public static ModelParameters Review2014 { get; } = CreateReview2014();

    /// <summary>The reference workload RW1, exactly as docs/reference-workload.md (with <see cref="Population.CohortSpec"/> from <see cref="ReferenceWorkloadCohort"/>).</summary>
    public static ModelParameters ReferenceWorkload { get; } = CreateReferenceWorkload();

    /// <summary>Every preset.</summary>
    public static IReadOnlyList<ModelParameters> All { get; } = [Evidence, Review2014, ReferenceWorkload];

    /// <summary>RW1's cohort: <paramref name="people"/> people aged 30 to 100, even ids female, one ancestry.</summary>
    public static Population.CohortSpec ReferenceWorkloadCohort(long people) =>
        new(people) { StartAge = 30, EndAge = 100, Sexes = Population.SexAssignment.Alternating, Ancestry = Population.AncestryMix.European };

    /// <summary>Finds a preset by name, ignoring case and punctuation (<c>review-2014</c> finds Review2014; <c>RW1</c> finds ReferenceWorkload).</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists the names allowed.</exception>
    public static ModelParameters Get(string name)
    {
        string key = new([.. name.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return key == "RW1"
            ? ReferenceWorkload
            : All.FirstOrDefault(p => p.Name.ToUpperInvariant() == key)
              ?? throw new ArgumentException($"Unknown preset \"{name}\"; expected one of: {string.Join(", ", All.Select(p => p.Name))} (or RW1).", nameof(name));
    }

    private static ModelParameters CreateEvidence() => new()
    {
        Name = "Evidence",
        Description = "Calibrated to published norms (scripts/calibrate-evidence.sh: Kirk 2021, Mitchell 2012 and national DXA data for muscle mass; Tomkinson 2025 for grip; NHANES for BMI): muscle mass flat to about 50, then 0.43 %/yr (women) and 0.68 %/yr (men), 40 % faster after 70; grip centiles by age near the international norms; Health ABC race differences; US 2021 mortality; EWGSOP2 staging.",
        Sources =
        [
            "Janssen 2000 J Appl Physiol 89:81",
            "Kirk 2021 J Cachexia Sarcopenia Muscle 12:880",
            "Mitchell 2012 Front Physiol 3:260",
            "Goodpaster 2006 J Gerontol A 61:1059 (Health ABC)",
            "Tomkinson 2025 J Sport Health Sci 14:101014 (international grip norms)",
            "Bohannon & Andrews 2011 Physiotherapy 97:182 (gait norms)",
            "Sanada (Japanese DXA reference); Huang 2021 Aging 13:6066; Cheng 2014 J Bone Miner Metab 32:78",
            "Schoenaker 2014 Int J Epidemiol 43:1542 (menopause age)",
            "Beaudart 2014 J Clin Endocrinol Metab 99:4336 (vitamin D)",
            "Harman 2001 J Clin Endocrinol Metab 86:724 (testosterone)",
            "NCHS US Life Tables 2021; Xu 2021 (HR 2.00, meta-analysis of 56 studies); Kitamura 2021 J Cachexia Sarcopenia Muscle 12:30 (AWGS 2019, HR 2.15)",
            "Cruz-Jentoft 2019 Age Ageing 48:16 (EWGSOP2)",
        ],
        Peak = new PeakTraits(
            // NCD Risk Factor Collaboration, eLife 2016 (adult height, US / western Europe, cohorts born ~1990) [A: recalled, unverified].
            HeightM: new(new(1.63, 0.065), new(1.77, 0.07)),
            // [D] EWGSOP2 cut-offs 7.0 / 5.5 kg/m² sit 2 SD below the young reference (Cruz-Jentoft 2019 [R2]); young-adult SDs
            // 0.80–0.90 (men) and 0.57–0.66 (women) from Sanada and Huang 2021 [R]: mean = 7.0 + 2·0.85 = 8.7, 5.5 + 2·0.62 = 6.74.
            AsmiKgPerM2: new(new(6.74, 0.62), new(8.7, 0.85)),
            // [D] Tomkinson 2025 P50 at 30–34 (29.7 / 49.7 kg) [R2]; SD = (P90 − P10) / 2.563 = (38.0 − 21.8) / 2.563, (61.5 − 38.3) / 2.563.
            GripKg: new(new(29.7, 6.32), new(49.7, 9.05)),
            // Gait by decade, 30s: 1.34 (women) / 1.43 (men) m/s [R2, matches Bohannon & Andrews 2011]; SD 0.18 [A].
            GaitMps: new(new(1.34, 0.18), new(1.43, 0.18)),
            // US adults about 30 years old [A: NHANES-like values, unverified]; only FNIH's ALM/BMI uses BMI.
            Bmi: new(new(26.5, 4.4), new(27.0, 4.4)),
            // [A] No source in the fact sheet; a moderate positive correlation between lean mass and grip.
            MassGripCorrelation: 0.5)
        {
            // [A/D] ASM is largely explained by body size: age, height, weight and waist give R² 0.81 (men) and 0.71 (women)
            // in KNHANES DXA data (life-course fact sheet §2 [read]); the ASMI–BMI correlation itself is not in the fact sheet,
            // 0.6 is a moderate value consistent with that coupling.
            BmiAsmiCorrelation = 0.6,
        },
        // Sorkin 1999 (BLSA, longitudinal): 0.075 / 0.125 cm/yr (men / women) from 30 to 70, then 0.2 / 0.3 cm/yr [R2, derived].
        HeightLoss = HeightLoss.Sorkin1999,
        // [C] Weight apart from lean change, relative to the peak, fitted (scripts/calibrate-evidence.sh, block 4) to US
        // NHANES 2021–23 BMI means and centiles by age (Fryar 2025 [read]; calibration-norms.csv) from the starting curve
        // of NHANES mean weights over the 20–29 mean with the lean-linked loss added back (women 1.075, 1.103, 1.072, 1.045,
        // 0.993; men 1.098, 1.084, 1.094, 1.119, 1.098 at 45 … 85). Cross-sectional means include cohort effects (Barone
        // 2006 [read]).
        // κ = 2 kg of weight per kg of ASM [A]: ALM is a little under half of DXA lean mass, and lean tissue is taken to move
        // with it (Health ABC: lean change small against fat change in weight changers, Newman 2005 [read]).
        BodyWeight = new BodyWeight(
            new BySex<AgeCurve>(
                AgeCurve.FromKnots((30, 1.0), (45, 1.142), (55, 1.156), (65, 1.091), (75, 1.099), (85, 0.9714)),
                AgeCurve.FromKnots((30, 1.0), (45, 1.130), (55, 1.113), (65, 1.096), (75, 1.172), (85, 1.096))),
            KgPerKgAsm: 2.0),
        // DXA, dynamometer and timed walk with their published test–retest errors (Measurement.Dxa).
        Measurement = Measurement.Dxa,
        MassLoss = new MassLoss(
            // Absolute muscle mass is stable until about 50 (Janssen 2000 [R]; Kirk 2021: LM, ALM, ALMI stable until 50 [R]).
            OnsetAge: 50,
            // [C] Fitted (scripts/calibrate-evidence.sh, block 1) to ASM, ASMI and ALM/BMI by age, ALM and ALMI change
            // 50–70 (Kirk 2021 [R]) and longitudinal loss rates (Mitchell 2012 [R]; Chan 2022 and Kitamura for East Asians)
            // from Kirk's ALM change, 0.55 and 0.75 %/yr (1.8 kg of ~17 and 3.7 kg of ~26 from 50 to 70). The fit lands
            // between Kirk's ALM change and his near-flat ALMI change of women (−0.1 kg/m²), which reflects the shorter height
            // of older cohorts that a model without cohort effects cannot reproduce.
            MedianRate: new(0.004324, 0.006835),
            // [C] Between-person spread of the personal rate (log-scale SD), fitted in block 1 with the medians to the ASM and
            // ASMI SDs by age (calibration-norms.csv: Japanese, Chinese and Korean samples), from 0.5 [A]. Cross-sectional ASMI
            // SDs hardly widen from the 30s to the 60s+ (Zhejiang: 0.80 → 0.75 in men), so the personal rates cannot differ
            // much; the 4.7-year ASM change SD of 1.2 kg in Gallagher 2000 [R] is dominated by DXA error and only bounds it.
            PersonalSigma: 0.2245,
            MinRate: 0,
            MaxRate: 0.05,
            // [C] Fitted with the medians above, from Mitchell 2012 [R]: longitudinal loss at 75 is 0.80–0.98 %/yr (men) and
            // 0.64–0.70 %/yr (women): 0.9 / 0.75 = 1.2.
            OldAgeExtra: 0.3969,
            OldAgeFrom: 70,
            // [A] Year-to-year variation of the loss rate (log-scale SD), mean one.
            YearNoiseSigma: 0.5,
            MinAnnualLoss: 0,
            // RW1's cap on one year's loss (docs/reference-workload.md), kept as a safety bound.
            MaxAnnualLoss: 0.2),
        // Schoenaker 2014: pooled mean age at natural menopause 48.8 [R]; SD 4 (Kamal 2017; fact-sheet modelling suggestion) [R/D].
        // No extra mass loss: women lose less mass than men in every longitudinal source (Mitchell 2012 [R]).
        // Strength ratio 1: no change in grip across menopause (Greeves 1999 [R]).
        Menopause = new Menopause(new(48.8, 4.0), MassLossExtra: 0, StrengthRatio: 1.0),
        // [C] λ(age) at 50, 70 and 90 fitted (scripts/calibrate-evidence.sh, block 3) to the grip norms (Tomkinson 2025
        // centiles by age and sex at full weight, single-study norms at 0.2), grip change and Chan 2022's strength-to-mass
        // ratios, with the personal spread below, on the mass schedule above; the knot at 30 is the earlier hand fit to
        // Tomkinson's P50 (coordinate search, 30,000 people), which block 3 starts from.
        Strength = new Strength(new(
            AgeCurve.FromKnots((30, 0.0006), (50, 0.001284), (70, 0.005807), (90, 0.01597)),
            AgeCurve.FromKnots((30, 0.00163), (50, 0.003345), (70, 0.003395), (90, 0.01437))))
        {
            // [C] Fitted in block 3 to the spread of the grip centiles (Tomkinson 2025's P10 and P90 by age), from the start
            // value σ = √ln 2 = 0.83 of a log-normal multiplier with CV 1 (SD of slope ≈ mean slope: Newcastle 85+, Granic
            // 2016, with measurement noise removed; life-course fact sheet §5). The fitted 0.65 (CV 0.72) leaves room for the
            // year-to-year noise and measurement error that Newcastle's slopes also contain.
            PersonalSigma = 0.6453,
            // [A] Strength and mass decline are only loosely coupled: gaining lean mass did not preserve strength in Health
            // ABC (Goodpaster 2006 [R]); no correlation of the personal rates is published.
            MassRateCorrelation = 0.3,
        },
        // [D] Fitted to gait by decade (R2 table; Bohannon & Andrews 2011 extremes [R]): with γ = 0.3 (men) / 0.4 (women),
        // (grip/grip₀)^γ gives the 60s–70s; the 80s need a further 2.3 / 1.6 %/yr from 75.
        Gait = new Gait(StrengthExponent: new(0.4, 0.3), AgeDeclinePerYear: new(0.016, 0.023), AgeDeclineFrom: 75),
        Ancestries =
        [
            new AncestryEffects(
                Ancestry.EastAsian,
                // Height [A: NCD-RisC, recalled]: ~1.58 / 1.71 m vs 1.63 / 1.77 m.
                Height: new(0.969, 0.966),
                // [D] Young ASMI 6.1 / 7.95 kg/m² (Huang 2021; Cheng 2014 [R]) over the reference 6.74 / 8.7.
                Asmi: new(0.905, 0.914),
                // [D] KNHANES peak grip 27.2 / 46.0 kg (Ann Geriatr Med Res 2019 [R]) over 29.7 / 49.7.
                Grip: new(0.916, 0.925),
                // [C] Block 5, fitted to the Japanese usual gait at 65+ (Seino 2014, TMIG-LISA, n = 4,683 [read]: 1.25 (0.27) m/s
                // in women, 1.29 (0.25) in men; calibration-norms.csv), from 1 (Andrews 2023 [R2]: gait norms do not vary by
                // world region). The ratio scales mean and SD alike; the fit balances the mean (1.31 against 1.25 in women)
                // with the SD (0.25 against 0.27).
                Gait: new(1.164, 1.078),
                // [C] Block 4, fitted to Japanese BMI means at 65–94 (Seino 2015 [R]: 22.7 / 23.4), from 0.87 [A]; the reference BMI spread is kept, so East Asian SDs stay wide.
                Bmi: new(0.7766, 0.7872),
                // [C] Block 2, fitted to the longitudinal mass-loss rates only (Chan 2022, Taiwan, DXA, ≥60 [read]; Japanese
                // 6-year DXA follow-up by decade, calibration-norms.csv), from Chan 2022's direct ratios 0.7 / 0.8 (limb muscle
                // −3.4 to −4.4 %/decade in women and −5.0 to −7.1 in men over the reference's 0.55 and 0.75 %/yr). Rates only:
                // the East Asian levels mix BIA and DXA samples and cross-sectional ages, which cannot identify a rate
                // (docs/calibration.md). Japanese men lose 0.2–0.3 %/yr in their 50s and 60s, hence men's low ratio.
                MassLoss: new(0.8292, 0.5457),
                QualityDecline: new(1.0, 1.0)),
            new AncestryEffects(
                Ancestry.African,
                Height: new(1.0, 1.0),
                // Black men +2.43 kg (~5 %) lean mass (Araujo 2010 [R]); Black women's leg LMI +15 % (Hinton 2017 [R]) → ~+8 % ASMI [D].
                Asmi: new(1.08, 1.05),
                // No racial difference in grip (Araujo 2010 [R]); Black women's grip not lower (Rantanen 1998 [R]).
                Grip: new(1.0, 1.0),
                // Slower gait despite more ALM (BLSA, J Gerontol A 2020 [R]); magnitude 5 % [A].
                Gait: new(0.95, 0.95),
                Bmi: new(1.05, 1.0),
                // [D] Health ABC knee-extensor loss Black/White: 3.0/2.6 (women), 4.1/3.4 (men) (Goodpaster 2006 [R]), applied to
                // both mass loss (larger FFM loss in Black adults, Obisesan 2005 [R]) and quality, so total strength decline scales by it.
                MassLoss: new(1.154, 1.206),
                QualityDecline: new(1.154, 1.206)),
            new AncestryEffects(
                Ancestry.SouthAsian,
                Height: new(0.95, 0.96),
                // [A] As East Asian: no South Asian DXA reference in the fact sheet.
                Asmi: new(0.905, 0.914),
                // [D] Developing-region grip Z = −0.85 vs British centiles (Dodds 2016 [R]); lowest in South Asia (Leong 2016 [R]):
                // (29.7 − 0.85·6.32) / 29.7, (49.7 − 0.85·9.05) / 49.7.
                Grip: new(0.82, 0.845),
                Gait: new(1.0, 1.0),
                Bmi: new(0.9, 0.9),
                MassLoss: new(1.0, 1.0),
                QualityDecline: new(1.0, 1.0)),
            new AncestryEffects(
                Ancestry.HispanicLatino,
                Height: new(0.97, 0.965),
                // Muscle at the age-27 breakpoint ranks African American > White > Hispanic > Asian (Silva 2010 [R]); 3 % [A].
                Asmi: new(0.97, 0.97),
                // Grip intermediate in South America (Leong 2016 [R]); 5 % [A].
                Grip: new(0.95, 0.95),
                Gait: new(1.0, 1.0),
                Bmi: new(1.04, 1.04),
                // After the breakpoint Hispanic women lose the least and Hispanic men the most (Silva 2010 [R]); ±10 % [A].
                MassLoss: new(0.9, 1.1),
                QualityDecline: new(1.0, 1.0)),
        ],
        Mechanisms = EvidenceMechanisms(),
        // NCHS 2021 life table. All-cause mortality HR 2.00 (1.71–2.34) for sarcopenia, "independent of population and
        // definition" (Xu 2021, 56 studies [read]); AWGS 2019's own 2.15, the mean of Kitamura 2021's men (2.0) and women
        // (2.3) [read]. The hazard applies to the measured stage, as in the cohorts, and the baseline is scaled so deaths add
        // up to the table (Mortality).
        Mortality = new Mortality(LifeTables.UnitedStates2021, 2.00)
        {
            HazardRatios = [new DefinitionHazardRatio("AWGS2019", 2.15, "Kitamura 2021 (Japan, AWGS 2019, 5.8 y): men 2.0 (1.2-3.5), women 2.3 (1.1-4.9)")],
        },
        Definition = Definitions.Ewgsop2,
    };

    // The review's mechanisms. Where the fact sheet gives no quantitative effect on the annual loss rate or strength, the
    // effect is neutral (1) and says so: users can set their own and the scenario files reach every field.
    private static EquatableArray<Mechanism> EvidenceMechanisms() =>
    [
        new Mechanism(
            "PhysicalInactivity",
            // Insufficient activity: 31.7 % of women, 23.4 % of men worldwide (Guthold 2018 Lancet Glob Health [A: recalled]).
            new(AgeCurve.Constant(0.317), AgeCurve.Constant(0.234)),
            LossRateRatio: 1.0,
            StrengthRatio: 1.0,
            Source: "Prevalence: Guthold 2018 (recalled, unverified). Effect neutral: no quantitative effect of habitual activity on the annual loss rate in the evidence base; review mechanism 1."),
        new Mechanism(
            "LowProteinIntake",
            new(AgeCurve.Constant(0.3), AgeCurve.Constant(0.3)),
            LossRateRatio: 1.0,
            StrengthRatio: 1.0,
            Source: "Prevalence 30 % [A]. Effect neutral: protein alone has no effect without training (Cermak 2012; Morton 2018); review mechanism 3."),
        new Mechanism(
            "VitaminDDeficiency",
            new(AgeCurve.Constant(0.4), AgeCurve.Constant(0.4)),
            LossRateRatio: 1.0,
            // [D] Supplementation raises strength by SMD 0.17 and not mass (Beaudart 2014 [R]); SMD × grip CV 0.16 ≈ 2.7 %.
            StrengthRatio: 0.973,
            Source: "Prevalence 40 % [A]. Strength ratio 0.973 derived from Beaudart 2014 (SMD 0.17 × grip CV); no effect on mass (same meta-analysis); review mechanism 4."),
        new Mechanism(
            "AdiposityInflammation",
            new(AgeCurve.Constant(0.35), AgeCurve.Constant(0.35)),
            LossRateRatio: 1.0,
            StrengthRatio: 1.0,
            Source: "Prevalence 35 % [A]. Effect neutral: the review names IL-6, TNF-alpha and leptin but no effect size; review mechanism 5."),
        new Mechanism(
            "InsulinResistance",
            new(AgeCurve.FromKnots((30, 0.1), (60, 0.3), (80, 0.4)), AgeCurve.FromKnots((30, 0.1), (60, 0.3), (80, 0.4))),
            LossRateRatio: 1.0,
            StrengthRatio: 1.0,
            Source: "Prevalence curve [A]. Effect neutral: no effect size in the evidence base; review mechanism 4."),
        new Mechanism(
            "LowTestosterone",
            // Hypogonadal total T in ~20 % of men over 60, 30 % over 70, 50 % over 80 (Harman 2001 [R]); not applicable to women.
            new(AgeCurve.Constant(0.0), AgeCurve.FromKnots((50, 0.0), (60, 0.2), (70, 0.3), (80, 0.5))),
            LossRateRatio: 1.0,
            StrengthRatio: 1.0,
            Source: "Prevalence: Harman 2001 (BLSA). Effect neutral: the review calls the effect of testosterone uncertain; review mechanism 4."),
    ];

    private static ModelParameters CreateReview2014() => Evidence with
    {
        Name = "Review2014",
        Description = "The source review's claims: personal mass-loss rates of 1-5 %/yr from age 30, faster for women after 50 and for everyone after 70, EWGSOP 2010 staging; everything else as the Evidence preset.",
        Sources =
        [
            "Source review, Chin J Mult Organ Dis Elderly 2014;13(8):638 ([4] Bortz: 1-5 %/yr after 30; [5] women after 50, everyone after 70; [2,3] EWGSOP staging)",
            "Accelerations +0.5 after 50 (women) and 70 (all) as the project's reading of the review in RW1 (docs/reference-workload.md)",
            "Everything else: the Evidence preset's sources",
        ],
        MassLoss = new MassLoss(
            // Review [4]: "1–5 % per year after age 30".
            OnsetAge: 30,
            // [D] Median 1.5 %/yr and log-SD 0.35 put most personal rates inside 1–5 %; clamps are the review's range (as RW1).
            MedianRate: new(0.015, 0.015),
            PersonalSigma: 0.35,
            MinRate: 0.01,
            MaxRate: 0.05,
            // Review [5]: fibre number and area fall markedly after 70; +0.5 as RW1.
            OldAgeExtra: 0.5,
            OldAgeFrom: 70,
            YearNoiseSigma: 0.25,
            // The review's range bounds every year's loss, so realized annual rates stay within 1–5 %.
            MinAnnualLoss: 0.01,
            MaxAnnualLoss: 0.05),
        // Review [5]: women lose fastest after 50; +0.5 as RW1.
        Menopause = new Menopause(NormalSpec.Fixed(50), MassLossExtra: 0.5, StrengthRatio: 1.0),
        // The review stages by EWGSOP 2010 [2,3].
        Definition = Definitions.Ewgsop2010,
    };

    private static ModelParameters CreateReferenceWorkload() => new()
    {
        Name = "ReferenceWorkload",
        Description = "RW1, the benchmark model of docs/reference-workload.md: peak traits, a personal 1-5 %/yr loss rate with accelerations, constant quality decline, gait from the square root of relative grip, no mortality.",
        Sources = ["docs/reference-workload.md (RW1)"],
        Peak = new PeakTraits(
            HeightM: new(NormalSpec.Fixed(1.62), NormalSpec.Fixed(1.75)),
            // ASM0 ~ N(17.0, 2.2) (women), N(25.5, 3.2) (men) with fixed heights: ASMI0 = ASM0 / h².
            AsmiKgPerM2: new(new(17.0 / (1.62 * 1.62), 2.2 / (1.62 * 1.62)), new(25.5 / (1.75 * 1.75), 3.2 / (1.75 * 1.75))),
            GripKg: new(new(31, 5), new(49, 7)),
            GaitMps: new(new(1.35, 0.15), new(1.35, 0.15)),
            // RW1 has no BMI; a fixed value keeps ALM/BMI defined if a user switches the definition.
            Bmi: new(NormalSpec.Fixed(25), NormalSpec.Fixed(25)),
            MassGripCorrelation: 0),
        MassLoss = new MassLoss(
            OnsetAge: 30,
            MedianRate: new(0.015, 0.015),
            PersonalSigma: 0.35,
            MinRate: 0.01,
            MaxRate: 0.05,
            OldAgeExtra: 0.5,
            OldAgeFrom: 70,
            YearNoiseSigma: 0.25,
            MinAnnualLoss: 0,
            MaxAnnualLoss: 0.2),
        Menopause = new Menopause(NormalSpec.Fixed(50), MassLossExtra: 0.5, StrengthRatio: 1.0),
        Strength = new Strength(new(AgeCurve.Constant(0.008), AgeCurve.Constant(0.010))),
        Gait = new Gait(StrengthExponent: new(0.5, 0.5), AgeDeclinePerYear: new(0, 0), AgeDeclineFrom: 0),
        Definition = Definitions.ReferenceWorkload,
    };
}
