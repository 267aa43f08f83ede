using System.Globalization;
using Sarcopenia.Sim.Heritability;

namespace Sarcopenia.Sim.IO;

/// <summary>
/// The twin-model table as tidy CSV: one row per subgroup and model, standardized components (a², c², d², e²) with
/// standard errors and profile intervals, −2 log L, parameters, AIC and the likelihood-ratio test against the first
/// fitted model the row's model is nested in. A component the model leaves out is 0 with empty error and interval; a
/// value that does not exist (an interval not computed, a standard error at a boundary) is an empty field.
/// </summary>
public static class TwinFitCsv
{
    private const string NumberFormat = "G8";

    private static readonly VarianceComponent[] s_components = Enum.GetValues<VarianceComponent>();

    /// <summary>The header, also the column order.</summary>
    public static string Header { get; } = "subgroup,sex,ancestry,age_low,age_high,trait,model,mz_pairs,dz_pairs,"
        + string.Concat(s_components.Select(c => $"{Lower(c)}2,{Lower(c)}2_se,{Lower(c)}2_lower,{Lower(c)}2_upper,"))
        + "minus2ll,parameters,aic,against,chi2,df,p,p_boundary";

    /// <summary>Writes the fitted subgroups (skipped ones have no rows), LF line ends, invariant culture.</summary>
    public static void Write(IReadOnlyList<TwinSubsetFit> fits, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\n");
        foreach (TwinSubsetFit subsetFit in fits)
        {
            if (subsetFit.Models is not { } table)
            {
                continue;
            }

            TwinSubset s = subsetFit.Subset;
            foreach (TwinFit fit in table.Fits)
            {
                List<string> cells = [Quote(s.Label), s.Sex?.ToString() ?? "", s.Ancestry?.ToString() ?? "", Number(s.AgeLow), Number(s.AgeHigh), Quote(fit.Trait),
                    fit.Model.Name(), Int(fit.MonozygoticPairs), Int(fit.DizygoticPairs)];
                foreach (VarianceComponent component in s_components)
                {
                    cells.AddRange(fit[component] is { } e ? [Number(e.Proportion), Number(e.StandardError), Number(e.Lower), Number(e.Upper)] : ["0", "", "", ""]);
                }

                cells.AddRange([Number(fit.MinusTwoLogLikelihood), Int(fit.Parameters), Number(fit.Aic)]);
                cells.AddRange(table.FirstComparison(fit.Model) is { } c
                    ? [c.Against.Name(), Number(c.Test.Statistic), Int(c.Test.DegreesOfFreedom), Number(c.Test.P), Number(c.Test.BoundaryP)]
                    : ["", "", "", "", ""]);
                writer.Write(string.Join(",", cells) + "\n");
            }
        }
    }

    private static string Lower(VarianceComponent component) => char.ToLowerInvariant(component.Letter()).ToString();

    private static string Number(double? value) => value is double v && double.IsFinite(v) ? v.ToString(NumberFormat, CultureInfo.InvariantCulture) : "";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Labels hold commas ("Female, age 60-70"): quoted as CSV readers expect.
    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;
}
