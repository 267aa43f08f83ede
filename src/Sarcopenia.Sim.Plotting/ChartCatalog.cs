using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Every chart kind by name, so a command line or report can draw "the full set" or one kind:
/// <c>ChartCatalog.WriteAll(inputs, folder)</c> or <c>ChartCatalog.Get("stages").Write(new ChartInputs(result), folder)</c>.
/// </summary>
/// <remarks>
/// <para>Charts draw what the result holds: a kind drawn per sex draws only the sexes in the cohort
/// (<see cref="SimulationResult.Sexes"/>), and ages with fewer than <see cref="Survivors.MinimumAlive"/> people alive
/// are left out.</para>
/// <para>Run with <c>RunOptions.Histograms = ChartCatalog.RequiredHistograms</c> so that every kind can draw centile
/// bands. The catalog only draws: the <c>lives</c>, <c>definitions</c> and <c>presets</c> kinds draw from lives and
/// comparisons the caller prepared in <see cref="ChartInputs"/> (<see cref="ChartKind.Preparation"/>), with
/// <see cref="Simulation.TraceLives"/> and <see cref="Simulation.Compare"/> of <see cref="ComparedDefinitions"/> and
/// <see cref="ComparedPresets"/> on the result's cohort and seed, so that they compare the same people.</para>
/// </remarks>
public static class ChartCatalog
{
    // The traits a decline chart is drawn for; the loss rate has its own chart.
    private static readonly Trait[] s_declineTraits = [Trait.Asm, Trait.Asmi, Trait.Grip, Trait.Gait];

    // Lives are drawn on ASMI: the mass measure of most definitions, so its cut-off can be drawn under the lives.
    private const Trait LivesTrait = Trait.Asmi;

    /// <summary>
    /// The trait the <c>presets</c> kind compares: presets differ in how fast mass is lost, so they are compared on mass
    /// itself. Its comparison's arms accumulate statistics and a histogram of this trait.
    /// </summary>
    public const Trait PresetTrait = Trait.Asm;

    /// <summary>The definitions the <c>definitions</c> kind compares, the first as the comparison's baseline: the four in wide use.</summary>
    public static IReadOnlyList<SarcopeniaDefinition> ComparedDefinitions { get; } =
        [Staging.Definitions.Ewgsop2010, Staging.Definitions.Ewgsop2, Staging.Definitions.Awgs2019, Staging.Definitions.Fnih];

    /// <summary>The presets the <c>presets</c> kind compares: the review's 1–5 %/yr claim, then the literature.</summary>
    public static IReadOnlyList<ModelParameters> ComparedPresets { get; } = [Scenarios.Presets.Review2014, Scenarios.Presets.Evidence];

    /// <summary>Decline charts: ASM, ASMI, grip and gait against age with centile bands, cut-offs and reference norms.</summary>
    public static ChartKind Decline { get; } = new(
        "decline",
        "ASM, ASMI, grip and gait against age: centile bands and median by sex, the definition's cut-offs, published grip norms.",
        TraitSet.Asm | TraitSet.Asmi | TraitSet.Grip | TraitSet.Gait,
        ChartPreparation.None,
        inputs => s_declineTraits.Select(trait => new Chart(
            $"decline-{Slug(trait)}",
            $"{Describe.Name(trait)} by age for women and men: p5–p95 and p25–p75 bands and median" +
            (Describe.CutoffFor(inputs.Result.Definition, trait) is null ? "" : $", with the {inputs.Result.Definition.Name} cut-off") +
            (trait == Trait.Grip ? " and the published international grip norms." : "."),
            DeclineCharts.Decline(inputs.Result, trait))));

    /// <summary>Individual lives replayed exactly over the population's ASMI centile bands, one chart per sex.</summary>
    public static ChartKind Lives { get; } = new(
        "lives",
        "A handful of individual lives, replayed exactly, over the population's ASMI centile bands (one chart per sex).",
        TraitSet.Asmi,
        ChartPreparation.Lives,
        inputs => inputs.Result.Sexes.Select(sex =>
        {
            PersonLife[] lives = [.. inputs.Lives!.Where(l => l.Sex == sex)];
            return new Chart(
                $"lives-{Slug(sex)}",
                $"{lives.Length} simulated {Describe.Plural(sex)}, replayed exactly, over the population's ASMI bands: personal decline rates cross centiles.",
                DeclineCharts.Lives(inputs.Result, LivesTrait, sex, lives));
        }));

    /// <summary>Stage prevalence by age as stacked areas, one chart per sex.</summary>
    public static ChartKind Stages { get; } = new(
        "stages",
        "Stage prevalence by age under the run's definition, as stacked areas (one chart per sex).",
        TraitSet.None,
        ChartPreparation.None,
        inputs => inputs.Result.Sexes.Select(sex => new Chart(
            $"stages-{Slug(sex)}",
            $"Share of living {Describe.Plural(sex)} in each {inputs.Result.Definition.Name} stage by age, stacked with the most severe at the bottom.",
            PrevalenceCharts.Stages(inputs.Result, sex))));

