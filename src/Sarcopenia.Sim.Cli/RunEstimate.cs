using System.Globalization;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// What a run will cost, known before it starts: person-years, a conservative time and the size of the files
/// <c>--out</c> writes. Runs above <see cref="ConfirmAbovePersonYears"/> need <c>--yes</c>.
/// </summary>
/// <param name="PersonYears">People × years stepped.</param>
/// <param name="Seconds">The expected wall time at <see cref="PersonYearsPerSecondPerThread"/>.</param>
/// <param name="OutputBytes">The expected size of the output files (they do not grow with the number of people).</param>
internal sealed record RunEstimate(double PersonYears, double Seconds, long OutputBytes)
{
    /// <summary>
    /// Runs of more person-years need <c>--yes</c>: 10¹¹ person-years take over an hour on a two-core laptop, so a typo
    /// in <c>--people</c> (an extra three zeros) should be a question, not a night of computing.
    /// </summary>
    public const double ConfirmAbovePersonYears = 1e11;

    /// <summary>
    /// A conservative throughput for the estimate: one thread of a Debug build with every histogram steps about 1.2·10⁷
    /// person-years a second on the reference machine (docs/performance.md); Release builds with 512-bit vectors run
    /// several times faster, so the estimate errs long.
    /// </summary>
    public const double PersonYearsPerSecondPerThread = 1e7;

    // Bytes per CSV row (prevalence, traits, deaths averaged) and per results-file table entry, measured on the default
    // scenario's outputs (2.7 MB for 12,800 rows and 740,000 entries); numbers grow by a few digits with the cohort.
    private const double BytesPerCsvRow = 72;
    private const double BytesPerTableEntry = 2.3;

    // Per (age, group) cell the results file holds 8 deficit combinations and the deaths, a sum and a sum of squares
    // per trait with statistics, and the bins of each histogram.
    private const int CountsPerCell = 9;
    private const int SumsPerTrait = 2;
    private const int BinsPerHistogram = 256;

    // The results file keeps every sex × ancestry group, present or not.
    private static readonly int s_groups = 2 * Enum.GetValues<Ancestry>().Length;

    /// <summary>Estimates <paramref name="scenario"/> run on <paramref name="threads"/> threads.</summary>
    public static RunEstimate Of(Scenario scenario, int threads)
    {
        double personYears = (double)scenario.Cohort.People * scenario.Cohort.Years;
        int ages = scenario.Cohort.Years + 1;
        int sexes = scenario.Cohort.FemaleFraction is 0 or 1 && scenario.Cohort.Sexes == Population.SexAssignment.Random ? 1 : 2;
        int ancestries = scenario.Cohort.Ancestry.Weights.Count(w => w > 0);
        int rowKeys = ages * (sexes + 1) * (ancestries + 1);
        int stages = scenario.Model.Definition.Stages.Count;
        int statistics = scenario.Outputs.Statistics.Length;
        double csvRows = rowKeys * (stages + statistics + 1.0);
        double entries = (double)ages * s_groups * (CountsPerCell + SumsPerTrait * statistics + BinsPerHistogram * scenario.Outputs.Histograms.Length);
        return new RunEstimate(personYears, personYears / (PersonYearsPerSecondPerThread * Math.Max(1, threads)), (long)(csvRows * BytesPerCsvRow + entries * BytesPerTableEntry));
    }

    /// <summary>Whether the run is large enough to need <c>--yes</c>.</summary>
    public bool NeedsConfirmation => PersonYears > ConfirmAbovePersonYears;

    /// <summary>"7.0e+6 person-years, about 0.4 s on 2 threads; --out writes about 2.7 MB".</summary>
    public string Describe(int threads) => string.Create(CultureInfo.InvariantCulture,
        $"{PersonYears:0.0e+0} person-years, about {Durations.Format(Seconds)} on {threads} thread{(threads == 1 ? "" : "s")}; --out writes about {OutputBytes / 1e6:0.0} MB");
}
