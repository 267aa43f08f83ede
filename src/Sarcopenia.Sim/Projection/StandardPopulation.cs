namespace Sarcopenia.Sim.Projection;

/// <summary>
/// A standard population for age standardisation: weights by five-year age group, the last open (95+). Prevalence is
/// standardised over the groups a projection simulates, with their weights rescaled to sum to one.
/// </summary>
/// <param name="Name">The standard's name.</param>
/// <param name="Source">Its citation.</param>
/// <param name="Weights">Weights of 0–4, 5–9, …, 90–94 and 95+ (20 groups).</param>
public sealed record StandardPopulation(string Name, string Source, IReadOnlyList<double> Weights)
{
    /// <summary>The width of the standard's age groups, years.</summary>
    public const int GroupWidth = 5;

    /// <summary>The first age of the standard's open group.</summary>
    public const int OpenFrom = 95;

    /// <summary>
    /// The WHO World Standard Population 2000–2025, per 100,000 (Ahmad et al. 2001, Age standardization of rates: a new WHO
    /// standard, GPE Discussion Paper 31, Table 4); 95–99 (40) and 100+ (5) are pooled as 95+.
    /// </summary>
    public static StandardPopulation Who { get; } = new("WHO", "Ahmad OB et al. (2001), Age standardization of rates: a new WHO standard. GPE Discussion Paper Series No. 31, WHO.",
        [8860, 8690, 8600, 8470, 8220, 7930, 7610, 7150, 6590, 6040, 5370, 4550, 3720, 2960, 2210, 1520, 910, 440, 150, 45]);

    /// <summary>
    /// The European Standard Population 2013, per 100,000 (Eurostat 2013, Revision of the European Standard Population,
    /// Report of Eurostat's task force, Table 3.5); ages 0 (1,000) and 1–4 (4,000) pooled as 0–4.
    /// </summary>
    public static StandardPopulation Esp2013 { get; } = new("ESP2013", "Eurostat (2013), Revision of the European Standard Population: report of Eurostat's task force. Luxembourg: Publications Office of the European Union.",
        [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 800, 200]);

    /// <summary>Both standards.</summary>
    public static IReadOnlyList<StandardPopulation> All { get; } = [Who, Esp2013];

    /// <summary>The standard's group of <paramref name="age"/>.</summary>
    public static int GroupOf(int age) => Math.Min(age, OpenFrom) / GroupWidth;
}
