namespace Sarcopenia.Sim.Heritability;

/// <summary>The zygosity of a twin pair, with the sex composition that the models need.</summary>
public enum Zygosity
{
    /// <summary>Monozygotic (identical) twins: all additive and dominance genetic variance shared; always the same sex.</summary>
    Monozygotic = 0,

    /// <summary>Dizygotic twins of the same sex: on average half the additive and a quarter of the dominance variance shared.</summary>
    DizygoticSameSex = 1,

    /// <summary>Dizygotic twins of opposite sexes (a woman and a man); genetically like same-sex dizygotic twins.</summary>
    DizygoticOppositeSex = 2,
}

/// <summary>A source of variance in the classical twin design.</summary>
public enum VarianceComponent
{
    /// <summary>A: additive genetic variance (correlation 1 between monozygotic, 1/2 between dizygotic twins).</summary>
    Additive = 0,

    /// <summary>C: shared (common) environment (correlation 1 between twins of either zygosity).</summary>
    SharedEnvironment = 1,

    /// <summary>D: dominance genetic variance (correlation 1 between monozygotic, 1/4 between dizygotic twins).</summary>
    Dominance = 2,

    /// <summary>E: unique environment, measurement error included (uncorrelated between twins).</summary>
    UniqueEnvironment = 3,
}

/// <summary>The univariate variance-component models of the classical twin design, each named by its components.</summary>
public enum TwinModel
{
    /// <summary>Additive genetic, shared environment and unique environment.</summary>
    Ace = 0,

    /// <summary>Additive genetic, dominance and unique environment (C and D are not identified together from twins reared together).</summary>
    Ade = 1,

    /// <summary>Additive genetic and unique environment.</summary>
    Ae = 2,

    /// <summary>Shared and unique environment: no genetic variance.</summary>
    Ce = 3,

    /// <summary>Unique environment only: twins are uncorrelated.</summary>
    E = 4,
}

/// <summary>Names, components and twin correlations of <see cref="TwinModel"/> and <see cref="VarianceComponent"/>.</summary>
public static class TwinModelInfo
{
    private static readonly TwinModel[] s_all = Enum.GetValues<TwinModel>();

    /// <summary>Every model, full models (ACE, ADE) first.</summary>
    public static ReadOnlySpan<TwinModel> All => s_all;

    /// <summary>The model's components, in the order A, C, D, E (E always last).</summary>
    public static IReadOnlyList<VarianceComponent> Components(this TwinModel model) => model switch
    {
        TwinModel.Ace => [VarianceComponent.Additive, VarianceComponent.SharedEnvironment, VarianceComponent.UniqueEnvironment],
        TwinModel.Ade => [VarianceComponent.Additive, VarianceComponent.Dominance, VarianceComponent.UniqueEnvironment],
        TwinModel.Ae => [VarianceComponent.Additive, VarianceComponent.UniqueEnvironment],
        TwinModel.Ce => [VarianceComponent.SharedEnvironment, VarianceComponent.UniqueEnvironment],
        TwinModel.E => [VarianceComponent.UniqueEnvironment],
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Not a twin model."),
    };

    /// <summary>The model's conventional name: ACE, ADE, AE, CE or E.</summary>
    public static string Name(this TwinModel model) => string.Concat(model.Components().Select(Letter));

    /// <summary>The component's conventional letter: A, C, D or E.</summary>
    public static char Letter(this VarianceComponent component) => component switch
    {
        VarianceComponent.Additive => 'A',
        VarianceComponent.SharedEnvironment => 'C',
        VarianceComponent.Dominance => 'D',
        VarianceComponent.UniqueEnvironment => 'E',
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Not a variance component."),
    };

    /// <summary>
    /// The correlation of the component between the two twins of a pair: 1, 1/2 (A) or 1/4 (D) between dizygotic twins,
    /// 1 between monozygotic twins, and 0 for E.
    /// </summary>
    public static double TwinCorrelation(this VarianceComponent component, Zygosity zygosity)
    {
        bool monozygotic = zygosity == Zygosity.Monozygotic;
        return component switch
        {
            VarianceComponent.Additive => monozygotic ? 1 : 0.5,
            VarianceComponent.SharedEnvironment => 1,
            VarianceComponent.Dominance => monozygotic ? 1 : 0.25,
            VarianceComponent.UniqueEnvironment => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Not a variance component."),
        };
    }

    /// <summary>Reads a model name (ACE, ADE, AE, CE or E; case ignored).</summary>
    /// <exception cref="ArgumentException">The name is none of them; the message lists the allowed names.</exception>
    public static TwinModel Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (TwinModel model in s_all)
        {
            if (string.Equals(model.Name(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }
        }

        throw new ArgumentException($"Twin model '{name}' is not allowed; expected one of {string.Join(", ", s_all.Select(m => m.Name()))}.", nameof(name));
    }

    /// <summary>Whether <paramref name="sub"/> is <paramref name="full"/> with some components fixed at zero (and not the same model).</summary>
    public static bool IsNestedIn(this TwinModel sub, TwinModel full) =>
        sub != full && sub.Components().All(full.Components().Contains);
}
