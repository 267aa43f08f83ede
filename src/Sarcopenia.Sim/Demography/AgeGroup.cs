using System.Globalization;

namespace Sarcopenia.Sim.Demography;

/// <summary>
/// An age group in completed years: <c>Low</c> to <c>High</c> inclusive (<c>65-69</c>), a single year (<c>0</c>), or
/// open-ended (<c>100+</c>, <see cref="High"/> is <see langword="null"/>).
/// </summary>
/// <param name="Low">The youngest age in the group, in completed years.</param>
/// <param name="High">The oldest age in the group, or <see langword="null"/> for an open-ended group.</param>
public readonly record struct AgeGroup(int Low, int? High)
{
    /// <summary>The oldest age a table may name, 150: nobody lives that long, so a larger age is a typing mistake (or a year in the age column).</summary>
    public const int MaxAge = 150;

    /// <summary>Whether the group has no upper age.</summary>
    public bool IsOpen => High is null;

    /// <summary>The label tables use: <c>65-69</c>, <c>0</c> or <c>100+</c>.</summary>
    public string Label => High switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"{Low}+"),
        int high when high == Low => Low.ToString(CultureInfo.InvariantCulture),
        int high => string.Create(CultureInfo.InvariantCulture, $"{Low}-{high}"),
    };

    /// <summary>Whether a person aged <paramref name="age"/> (completed years) belongs to the group.</summary>
    public bool Contains(int age) => age >= Low && (High is null || age <= High);

    /// <inheritdoc />
    public override string ToString() => Label;

    /// <summary>Reads a label written as <see cref="Label"/> writes it (<c>65-69</c>, <c>0</c>, <c>100+</c>); ages from 0 to <see cref="MaxAge"/>.</summary>
    /// <returns>The group, or <see langword="null"/> if <paramref name="text"/> is not such a label.</returns>
    public static AgeGroup? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.EndsWith('+'))
        {
            return Age(trimmed[..^1]) is int open ? new AgeGroup(open, null) : null;
        }

        int dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return Age(trimmed) is int single ? new AgeGroup(single, single) : null;
        }

        return Age(trimmed[..dash]) is int low && Age(trimmed[(dash + 1)..]) is int high && high >= low ? new AgeGroup(low, high) : null;
    }

    private static int? Age(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int age) && age <= MaxAge ? age : null;
}
