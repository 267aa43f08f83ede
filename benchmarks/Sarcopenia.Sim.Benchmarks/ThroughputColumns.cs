using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Sarcopenia.Sim.Benchmarks;

/// <summary>
/// A column derived from the time per operation and the units of work (elements, person-years) in one operation:
/// either nanoseconds per unit or millions of units per second.
/// </summary>
/// <remarks>
/// It uses the fastest iteration (Min), not the mean: on a machine shared with other work, waiting for a core only
/// ever adds time, so the minimum is the steadiest estimate of the code's own cost.
/// </remarks>
/// <param name="columnName">The column header.</param>
/// <param name="parameter">A [Params] member whose value multiplies <paramref name="unitsPerValue"/>, or null for a constant.</param>
/// <param name="unitsPerValue">Units per unit of the parameter (or per operation when there is no parameter).</param>
/// <param name="perSecond">True for millions of units per second, false for nanoseconds per unit.</param>
internal sealed class ThroughputColumn(string columnName, string? parameter, double unitsPerValue, bool perSecond) : IColumn
{
    public string Id => $"{nameof(ThroughputColumn)}.{ColumnName}";

    public string ColumnName { get; } = columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => perSecond ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => perSecond
        ? $"Millions of units per second ({ColumnName}), from the fastest iteration"
        : $"Nanoseconds per unit ({ColumnName}), from the fastest iteration";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics)
        {
            return "NA";
        }

        double units = unitsPerValue * (parameter is null ? 1 : Convert.ToDouble(benchmarkCase.Parameters[parameter], CultureInfo.InvariantCulture));
        double nanosecondsPerUnit = statistics.Min / units;
        CultureInfo culture = style.CultureInfo ?? CultureInfo.InvariantCulture;
        return perSecond
            ? (1e3 / nanosecondsPerUnit).ToString("N1", culture)
            : nanosecondsPerUnit.ToString("N3", culture);
    }

    public override string ToString() => ColumnName;
}

/// <summary>Adds "ns/element (min)" for kernels whose [Params] <c>Length</c> is the number of elements one operation processes.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class NanosecondsPerElementColumnAttribute()
    : ColumnConfigBaseAttribute(new ThroughputColumn("ns/element (min)", "Length", 1, perSecond: false));

/// <summary>Adds "M person-years/s (max)" when one operation is one person-year (OperationsPerInvoke = people × years).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class PersonYearsPerSecondColumnAttribute()
    : ColumnConfigBaseAttribute(new ThroughputColumn("M person-years/s (max)", null, 1, perSecond: true));

/// <summary>Adds "ns/person-year (min)" and "M person-years/s (max)" when one operation is a whole run of [Params] <c>People</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class PersonYearsPerRunColumnsAttribute(int years)
    : ColumnConfigBaseAttribute(
        new ThroughputColumn("ns/person-year (min)", "People", years, perSecond: false),
        new ThroughputColumn("M person-years/s (max)", "People", years, perSecond: true));
