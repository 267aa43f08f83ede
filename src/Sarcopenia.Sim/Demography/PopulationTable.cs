using System.Globalization;

namespace Sarcopenia.Sim.Demography;

/// <summary>
/// People by calendar year (on 1 July), sex and age group for one location: WPP 2019's estimates and projections
/// (<see cref="Wpp2019.Population(Location, PopulationVariant)"/>) or a user's table (<c>IO.DemographyCsv</c>).
/// </summary>
/// <remarks>
/// <para><b>Years between the table's years</b> (WPP 2019 has every fifth year) are interpolated linearly in each age
/// group's count between the two years around them: the 65+ population of EU-28 in 2016 is 0.8 × its 2015 value plus
/// 0.2 × its 2020 value. Interpolating counts, not shares, keeps every total the sum of its parts.</para>
/// <para><b>Single years of age</b> (<see cref="AtAge"/>) split a group's count evenly over its years; the open group
/// (<c>100+</c>) is not split and counts as its first age. Even splitting keeps group totals exact and never makes a
/// count negative, at the cost of steps at group edges (about 5 % between neighbouring ages in an ageing population,
/// far below the uncertainty of the prevalences it is multiplied by).</para>
/// </remarks>
public sealed class PopulationTable
{
    private readonly int[] _years;
    private readonly AgeGroup[] _groups;

    // People at [year index, sex, group], sex in the order of the Sex enum.
    private readonly double[] _counts;

    /// <summary>Creates a table from its counts.</summary>
    /// <param name="location">Where the people live.</param>
    /// <param name="description">What the table is, e.g. <c>WPP 2019 estimates to 2020, medium variant after</c>.</param>
    /// <param name="source">The citation outputs carry.</param>
    /// <param name="years">The years with data, strictly increasing.</param>
    /// <param name="ageGroups">Contiguous age groups from age 0 in increasing order; only the last may be open.</param>
    /// <param name="counts">People (non-negative) at <c>[year, sex, group]</c>, flattened with the group fastest and the sex in the order of <see cref="Sex"/>.</param>
    /// <exception cref="ArgumentException">The years, groups or counts break the rules above.</exception>
    public PopulationTable(Location location, string description, string source, IReadOnlyList<int> years, IReadOnlyList<AgeGroup> ageGroups, IReadOnlyList<double> counts)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(ageGroups);
        ArgumentNullException.ThrowIfNull(counts);
        Location = location;
        Description = description;
        Source = source;
        _years = [.. years];
        _groups = [.. ageGroups];
        _counts = [.. counts];
        if (_years.Length == 0 || _years.Zip(_years.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("The years must be strictly increasing, and there must be at least one.", nameof(years));
        }

        if (AgeGroupError(_groups) is string problem)
        {
            throw new ArgumentException(problem, nameof(ageGroups));
        }

        if (_counts.Length != _years.Length * 2 * _groups.Length || _counts.Any(c => !(c >= 0) || double.IsInfinity(c)))
        {
            throw new ArgumentException($"Expected {_years.Length * 2 * _groups.Length} finite, non-negative counts (years × 2 sexes × age groups).", nameof(counts));
        }
    }

    /// <summary>Where the people live.</summary>
    public Location Location { get; }

    /// <summary>What the table is, e.g. <c>WPP 2019 estimates to 2020, medium variant after</c>.</summary>
    public string Description { get; }

    /// <summary>The citation of the data, for outputs to carry.</summary>
    public string Source { get; }

    /// <summary>The years with data (1 July of each), strictly increasing.</summary>
    public IReadOnlyList<int> Years => _years;

    /// <summary>The first year a count can be asked for.</summary>
    public int FirstYear => _years[0];

    /// <summary>The last year a count can be asked for.</summary>
    public int LastYear => _years[^1];

    /// <summary>The age groups, contiguous from age 0; the last may be open.</summary>
    public IReadOnlyList<AgeGroup> AgeGroups => _groups;

    /// <summary>The oldest single age <see cref="AtAge"/> answers for (the open group's first age, which stands for the whole group).</summary>
    public int OldestAge => _groups[^1].High ?? _groups[^1].Low;

    /// <summary>People of <paramref name="sex"/> in age group <paramref name="group"/> (an index into <see cref="AgeGroups"/>) in <paramref name="year"/>, interpolated linearly between the table's years.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="FirstYear"/>–<see cref="LastYear"/> or the group does not exist.</exception>
    public double Count(int year, Sex sex, int group)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _groups.Length);
        (int before, double weight) = Bracket(year);
        double earlier = _counts[Index(before, sex, group)];
        return weight == 0 ? earlier : earlier + weight * (_counts[Index(before + 1, sex, group)] - earlier);
    }

    /// <summary>People of <paramref name="sex"/> aged <paramref name="age"/> in completed years (see the remarks on single ages).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the table or the age outside 0–<see cref="OldestAge"/>.</exception>
    public double AtAge(int year, Sex sex, int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(age, OldestAge);
        int group = Array.FindIndex(_groups, g => g.Contains(age));
        AgeGroup g = _groups[group];
        return Count(year, sex, group) / ((g.High ?? g.Low) - g.Low + 1);
    }

    /// <summary>People of <paramref name="sex"/> (both when <see langword="null"/>) aged <paramref name="minimumAge"/> and over in <paramref name="year"/>.</summary>
    public double Total(int year, Sex? sex = null, int minimumAge = 0)
    {
        double total = 0;
        foreach (Sex s in sex is Sex one ? [one] : (Sex[])[Sex.Female, Sex.Male])
        {
            for (int age = minimumAge; age <= OldestAge; age++)
            {
                total += AtAge(year, s, age);
            }
        }

        return total;
    }

    /// <summary>Why <paramref name="groups"/> cannot be a table's age groups, or <see langword="null"/> if they can.</summary>
    internal static string? AgeGroupError(IReadOnlyList<AgeGroup> groups)
    {
        if (groups.Count == 0 || groups[0].Low != 0)
        {
            return "The age groups must start at age 0.";
        }

        for (int i = 1; i < groups.Count; i++)
        {
            if (groups[i - 1].High is not int high || groups[i].Low != high + 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"Age group {groups[i].Label} does not follow {groups[i - 1].Label}; the groups must be contiguous and only the last may be open.");
            }
        }

        return null;
    }

    private int Index(int yearIndex, Sex sex, int group) => ((yearIndex * 2) + (int)sex) * _groups.Length + group;

    private (int Before, double Weight) Bracket(int year)
    {
        if (year < FirstYear || year > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, string.Create(CultureInfo.InvariantCulture, $"The population of {Location.Label} is known from {FirstYear} to {LastYear}."));
        }

        int at = Array.BinarySearch(_years, year);
        if (at >= 0)
        {
            return (at, 0);
        }

        int before = ~at - 1;
        return (before, (double)(year - _years[before]) / (_years[before + 1] - _years[before]));
    }
}
