using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Demography;

/// <summary>The projection variants of WPP 2019 (they differ in fertility; mortality and migration are the same).</summary>
public enum PopulationVariant
{
    /// <summary>The medium variant, WPP's central projection.</summary>
    Medium,

    /// <summary>Total fertility half a child below the medium variant.</summary>
    Low,

    /// <summary>Total fertility half a child above the medium variant.</summary>
    High,
}

/// <summary>
/// The United Nations' World Population Prospects 2019, shipped inside the library: population by sex and five-year
/// age group (estimates 1950–2020, projections 2025–2100 in three variants), central death rates by sex, abridged age
/// group and five-year period (1950–2100, medium variant after 2020), and the locations list, for every country, area
/// and aggregate WPP tabulates by age, plus the European unions EU-27 and EU-28 built from their members.
/// Regenerated from the UN's tables by <c>scripts/make-wpp2019-data.py</c>; docs/projection.md describes the data.
/// </summary>
public static class Wpp2019
{
    /// <summary>How outputs cite the data (the licence, CC BY 3.0 IGO, asks for it).</summary>
    public const string Citation =
        "United Nations, Department of Economic and Social Affairs, Population Division (2019). World Population Prospects 2019. Licence: CC BY 3.0 IGO.";

    /// <summary>The last year of the estimates; projections start in the year after it.</summary>
    public const int LastEstimateYear = 2020;

    private const string ResourcePrefix = "Sarcopenia.Sim.Demography.Data.";

    private const int UnitedKingdom = 826;

    private static readonly Sex[] s_sexes = [Sex.Female, Sex.Male];

    // The member lists, by UN M49 code, as the shared data notes list them (shared/data/wpp2019/README.md).
    private static readonly int[] s_eu27Members =
        [40, 56, 100, 191, 196, 203, 208, 233, 246, 250, 276, 300, 348, 372, 380, 428, 440, 442, 470, 528, 616, 620, 642, 703, 705, 724, 752];

    private static readonly Lazy<LocationIndex> s_locations = new(LoadLocations);
    private static readonly Lazy<Dictionary<(int Code, string Variant, Sex Sex), List<(int Year, double[] Counts)>>> s_population = new(LoadPopulation);
    private static readonly Lazy<Dictionary<(int Code, Sex Sex), List<(Period Period, double[] Rates)>>> s_rates = new(LoadRates);

    /// <summary>The 27 member states of the European Union from 1 February 2020 (Eurostat's EU27_2020).</summary>
    public static Location EU27 { get; } = new("EU-27", null, LocationKind.Union, [.. s_eu27Members],
        "The 27 member states of the European Union from 1 February 2020 (Eurostat, Statistics Explained, Glossary: EU enlargements, aggregate EU27_2020)");

    /// <summary>The 28 member states of the European Union from 1 July 2013 to 31 January 2020: EU-27 and the United Kingdom (Eurostat's EU28), as in Ethgen et al. 2017.</summary>
    public static Location EU28 { get; } = new("EU-28", null, LocationKind.Union, [.. s_eu27Members.Append(UnitedKingdom).Order()],
        "The 28 member states of the European Union from 1 July 2013 to 31 January 2020 (Eurostat, Statistics Explained, Glossary: EU enlargements, aggregate EU28)");

    /// <summary>Every location with data: WPP's countries, areas and aggregates in the order of their UN code, then EU-27 and EU-28.</summary>
    public static IReadOnlyList<Location> Locations => s_locations.Value.All;

    /// <summary>The five-year age groups of the population tables: 0-4, 5-9, …, 95-99, 100+.</summary>
    public static IReadOnlyList<AgeGroup> PopulationAgeGroups { get; } =
        [.. Enumerable.Range(0, 20).Select(i => new AgeGroup(5 * i, (5 * i) + 4)), new AgeGroup(100, null)];

    /// <summary>The abridged age groups of the death rates: 0, 1-4, 5-9, …, 95-99, 100+.</summary>
    public static IReadOnlyList<AgeGroup> RateAgeGroups { get; } =
        [new AgeGroup(0, 0), new AgeGroup(1, 4), .. PopulationAgeGroups.Skip(1)];

    /// <summary>
    /// Finds a location by UN M49 code (<c>276</c>) or name, ignoring case, spaces and punctuation (<c>united kingdom</c>,
    /// <c>EU28</c>, <c>cote d'ivoire</c>); a name's part before a parenthesis is enough when no other name shares it
    /// (<c>Bolivia</c>).
    /// </summary>
    public static bool TryFindLocation(string nameOrCode, [NotNullWhen(true)] out Location? location)
    {
        ArgumentNullException.ThrowIfNull(nameOrCode);
        LocationIndex index = s_locations.Value;
        location = int.TryParse(nameOrCode.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int code)
            ? index.ByCode.GetValueOrDefault(code)
            : index.ByKey.GetValueOrDefault(Key(nameOrCode));
        return location is not null;
    }

