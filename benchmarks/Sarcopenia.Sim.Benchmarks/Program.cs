using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Sarcopenia.Sim.Benchmarks;

/// <summary>
/// Runs the benchmarks (BenchmarkDotNet's command line, e.g. <c>--filter '*ReferenceWorkload*' --job short</c>), or,
/// with <see cref="WholeProcessRun.Flag"/> first, one plain timed RW1 run. Returns 1 when any benchmark failed.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is [WholeProcessRun.Flag, .. string[] runArgs])
        {
            return WholeProcessRun.Run(runArgs);
        }

        (IConfig config, string[] benchmarkArgs) = BenchmarkConfig.Create(args);
        Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs, config)];
        return HasError(summaries, benchmarkArgs) ? 1 : 0;
    }

    /// <summary>As in BenchmarkDotNet's samples: no summary is an error unless only information was asked for.</summary>
    private static bool HasError(Summary[] summaries, string[] args) =>
        summaries.Length == 0
            ? !args.Any(a => a is "--help" or "-h" or "-?" or "--list" or "--info" or "--version")
            : summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
}
