using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim;

/// <summary>
/// Several arms (scenarios) run on the same people with the same seed, so that they share every random number they
/// both use (common random numbers): a difference between arms is the effect of what differs, with none of the noise
/// of drawing other people. The first arm is the baseline. Made by <see cref="Simulation.Compare"/>.
/// </summary>
/// <remarks>
/// With no difference between two arms' models, their tables are identical bit for bit, so every difference is
/// exactly zero; a difference in one age band's prevalence is therefore far less noisy than that of two independent
/// runs. Intervals for differences come with replicates, not from one run.
/// </remarks>
public sealed class Comparison
{
    internal Comparison(IReadOnlyList<Scenario> arms, IReadOnlyList<SimulationResult> results)
    {
        Arms = [.. arms];
        Results = [.. results];
    }

    /// <summary>The arms, the baseline first.</summary>
    public IReadOnlyList<Scenario> Arms { get; }

    /// <summary>Each arm's result, in the order of <see cref="ComparisonArms"/>.</summary>
    public IReadOnlyList<SimulationResult> Results { get; }

    /// <summary>The baseline arm's result.</summary>
    public SimulationResult Baseline => Results[0];

    /// <summary>The result of the arm named <paramref name="arm"/>.</summary>
    /// <exception cref="ArgumentException">No arm has that name; the message lists the arms.</exception>
    public SimulationResult this[string arm] => Results[IndexOf(arm)];

    /// <summary>
    /// Person-years in <paramref name="stage"/> or worse at ages <paramref name="fromAge"/>..<paramref name="toAge"/> in
    /// <paramref name="arm"/> minus the baseline's: negative when the arm has fewer (cases averted).
    /// </summary>
    public long CasesDifference(string arm, int fromAge, int toAge, Sex? sex, Stage stage, Ancestry? ancestry = null) =>
        this[arm].CasesAtLeast(fromAge, toAge, sex, stage, ancestry) - Baseline.CasesAtLeast(fromAge, toAge, sex, stage, ancestry);

    /// <summary>
    /// The prevalence of <paramref name="stage"/> or worse at ages <paramref name="fromAge"/>..<paramref name="toAge"/> in
    /// <paramref name="arm"/> minus the baseline's (NaN if either arm has nobody alive there).
    /// </summary>
    public double PrevalenceAtLeastDifference(string arm, int fromAge, int toAge, Sex? sex, Stage stage, Ancestry? ancestry = null) =>
        this[arm].PrevalenceAtLeast(fromAge, toAge, sex, stage, ancestry) - Baseline.PrevalenceAtLeast(fromAge, toAge, sex, stage, ancestry);

    private int IndexOf(string arm)
    {
        for (int i = 0; i < Arms.Count; i++)
        {
            if (Arms[i].Name == arm)
            {
                return i;
            }
        }

        throw new ArgumentException($"No arm is named \"{arm}\"; the arms are: {string.Join(", ", Arms.Select(a => a.Name))}.", nameof(arm));
    }
}