    /// <summary>The locations whose name contains <paramref name="text"/> (case, spaces and punctuation ignored) or whose UN code it is.</summary>
    public static IReadOnlyList<Location> SearchLocations(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string key = Key(text);
        int? code = int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : null;
        return [.. Locations.Where(l => (key.Length > 0 && Key(l.Name).Contains(key, StringComparison.Ordinal)) || (code is not null && l.Code == code))];
    }

    /// <summary>Finds a location as <see cref="TryFindLocation"/> does.</summary>
    /// <exception cref="ArgumentException">No location has that name or code; the message names the nearest name, if one is close.</exception>
    public static Location FindLocation(string nameOrCode) =>
        TryFindLocation(nameOrCode, out Location? location)
            ? location
            : throw new ArgumentException(
                $"\"{nameOrCode}\" is not a location of WPP 2019; expected the name or UN M49 code of a country, area or aggregate, or EU-27 or EU-28{NameMatch.Hint(nameOrCode, Locations.Select(l => l.Name))}",
                nameof(nameOrCode));

    /// <summary>
    /// The population of <paramref name="location"/> by year, sex and five-year age group: the estimates for
    /// 1950–2020 and <paramref name="variant"/>'s projection for 2025–2100 (a union's is the sum of its members').
    /// </summary>
    /// <exception cref="ArgumentException">WPP 2019 has no such variant for the location (a few small areas have only the medium one).</exception>
    public static PopulationTable Population(Location location, PopulationVariant variant = PopulationVariant.Medium)
    {
        ArgumentNullException.ThrowIfNull(location);
        int[] codes = Codes(location);
        var years = new List<int>();
        var counts = new List<double>();
        foreach (string part in (string[])["Estimate", variant.ToString()])
        {
            List<(int Year, double[] Counts)>[] series = [.. s_sexes.Select(sex => Series(codes, part, sex, location, variant))];
            for (int y = 0; y < series[0].Count; y++)
            {
                years.Add(series[0][y].Year);
                foreach (List<(int Year, double[] Counts)> sexSeries in series)
                {
                    counts.AddRange(sexSeries[y].Counts);
                }
            }
        }

        string description = $"WPP 2019 estimates to {LastEstimateYear}, {variant.ToString().ToLowerInvariant()} variant after"
            + (location.Kind == LocationKind.Union ? $"; the sum of its {location.Members.Length} members" : "");
        return new PopulationTable(location, description, Citation, years, PopulationAgeGroups, counts);
    }

    /// <summary>
    /// The period life tables of <paramref name="location"/>, 1950–2100 (medium variant after 2020), from WPP's central
    /// death rates with <c>q = 1 − exp(−m)</c>. A union's rate in each age group and period is its members' rates
    /// weighted by their people in the group in the middle of the period (the mean of the medium variant's counts at the
    /// period's start and end), which is the union's deaths over its person-years; ages 0 and 1–4 share the 0–4 weights.
    /// </summary>
    public static PeriodLifeTables LifeTables(Location location)
    {
        ArgumentNullException.ThrowIfNull(location);
        int[] codes = Codes(location);
        Dictionary<(int Code, Sex Sex), List<(Period Period, double[] Rates)>> rates = s_rates.Value;
        List<(Period Period, double[] Rates)> first = rates[(codes[0], Sex.Female)];
        PopulationTable[]? weights = codes.Length > 1 ? [.. codes.Select(c => Population(s_locations.Value.ByCode[c]))] : null;
        var q = new List<double>();
        for (int p = 0; p < first.Count; p++)
        {
            Period period = first[p].Period;
            foreach (Sex sex in s_sexes)
            {
                for (int g = 0; g < RateAgeGroups.Count; g++)
                {
                    double m = rates[(codes[0], sex)][p].Rates[g];
                    if (weights is not null)
                    {
                        // Rate group g (0, 1-4, 5-9, ...) lies in population group max(g - 1, 0).
                        int group = Math.Max(g - 1, 0);
                        double deaths = 0, people = 0;
                        for (int c = 0; c < codes.Length; c++)
                        {
                            double w = (weights[c].Count(period.Start, sex, group) + weights[c].Count(period.End, sex, group)) / 2;
                            deaths += w * rates[(codes[c], sex)][p].Rates[g];
                            people += w;
                        }

                        m = deaths / people;
                    }

                    q.Add(PeriodLifeTables.ProbabilityFromRate(m));
                }
            }
        }

        string source = Citation + " Annual q = 1 - exp(-m) from the central death rates"
            + (weights is null ? "." : $"; the rates of the {codes.Length} members weighted by their mid-period population.");
        return new PeriodLifeTables(location, source, [.. first.Select(r => r.Period)], RateAgeGroups, q);
    }

