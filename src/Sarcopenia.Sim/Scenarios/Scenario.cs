using System.Text.Json.Serialization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Scenarios;

/// <summary>
/// A complete, resolved scenario: the model, the cohort, the seed and what to accumulate. Scenario files hold a
/// partial version of this record whose missing fields come from the preset named by <see cref="BasedOn"/>; see
/// <c>IO.ScenarioFile</c>. Run it with <see cref="Simulation.Run(Scenario, RunOptions?)"/>.
/// </summary>
public sealed record Scenario
{
    /// <summary>The seed used when a scenario file gives none: the source review's publication date, 2014-11-30.</summary>
    public const ulong DefaultSeed = 20141130;

    /// <summary>The cohort size used when a scenario file gives none: enough for prevalence to about ±0.5 points by age band.</summary>
    public const long DefaultPeople = 100_000;

    /// <summary>The preset used when a scenario file names none.</summary>
    public const string DefaultPreset = "Evidence";

    /// <summary>The JSON Schema the file declares, if any (editors use it for completion); not used by the simulation.</summary>
    [JsonPropertyName("$schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    /// <summary>A short human-readable name, shown in summaries and manifests.</summary>
    public string Name { get; init; } = "Unnamed scenario";

    /// <summary>What the scenario represents.</summary>
    public string Description { get; init; } = "";

    /// <summary>The preset whose values fill every field the file leaves out (see <see cref="Presets.Get"/>).</summary>
    public string BasedOn { get; init; } = DefaultPreset;

    /// <summary>The seed: every random draw is a pure function of (seed, stream, person, year).</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>The model parameters, the sarcopenia definition included.</summary>
    public required ModelParameters Model { get; init; }

    /// <summary>The cohort.</summary>
    public CohortSpec Cohort { get; init; } = new(DefaultPeople);

    /// <summary>Which traits get statistics and centiles.</summary>
    public ScenarioOutputs Outputs { get; init; } = new();

    /// <summary>
    /// The <see cref="SimulationResult.RunHash"/> that every run of this scenario, and every shard of it, has: computed
    /// without running, so that partial results found on disk can be checked against the scenario they claim to be of.
    /// </summary>
    public string RunHash() =>
        RunIdentity.Hash(Model, Cohort, Seed, ScenarioOutputs.ToSet(Outputs.Statistics), Outputs.StandardDeviations, ScenarioOutputs.ToSet(Outputs.Histograms));

    /// <summary>Creates the scenario of a preset with default cohort, seed and outputs.</summary>
    /// <param name="preset">A preset name, see <see cref="Presets.Get"/>.</param>
    public static Scenario FromPreset(string preset)
    {
        ModelParameters model = Presets.Get(preset);
        return new Scenario { Name = model.Name, BasedOn = model.Name, Model = model };
    }
}

/// <summary>What a run accumulates beyond the stage counts.</summary>
public sealed record ScenarioOutputs
{
    /// <summary>Traits whose count, mean and SD are tabulated by age, sex and ancestry (default: all).</summary>
    public EquatableArray<Trait> Statistics { get; init; } = [.. Traits.All];

    /// <summary>Whether the <see cref="Statistics"/> include SDs (default: yes); without them a run is a few percent faster.</summary>
    public bool StandardDeviations { get; init; } = true;

    /// <summary>Traits whose histograms are accumulated, so that centiles can be reported (default: none; they cost time).</summary>
    public EquatableArray<Trait> Histograms { get; init; }

    internal static TraitSet ToSet(EquatableArray<Trait> traits)
    {
        TraitSet set = TraitSet.None;
        foreach (Trait trait in traits)
        {
            set |= (TraitSet)(1 << (int)trait);
        }

        return set;
    }
}
