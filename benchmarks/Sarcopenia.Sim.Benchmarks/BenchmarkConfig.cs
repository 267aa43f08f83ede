using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Sarcopenia.Sim.Benchmarks;

/// <summary>The configuration shared by every benchmark.</summary>
internal static class BenchmarkConfig
{
    /// <summary>Builds the configuration and returns the arguments left for BenchmarkDotNet.</summary>
    /// <remarks>Without a filter BenchmarkDotNet would ask which benchmarks to run; this program never prompts, so it runs all.</remarks>
    public static (IConfig Config, string[] BenchmarkArgs) Create(string[] args)
    {
        string[] benchmarkArgs = args.Any(IsSelection) ? args : [.. args, "--filter", "*"];
        return (ManualConfig.Create(DefaultConfig.Instance).AddColumn(StatisticColumn.Min), benchmarkArgs);
    }

    private static bool IsSelection(string arg) =>
        arg is "--filter" or "-f" or "--list" or "--allCategories" or "--anyCategories" or "--help" or "-h" or "-?" or "--version" or "--info";
}
