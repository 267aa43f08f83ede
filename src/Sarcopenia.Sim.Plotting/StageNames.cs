using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Each definition's own words for its stages: one <see cref="Stage"/> value stands for EWGSOP2's "probable
/// sarcopenia", AWGS 2019's "possible sarcopenia" and FNIH's "weakness", which a legend or table header must not blur.
/// </summary>
public static class StageNames
{
    /// <summary>
    /// The stage's name under <paramref name="definition"/> with what it means, for legends: "Possible (low grip or slow
    /// gait)" under AWGS 2019. The meaning of <see cref="Stage.Probable"/> is read from the definition's rules, so a
    /// definition of the user's own is described as faithfully as a shipped one.
    /// </summary>
    public static string Label(SarcopeniaDefinition definition, Stage stage)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return stage switch
        {
            Stage.Presarcopenia => "Presarcopenia (low mass only)",
            Stage.Probable => $"{definition.NameOf(stage)} ({Meaning(definition, stage)})",
            Stage.Sarcopenia => "Sarcopenia",
            Stage.Severe => "Severe sarcopenia",
            _ => "No stage",
        };
    }

    /// <summary>The stage's name under <paramref name="definition"/> in one word, for table headers: "Possible" (<see cref="SarcopeniaDefinition.NameOf"/>).</summary>
    public static string Short(SarcopeniaDefinition definition, Stage stage)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.NameOf(stage);
    }

    // The deficit combinations that give the stage, each without a smaller one that also gives it, joined by "or":
    // EWGSOP2's probable (low grip, or low grip with slow gait) is "low grip"; AWGS 2019's possible is "low grip or slow gait".
    private static string Meaning(SarcopeniaDefinition definition, Stage stage)
    {
        bool Gives(int combination) => definition.Rules[combination] == stage;
        IEnumerable<string> minimal = Enumerable.Range(1, SarcopeniaDefinition.Combinations - 1)
            .Where(c => Gives(c) && !Enumerable.Range(1, c - 1).Any(sub => (sub & c) == sub && Gives(sub)))
            .Select(c => string.Join(" and ", DeficitWords(c)));
        return string.Join(" or ", minimal);
    }

    private static IEnumerable<string> DeficitWords(int combination)
    {
        if ((combination & SarcopeniaDefinition.LowMassBit) != 0)
        {
            yield return "low mass";
        }

        if ((combination & SarcopeniaDefinition.LowStrengthBit) != 0)
        {
            yield return "low grip";
        }

        if ((combination & SarcopeniaDefinition.LowPerformanceBit) != 0)
        {
            yield return "slow gait";
        }
    }
}
