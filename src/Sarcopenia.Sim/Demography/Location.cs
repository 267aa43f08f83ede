using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Demography;

/// <summary>What a <see cref="Location"/> is.</summary>
public enum LocationKind
{
    /// <summary>A country or area (UN M49 location type 4).</summary>
    Country,

    /// <summary>The world.</summary>
    World,

    /// <summary>A continental region of the UN's geographic scheme (Africa, Asia, Europe, ...).</summary>
    Region,

    /// <summary>A subregion of the geographic scheme (Western Europe, Eastern Africa, ...).</summary>
    Subregion,

    /// <summary>Another grouping the UN tabulates (development groups, World Bank income groups, SDG regions, ...).</summary>
    Aggregate,

    /// <summary>A union this library builds by adding up its member countries (EU-27, EU-28); see <see cref="Location.Members"/>.</summary>
    Union,
}

/// <summary>A country, area or aggregate that population data exist for.</summary>
/// <param name="Name">The name as the source spells it, e.g. <c>United Kingdom</c> or <c>EU-28</c>.</param>
/// <param name="Code">The UN M49 numeric code, or <see langword="null"/> for a <see cref="LocationKind.Union"/>, which has none.</param>
/// <param name="Kind">What the location is.</param>
/// <param name="Members">The UN codes of the member countries of a <see cref="LocationKind.Union"/>; empty otherwise.</param>
/// <param name="Source">Where the location (for a union: its member list) comes from.</param>
public sealed record Location(string Name, int? Code, LocationKind Kind, EquatableArray<int> Members, string Source)
{
    /// <summary>The name with the code, as outputs show it: <c>Germany (276)</c>, or the name alone for a union.</summary>
    public string Label => Code is int code ? $"{Name} ({code})" : Name;

    /// <inheritdoc />
    public override string ToString() => Label;
}
