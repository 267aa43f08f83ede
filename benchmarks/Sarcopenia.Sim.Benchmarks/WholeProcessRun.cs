using System.Diagnostics;
using System.Globalization;
using Sarcopenia.Sim.Benchmarks.Engine;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Benchmarks;

/// <summary>
/// One plain RW1 run in this process, outside BenchmarkDotNet, for cohorts too large to repeat (10^8 people) and for
/// the process's peak working set:
/// <c>dotnet Sarcopenia.Sim.Benchmarks.dll --whole-process [--people N] [--threads T] [--chunk-size C] [--philox-rounds R] [--max-vector-bits B] [--twins]</c>
/// (R = 10, the default, or 7: RW1 accepts any sound generator; B = 128, 256 or 512 caps the vector width, which is
/// otherwise the machine's widest; --twins puts everyone in twin pairs).
/// </summary>
internal static class WholeProcessRun
{
    public const string Flag = "--whole-process";

    private const long DefaultPeople = 100_000_000;

    public static int Run(string[] args)
    {
        long people = DefaultPeople;
        int? threads = null;
        int chunkSize = RunOptions.DefaultChunkSize;
        int rounds = Presets.ReferenceWorkload.PhiloxRounds;
        int? vectorBits = null;
        bool twins = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--people" when i + 1 < args.Length:
                    people = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--threads" when i + 1 < args.Length:
                    threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--chunk-size" when i + 1 < args.Length:
                    chunkSize = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--philox-rounds" when i + 1 < args.Length:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--max-vector-bits" when i + 1 < args.Length:
                    vectorBits = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--twins":
                    twins = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument \"{args[i]}\". Usage: {Flag} [--people N] [--threads T] [--chunk-size C] [--philox-rounds R] [--max-vector-bits B] [--twins]");
                    return 1;
            }
        }

        var wall = Stopwatch.StartNew();
        SimulationResult result;
        try
        {
            result = Simulation.Run(
                Presets.ReferenceWorkload with { PhiloxRounds = rounds },
                twins ? TwinCohortBenchmarks.AllTwins(people) : Presets.ReferenceWorkloadCohort(people),
                ReferenceWorkloadBenchmarks.Seed,
                ReferenceWorkloadBenchmarks.s_options with { Threads = threads, ChunkSize = chunkSize, MaxVectorBits = vectorBits });
        }
        catch (ParameterValidationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        wall.Stop();

        using Process process = Process.GetCurrentProcess();
        CultureInfo c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"RW1{(twins ? " as twin pairs" : "")} people={people:N0} person-years={result.PersonYears:N0} threads={threads?.ToString(c) ?? $"all ({Environment.ProcessorCount})"} chunk={chunkSize} vectors={result.VectorBits} bits Philox4x32-{rounds}"));
        Console.WriteLine(string.Create(c, $"engine {result.Elapsed.TotalSeconds:F3} s = {result.PersonYearsPerSecond / 1e6:N1} M person-years/s ({1e9 / result.PersonYearsPerSecond:F3} ns/person-year)"));
        Console.WriteLine(string.Create(c, $"Simulation.Run {wall.Elapsed.TotalSeconds:F3} s; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):N1} MiB"));

        // On a shared machine wall time includes waiting for a core; CPU time does not, so it is the steadier figure.
        double cpuSeconds = process.TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(c, $"process CPU {cpuSeconds:F3} s = {result.PersonYears / cpuSeconds / 1e6:N1} M person-years per CPU-second ({cpuSeconds * 1e9 / result.PersonYears:F3} CPU-ns/person-year, start-up included)"));
        Console.WriteLine(string.Create(c, $"check: mean ASM at 100, women {result.Summary(Trait.Asm, 100, Sex.Female).Mean:F4} kg, men {result.Summary(Trait.Asm, 100, Sex.Male).Mean:F4} kg"));
        return 0;
    }
}
