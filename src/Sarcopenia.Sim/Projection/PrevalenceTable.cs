using System.Globalization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;

namespace Sarcopenia.Sim.Projection;

/// <summary>The prevalence of a condition among people of one sex in one age band.</summary>
/// <param name="Sex">The sex.</param>
/// <param name="Ages">The age band, in completed years (open-ended for the oldest band, e.g. <c>85+</c>).</param>
/// <param name="Prevalence">The share of the band's people with the condition, a fraction in [0, 1].</param>
public sealed record PrevalenceBand(Sex Sex, AgeGroup Ages, double Prevalence);

/// <summary>
/// An age–sex prevalence table, the input of the spreadsheet method (<see cref="SpreadsheetProjection"/>): for each
/// sex, contiguous age bands in increasing order, only the last of which may be open. Ages below a sex's first band
/// (and above a closed last band) count as having no cases.
/// </summary>
/// <param name="Name">What the table is, e.g. the file it was read from.</param>
/// <param name="Source">Where the prevalences come from, for outputs to carry.</param>
/// <param name="Bands">The bands, women's and men's, each sex's in increasing order of age.</param>
public sealed record PrevalenceTable(string Name, string Source, EquatableArray<PrevalenceBand> Bands)
{
    /// <summary>The prevalence for <paramref name="sex"/> at <paramref name="age"/> (completed years): its band's, or 0 outside every band.</summary>
    public double At(Sex sex, int age)
    {
        foreach (PrevalenceBand band in Bands)
        {
            if (band.Sex == sex && band.Ages.Contains(age))
            {
                return band.Prevalence;
            }
        }

        return 0;
    }

    /// <summary>Throws if the table breaks the rules in the summary.</summary>
    /// <exception cref="ParameterValidationException">Every problem found, each naming the band (<c>bands[3]</c>).</exception>
    public void Validate()
    {
        var v = new ParameterValidator();
        foreach ((int index, string value, string allowed) in Problems(Bands.AsSpan().ToArray()))
        {
            v.Fail(string.Create(CultureInfo.InvariantCulture, $"bands[{index}]"), value, allowed);
        }

        v.ThrowIfAny();
    }

    /// <summary>The problems of <paramref name="bands"/>: the band's index, its value as text and what is allowed.</summary>
    internal static IEnumerable<(int Index, string Value, string Allowed)> Problems(IReadOnlyList<PrevalenceBand> bands)
    {
        foreach (Sex sex in (Sex[])[Sex.Female, Sex.Male])
        {
            if (!bands.Any(b => b.Sex == sex))
            {
                yield return (bands.Count, $"no bands for {sex.ToString().ToLowerInvariant()}s", "bands for both sexes (rows for 'All' apply to both)");
            }
        }

        var last = new Dictionary<Sex, AgeGroup>();
        for (int i = 0; i < bands.Count; i++)
        {
            PrevalenceBand band = bands[i];
            if (!(band.Prevalence >= 0 && band.Prevalence <= 1))
            {
                yield return (i, ParameterValidator.Format(band.Prevalence), "a prevalence from 0 to 1 (a fraction; write a percentage with %, e.g. 12.5%)");
            }

            if (last.TryGetValue(band.Sex, out AgeGroup previous))
            {
                if (previous.High is not int high)
                {
                    yield return (i, $"{band.Sex} {band.Ages.Label}", $"no band after the open band {previous.Label} of the same sex");
                }
                else if (band.Ages.Low <= high)
                {
                    yield return (i, $"{band.Sex} {band.Ages.Label}", $"ages in increasing order: a band starting above {high} (it overlaps {previous.Label})");
                }
                else if (band.Ages.Low > high + 1)
                {
                    yield return (i, $"{band.Sex} {band.Ages.Label}", $"a band starting at {high + 1}: the bands of a sex must leave no gap (ages {high + 1} to {band.Ages.Low - 1} are missing)");
                }
            }

            last[band.Sex] = band.Ages;
        }
    }
}
