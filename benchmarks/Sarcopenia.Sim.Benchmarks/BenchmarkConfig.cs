using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;

namespace Sarcopenia.Sim.Benchmarks;

/// <summary>The configuration shared by every benchmark, and the command-line flags this program adds to BenchmarkDotNet's.</summary>
internal static class BenchmarkConfig
{
    /// <summary>Runs every job twice: as given, and with <see cref="Vector512Variable"/> = 512.</summary>
    public const string VectorWidthsFlag = "--vector-widths";

    /// <summary>
    /// .NET 10 keeps <c>Vector&lt;T&gt;</c> at 256 bits on AVX-512 hardware unless this environment variable asks for
    /// 512 (the runtimeconfig.json knob is not honoured). Every engine kernel is written against <c>Vector&lt;T&gt;</c>.
    /// </summary>
    public const string Vector512Variable = "DOTNET_MaxVectorTBitWidth";

    /// <summary>Builds the configuration and returns the arguments left for BenchmarkDotNet.</summary>
    /// <remarks>
    /// Without a filter BenchmarkDotNet would ask which benchmarks to run; this program never prompts, so it runs all.
    /// The vector-width twins are derived from the jobs BenchmarkDotNet parses from the same arguments
    /// (<c>--job short</c>, <c>--launchCount</c>, ...), so the pair differs only by the environment variable.
    /// </remarks>
    public static (IConfig Config, string[] BenchmarkArgs) Create(string[] args)
    {
        bool vectorWidths = args.Contains(VectorWidthsFlag);
        string[] benchmarkArgs = [.. args.Where(a => a != VectorWidthsFlag)];
        if (!benchmarkArgs.Any(IsSelection))
        {
            benchmarkArgs = [.. benchmarkArgs, "--filter", "*"];
        }

        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance).AddColumn(StatisticColumn.Min);
        if (vectorWidths)
        {
            (bool parsed, IConfig? parsedConfig, _) = ConfigParser.Parse(benchmarkArgs, NullLogger.Instance);
            Job[] jobs = parsed && parsedConfig is not null ? [.. parsedConfig.GetJobs()] : [];
            foreach (Job job in jobs.Length > 0 ? jobs : [Job.Default])
            {
                // The unchanged job is identical to the one BenchmarkDotNet parses again, so it is not run twice.
                config.AddJob(job);
                config.AddJob(job.WithEnvironmentVariable(Vector512Variable, "512").WithId($"{job.Id}-Vector512"));
            }
        }

        return (config, benchmarkArgs);
    }

    private static bool IsSelection(string arg) =>
        arg is "--filter" or "-f" or "--list" or "--allCategories" or "--anyCategories" or "--help" or "-h" or "-?" or "--version" or "--info";
}
