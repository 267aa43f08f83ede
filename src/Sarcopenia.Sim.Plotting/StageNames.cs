using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Plotting;

/// <summary>
/// Each definition's own words for its stages: one <see cref="Stage"/> value stands for EWGSOP2's "probable
/// sarcopenia", AWGS 2019's "possible sarcopenia" and FNIH's "weakness", which a legend or table header must not blur.
/// </summary>
public static class StageNames
{
    /// <summary>The stage's name under <paramref name="definition"/> with what it means, for legends: "Possible sarcopenia (low grip or slow gait)".</summary>
    public static string Label(SarcopeniaDefinition definition, Stage stage)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return stage switch
        {
            Stage.Presarcopenia => "Presarcopenia (low mass only)",
            Stage.Probable => definition.Name switch
            {
                DefinitionNames.Ewgsop2 => "Probable sarcopenia (low grip)",
                DefinitionNames.Awgs2019 => "Possible sarcopenia (low grip or slow gait)",
                DefinitionNames.Fnih => "Weakness (low grip)",
                _ => "Low strength or function only",
            },
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

    // The shipped definitions' names, as Definitions gives them; a user's own definition gets the generic words.
    private static class DefinitionNames
    {
        public const string Ewgsop2 = "EWGSOP2";
        public const string Awgs2019 = "AWGS2019";
        public const string Fnih = "FNIH";
    }
}