    /// <summary>The key names are matched by: letters and digits only, in upper case (accents are not in WPP's names).</summary>
    private static string Key(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant));

    private static int[] Codes(Location location) =>
        location.Kind == LocationKind.Union ? [.. location.Members] : [location.Code ?? throw new ArgumentException($"{location.Label} has no UN code.", nameof(location))];

    private static List<(int Year, double[] Counts)> Series(int[] codes, string part, Sex sex, Location location, PopulationVariant variant)
    {
        Dictionary<(int Code, string Variant, Sex Sex), List<(int Year, double[] Counts)>> all = s_population.Value;
        List<(int Year, double[] Counts)>? sum = null;
        foreach (int code in codes)
        {
            if (!all.TryGetValue((code, part, sex), out List<(int Year, double[] Counts)>? series))
            {
                throw new ArgumentException($"WPP 2019 has no {variant.ToString().ToLowerInvariant()} variant for {s_locations.Value.ByCode[code].Label}; use the medium variant.", nameof(variant));
            }

            sum = sum is null
                ? [.. series.Select(s => (s.Year, (double[])s.Counts.Clone()))]
                : [.. sum.Zip(series, (a, b) => (a.Year, a.Counts.Zip(b.Counts, (x, y) => x + y).ToArray()))];
        }

        return sum!;
    }

    private static IEnumerable<List<CsvLine.Field>> Rows(string file)
    {
        using Stream stream = typeof(Wpp2019).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"The embedded resource {ResourcePrefix + file} is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        reader.ReadLine();
        while (reader.ReadLine() is string line)
        {
            yield return CsvLine.Split(line);
        }
    }

    private static int Int(List<CsvLine.Field> row, int column) => int.Parse(row[column].Text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static double[] Numbers(List<CsvLine.Field> row, int first) =>
        [.. row.Skip(first).Select(f => double.Parse(f.Text, NumberStyles.Float, CultureInfo.InvariantCulture))];

    private static LocationIndex LoadLocations()
    {
        List<Location> all =
        [
            .. Rows("wpp2019-locations.csv.gz").Select(row => new Location(row[1].Text, Int(row, 0), Enum.Parse<LocationKind>(row[2].Text), [], Citation)),
            EU27,
            EU28,
        ];
        var byKey = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach (Location location in all)
        {
            byKey[Key(location.Name)] = location;
        }

        // "Bolivia" for "Bolivia (Plurinational State of)", when no other name starts the same way.
        foreach (IGrouping<string, Location> shortened in all.Where(l => l.Name.Contains('(', StringComparison.Ordinal))
            .GroupBy(l => Key(l.Name[..l.Name.IndexOf('(', StringComparison.Ordinal)])).Where(g => g.Count() == 1))
        {
            byKey.TryAdd(shortened.Key, shortened.Single());
        }

        return new LocationIndex(all, all.Where(l => l.Code is not null).ToDictionary(l => l.Code!.Value), byKey);
    }

    private static Dictionary<(int Code, string Variant, Sex Sex), List<(int Year, double[] Counts)>> LoadPopulation()
    {
        var all = new Dictionary<(int Code, string Variant, Sex Sex), List<(int Year, double[] Counts)>>();
        foreach (List<CsvLine.Field> row in Rows("wpp2019-population.csv.gz"))
        {
            (int Code, string Variant, Sex Sex) key = (Int(row, 0), row[1].Text, Enum.Parse<Sex>(row[3].Text));
            if (!all.TryGetValue(key, out List<(int Year, double[] Counts)>? series))
            {
                all[key] = series = [];
            }

            series.Add((Int(row, 2), Numbers(row, 4)));
        }

        return all;
    }

    private static Dictionary<(int Code, Sex Sex), List<(Period Period, double[] Rates)>> LoadRates()
    {
        var all = new Dictionary<(int Code, Sex Sex), List<(Period Period, double[] Rates)>>();
        foreach (List<CsvLine.Field> row in Rows("wpp2019-mx.csv.gz"))
        {
            (int Code, Sex Sex) key = (Int(row, 0), Enum.Parse<Sex>(row[2].Text));
            if (!all.TryGetValue(key, out List<(Period Period, double[] Rates)>? series))
            {
                all[key] = series = [];
            }

            string[] years = row[1].Text.Split('-');
            var period = new Period(int.Parse(years[0], CultureInfo.InvariantCulture), int.Parse(years[1], CultureInfo.InvariantCulture));
            series.Add((period, Numbers(row, 3)));
        }

        return all;
    }

    private sealed record LocationIndex(IReadOnlyList<Location> All, Dictionary<int, Location> ByCode, Dictionary<string, Location> ByKey);
}