    /// <summary>Sarcopenia prevalence by age of the same people under EWGSOP 2010, EWGSOP2, AWGS 2019 and FNIH.</summary>
    public static ChartKind Definitions { get; } = new(
        "definitions",
        "Sarcopenia prevalence by age of the same people under EWGSOP 2010, EWGSOP2, AWGS 2019 and FNIH (needs a rerun of the cohort).",
        TraitSet.None,
        ChartPreparation.Definitions,
        inputs => inputs.Result.Sexes.Select(sex => new Chart(
            $"definitions-{Slug(sex)}",
            $"Sarcopenia (confirmed or severe) among the same {Describe.Plural(sex)} under four definitions: the definition changes prevalence several-fold.",
            PrevalenceCharts.ByDefinition(inputs.Definitions!, sex))));

    /// <summary>Review2014 against Evidence on the same people: mean ASM and its p5–p95 band, one chart per sex.</summary>
    public static ChartKind Presets { get; } = new(
        "presets",
        "The review's 1–5 %/yr (Review2014) against the literature (Evidence) on the same people: mean ASM and p5–p95 band (needs a rerun of the cohort; one chart per sex).",
        TraitSet.None,
        ChartPreparation.Presets,
        inputs => inputs.Result.Sexes.Select(sex => new Chart(
            $"presets-{Slug(sex)}",
            $"Muscle mass of the same {Describe.Plural(sex)} under the review's claim (Review2014) and the literature (Evidence): mean and p5–p95 band.",
            PresetCharts.Compare(inputs.Presets!, PresetTrait, sex))));

    /// <summary>The distribution of annual mass loss by age band and sex against the review's 1–5 %/yr.</summary>
    public static ChartKind LossRates { get; } = new(
        "loss-rates",
        "The distribution of the mass people lose in a year, by age band and sex, against the review's 1–5 %/yr.",
        TraitSet.LossRate,
        ChartPreparation.None,
        inputs => [new Chart(
            "loss-rates",
            "Annual muscle-mass loss by age band and sex (p5, p25, median, p75, p95) against the review's claimed 1–5 %/yr.",
            LossRateCharts.Distribution(inputs.Result))]);

    /// <summary>Every kind, in the order a report shows them.</summary>
    public static IReadOnlyList<ChartKind> All { get; } = [Decline, Lives, Stages, Definitions, Presets, LossRates];

    /// <summary>The kinds' names, for command-line help.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The histograms a run needs for every kind (pass as <see cref="RunOptions.Histograms"/>).</summary>
    public static TraitSet RequiredHistograms { get; } = All.Aggregate(TraitSet.None, (set, kind) => set | kind.RequiredHistograms);

    /// <summary>Finds a kind by name, ignoring case.</summary>
    /// <exception cref="ArgumentException">No kind has that name; the message lists the names allowed.</exception>
    public static ChartKind Get(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown chart kind \"{name}\"; expected one of: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// Builds the charts of every kind whose inputs <paramref name="inputs"/> holds; the caller disposes them. Kinds
    /// whose prepared inputs are missing are skipped (<see cref="ChartKind.Unavailable(ChartInputs)"/> says why).
    /// </summary>
    /// <exception cref="InvalidOperationException">The result lacks a histogram in <see cref="RequiredHistograms"/>.</exception>
    public static IReadOnlyList<Chart> BuildAll(ChartInputs inputs) =>
        [.. Drawable(inputs).SelectMany(kind => kind.Build(inputs))];

    /// <summary>
    /// Builds the charts of every kind whose inputs <paramref name="inputs"/> holds and writes each as PNG and/or SVG
    /// in <paramref name="directory"/>; kinds whose prepared inputs are missing are skipped, as in <see cref="BuildAll"/>.
    /// </summary>
    /// <returns>The full paths written, in catalog order.</returns>
    /// <exception cref="InvalidOperationException">The result lacks a histogram in <see cref="RequiredHistograms"/>.</exception>
    public static IReadOnlyList<string> WriteAll(ChartInputs inputs, string directory, ChartFormat formats = ChartFormat.All, ChartOptions? options = null) =>
        [.. Drawable(inputs).SelectMany(kind => kind.Write(inputs, directory, formats, options))];

    // Checked before drawing anything so that a run without histograms writes no partial chart set; a missing prepared
    // input is the caller's choice (it costs simulation time), so that kind alone is left out.
    private static ChartKind[] Drawable(ChartInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        TraitSet missing = RequiredHistograms & ~inputs.Result.Histograms;
        if (missing != TraitSet.None)
        {
            throw new InvalidOperationException(
                $"The full chart set needs histograms of {missing}; run with {nameof(RunOptions)}.{nameof(RunOptions.Histograms)} = {nameof(ChartCatalog)}.{nameof(RequiredHistograms)}.");
        }

        return [.. All.Where(kind => kind.Unavailable(inputs) is null)];
    }

    private static string Slug(Trait trait) => trait.ToString().ToLowerInvariant();

    private static string Slug(Sex sex) => sex.ToString().ToLowerInvariant();
}
