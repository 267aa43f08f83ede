using System.Globalization;

namespace Sarcopenia.Sim.Demography;

/// <summary>A span of calendar time from 1 July of <paramref name="Start"/> to 1 July of <paramref name="End"/>, as WPP's five-year periods are (<c>2015-2020</c>).</summary>
/// <param name="Start">The first year of the period.</param>
/// <param name="End">The year the period ends in (exclusive): a period of one year has <c>End = Start + 1</c>.</param>
public readonly record struct Period(int Start, int End)
{
    /// <summary>Whether calendar year <paramref name="year"/> falls in the period (<c>Start ≤ year &lt; End</c>).</summary>
    public bool Contains(int year) => year >= Start && year < End;

    /// <summary>The label tables use: <c>2015-2020</c>, or <c>2016</c> for one year.</summary>
    public override string ToString() => End == Start + 1
        ? Start.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Start}-{End}");
}

/// <summary>
/// Period life tables of one location: the annual probability of death by period, sex and age group, from WPP 2019's
/// central death rates (<see cref="Wpp2019.LifeTables(Location)"/>) or a user's table, and the <see cref="LifeTable"/>
/// of any calendar year for the simulation's mortality.
/// </summary>
/// <remarks>
/// A central death rate <c>m</c> becomes the annual probability <c>q = 1 − exp(−m)</c>, which assumes the hazard is
/// constant within the age group (as <see cref="LifeTables.China2015To2020"/> does); the a_x formula
/// <c>q = n·m / (1 + (n − a)·m)</c> would need each group's a_x, which WPP 2019's tables do not give.
/// A calendar year uses the period that contains it, without interpolation between periods.
/// </remarks>
public sealed class PeriodLifeTables
{
    // The open group (100+) has no width; its knot sits half a five-year group above its start, as if it closed at 105.
    private const double OpenGroupKnotOffset = 2.5;

    private readonly Period[] _periods;
    private readonly AgeGroup[] _groups;

    // Annual probability of death at [period, sex, group], sex in the order of the Sex enum.
    private readonly double[] _q;

    /// <summary>Creates the tables from annual probabilities of death.</summary>
    /// <param name="location">Where the rates apply.</param>
    /// <param name="source">The citation outputs carry.</param>
    /// <param name="periods">The periods, in increasing order and not overlapping.</param>
    /// <param name="ageGroups">Contiguous age groups from age 0 in increasing order; only the last may be open.</param>
    /// <param name="probabilities">Annual probabilities of death in (0, 1] at <c>[period, sex, group]</c>, flattened with the group fastest and the sex in the order of <see cref="Sex"/>.</param>
    /// <exception cref="ArgumentException">The periods, groups or probabilities break the rules above.</exception>
    public PeriodLifeTables(Location location, string source, IReadOnlyList<Period> periods, IReadOnlyList<AgeGroup> ageGroups, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(ageGroups);
        ArgumentNullException.ThrowIfNull(probabilities);
        Location = location;
        Source = source;
        _periods = [.. periods];
        _groups = [.. ageGroups];
        _q = [.. probabilities];
        if (_periods.Length == 0 || _periods.Any(p => p.End <= p.Start) || _periods.Zip(_periods.Skip(1)).Any(p => p.Second.Start < p.First.End))
        {
            throw new ArgumentException("The periods must be non-empty, increasing and not overlapping.", nameof(periods));
        }

        if (PopulationTable.AgeGroupError(_groups) is string problem)
        {
            throw new ArgumentException(problem, nameof(ageGroups));
        }

        // q = 0 has no logarithm, and LifeTable interpolates ln q between its knots.
        if (_q.Length != _periods.Length * 2 * _groups.Length || _q.Any(q => !(q > 0 && q <= 1)))
        {
            throw new ArgumentException($"Expected {_periods.Length * 2 * _groups.Length} probabilities in (0, 1] (periods × 2 sexes × age groups).", nameof(probabilities));
        }
    }

    /// <summary>Where the rates apply.</summary>
    public Location Location { get; }

    /// <summary>The citation of the data, for outputs to carry.</summary>
    public string Source { get; }

    /// <summary>The periods with rates, in increasing order.</summary>
    public IReadOnlyList<Period> Periods => _periods;

    /// <summary>The age groups, contiguous from age 0; the last may be open.</summary>
    public IReadOnlyList<AgeGroup> AgeGroups => _groups;

    /// <summary>The annual probability of death <c>q</c> of <paramref name="sex"/> in age group <paramref name="group"/> (an index into <see cref="AgeGroups"/>) in the period containing <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No period contains the year, or the group does not exist.</exception>
    public double ProbabilityOfDeath(int year, Sex sex, int group)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _groups.Length);
        return _q[Index(PeriodOf(year), sex, group)];
    }

    /// <summary>
    /// The life table of calendar year <paramref name="year"/>: each age group's <c>q</c> as a knot at the group's
    /// middle (<c>0.5</c> for age 0, <c>67.5</c> for 65–69, <c>102.5</c> for 100+), which <see cref="LifeTable"/>
    /// interpolates log-linearly in between.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No period contains the year.</exception>
    public LifeTable ForYear(int year)
    {
        int period = PeriodOf(year);
        double[] knots = [.. _groups.Select(g => g.High is int high ? (g.Low + high + 1) / 2.0 : g.Low + OpenGroupKnotOffset)];
        double[] female = [.. Enumerable.Range(0, _groups.Length).Select(g => _q[Index(period, Sex.Female, g)])];
        double[] male = [.. Enumerable.Range(0, _groups.Length).Select(g => _q[Index(period, Sex.Male, g)])];
        string name = string.Create(CultureInfo.InvariantCulture, $"{Location.Label} {year} (period {_periods[period]})");
        return new LifeTable(name, Source, [.. knots], [.. female], [.. male]);
    }

    /// <summary>The annual probability of death for a central death rate <paramref name="m"/>: <c>1 − exp(−m)</c> (constant hazard within the year).</summary>
    public static double ProbabilityFromRate(double m) => 1 - Math.Exp(-m);

    private int Index(int period, Sex sex, int group) => ((period * 2) + (int)sex) * _groups.Length + group;

    private int PeriodOf(int year)
    {
        int period = Array.FindIndex(_periods, p => p.Contains(year));
        return period >= 0
            ? period
            : throw new ArgumentOutOfRangeException(nameof(year), year, string.Create(CultureInfo.InvariantCulture,
                $"The life tables of {Location.Label} cover {_periods[0].Start} to {_periods[^1].End}; no period contains {year}."));
    }
}
