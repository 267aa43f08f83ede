using Sarcopenia.Sim.ReferenceData;
using Sarcopenia.Sim.Staging;
using ScottPlot;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// The "growth chart of ageing": a trait against age with centile bands, the median and the definition's cut-off, and
/// individual lives over those bands. Recipes of <see cref="PlotLayers"/>; every method returns the <see cref="Plot"/>
/// so callers can restyle it, and none writes files (see <see cref="ChartExport"/>).
/// </summary>
public static class DeclineCharts
{
    /// <summary>
    /// Draws <paramref name="trait"/> against age: p5–p95 and p25–p75 bands and the median for each sex, the run's
    /// definition cut-off for each sex (when the definition uses this trait's scale), and for grip the published
    /// international P10/P50/P90 norms (<see cref="GripNorms.International"/>, cited in the caption).
    /// </summary>
    /// <param name="result">A run that accumulated a histogram of <paramref name="trait"/> (<see cref="RunOptions.Histograms"/>).</param>
    /// <param name="trait">The trait to draw.</param>
    /// <param name="sex">One sex, or <see langword="null"/> for women and men on the same axes.</param>
    /// <param name="ancestry">One ancestry group, or <see langword="null"/> for everyone.</param>
    /// <param name="referencePoints">Whether to draw published reference centiles where the library ships them (grip).</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <paramref name="trait"/>.</exception>
    public static Plot Decline(SimulationResult result, Trait trait, Sex? sex = null, Ancestry? ancestry = null, bool referencePoints = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        Sex[] sexes = sex is { } one ? [one] : [.. result.Sexes];
        foreach (Sex s in sexes)
        {
            plot.Add.CentileBands(result, trait, s, ancestry);
        }

        // Medians go on top of every band, so one sex's band never tints the other sex's median.
        foreach (Sex s in sexes)
        {
            plot.Add.MedianLine(result, trait, s, ancestry);
        }

        Cutoff? cutoff = Describe.CutoffFor(result.Definition, trait);
        if (cutoff is { } shared && sexes.Length == 2 && shared.Threshold.Female == shared.Threshold.Male)
        {
            // One line for both sexes: two labels at the same height would overprint each other.
            plot.Add.CutOff(result.Definition, trait, null, result.Cohort.StartAge);
        }
        else
        {
            foreach (Sex s in sexes)
            {
                plot.Add.CutOff(result.Definition, trait, s, result.Cohort.StartAge);
            }
        }

        bool withNorms = false;
        if (referencePoints && trait == Trait.Grip)
        {
            foreach (Sex s in sexes)
            {
                withNorms |= plot.Add.GripReference(s, result.Cohort.StartAge, result.Cohort.EndAge) is not null;
            }
        }

        plot.Add.SurvivorShading(result, sex, ancestry);
        string caption = Caption(result, $"Bands: p5–p95 (light) and p25–p75 (dark); solid line: median{(cutoff is null ? "" : "; dashed: the definition's cut-off")}. {Survivors.Caption(result, sex, ancestry)}");
        ChartTheme.AddCaption(plot, withNorms ? $"{caption} Reference points: {GripNorms.InternationalSource}." : caption);
        plot.Axes.SetLimitsX(result.Cohort.StartAge, result.Cohort.EndAge);
        plot.ShowLegend(Edge.Right);
        string who = sex is { } only ? $", {Describe.Plural(only)}" : "";
        return ChartTheme.Apply(plot, $"{Describe.Name(trait)} by age{who}{Describe.Suffix(ancestry)}", "Age (years)", Describe.AxisLabel(trait));
    }

    /// <summary>
    /// Draws individual lives over the population's centile bands of <paramref name="trait"/> for <paramref name="sex"/>
    /// and the definition's cut-off. Each life ends where the person dies (marked ×).
    /// </summary>
    /// <param name="result">A run that accumulated a histogram of <paramref name="trait"/>.</param>
    /// <param name="trait">The trait to draw.</param>
    /// <param name="sex">The sex whose bands are drawn; lives of the other sex are skipped.</param>
    /// <param name="lives">
    /// Lives of the run behind <paramref name="result"/>, traced beforehand, for example with
    /// <see cref="Simulation.TraceLives"/>, which replays them exactly.
    /// </param>
    /// <param name="ancestry">One ancestry group for the bands, or <see langword="null"/> for everyone.</param>
    /// <exception cref="InvalidOperationException">The run has no histogram of <paramref name="trait"/>.</exception>
    public static Plot Lives(SimulationResult result, Trait trait, Sex sex, IReadOnlyList<PersonLife> lives, Ancestry? ancestry = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(lives);
        var plot = new Plot();
        plot.Add.CentileBands(result, trait, sex, ancestry, ChartTheme.Black);
        plot.Add.MedianLine(result, trait, sex, ancestry, ChartTheme.Black, "Population, median");
        plot.Add.CutOff(result.Definition, trait, sex, result.Cohort.StartAge);
        plot.Add.Lives(lives.Where(l => l.Sex == sex), trait);
        plot.Add.SurvivorShading(result, sex, ancestry);
        ChartTheme.AddCaption(plot, Caption(result, $"Each line is one simulated person, replayed exactly; × marks death. Grey bands: population p5–p95 and p25–p75, line: median. {Survivors.Caption(result, sex, ancestry)}"));
        plot.Axes.SetLimitsX(result.Cohort.StartAge, result.Cohort.EndAge);
        plot.ShowLegend(Edge.Right);
        return ChartTheme.Apply(plot, $"{Describe.Name(trait)}: individual lives, {Describe.Plural(sex)}{Describe.Suffix(ancestry)}", "Age (years)", Describe.AxisLabel(trait));
    }

    /// <summary>"Evidence preset, EWGSOP2 staging, 100,000 simulated people, seed 42. {text}"; without the staging when <paramref name="staging"/> is false.</summary>
    internal static string Caption(SimulationResult result, string text, bool staging = true) =>
        $"{result.Model.Name} preset, {(staging ? $"{result.Definition.Name} staging, " : "")}{Describe.People(result.People)} simulated people, seed {result.Seed}. {text}".TrimEnd();
}
