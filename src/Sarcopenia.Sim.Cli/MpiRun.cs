using System.Globalization;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim run --mpi</c>: started as K processes by an MPI launcher (<c>mpirun -np K</c>, or <c>srun</c> with MPI
/// support), rank r runs shard r/K, the ranks add their partial results up in memory, and rank 0 writes the outputs a
/// single <c>sarcosim run</c> writes; the other ranks write and print nothing.
/// </summary>
internal static class MpiRun
{
    /// <summary>Runs <paramref name="request"/> as this process's share of an MPI job and returns the exit code.</summary>
    /// <exception cref="UsageException">The process was not started by an MPI launcher, no MPI library loads, or the launcher and the library belong to different MPIs.</exception>
    public static async Task<int> ExecuteAsync(CliContext context, RunRequest request, CancellationToken cancellation)
    {
        MpiLaunch launch = MpiLaunch.Require(Environment.GetEnvironmentVariable);
        MpiLibrary mpi = MpiLibrary.Load(Environment.GetEnvironmentVariable(MpiLibrary.LibraryVariable));
        mpi.Init();
        if (launch.Size is { } started && started != mpi.Size)
        {
            // Each process is then an MPI world of its own: left to run, every one would simulate and write everyone.
            mpi.Shutdown();
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--mpi: {launch.Launcher} started {started} processes, but {mpi.Description} sees {mpi.Size}: the launcher and the library belong to different MPIs; start the run with the mpirun of the library's MPI (e.g. mpirun.openmpi or mpirun.mpich), or set {MpiLibrary.LibraryVariable} to the launcher's library."));
        }

        try
        {
            return await RunCommand.ExecuteAsync(context, request, mpi, cancellation);
        }
        finally
        {
            // Reached after success and after failures every rank agreed on; any other failure under K > 1 ranks ends
            // the job in MPI_Abort before this.
            mpi.Shutdown();
        }
    }

    /// <summary>
    /// Adds every rank's partial results into rank 0's: rank 0 gets the complete result, the other ranks
    /// <see langword="null"/> once theirs is sent. Collective: every rank calls it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The partials travel as results files (<see cref="ResultsFile"/>, in memory) and are added by
    /// <see cref="SimulationResult.Merge(IEnumerable{SimulationResult}, bool)"/>, the merge behind <c>sarcosim merge</c>,
    /// rather than by an <c>MPI_Reduce</c> of the raw tables: every table is an exact integer sum, so both give the same
    /// bits, but the merge also refuses what does not belong. Each file carries the run hash (a rank that read another
    /// scenario file, or runs another version of the tool, is named instead of added), its person ranges (a lost or
    /// repeated rank is caught) and a checksum of its tables, and the merged result is the single run's by the
    /// same code that makes merged shards equal to it. The cost is a results file per rank (a few MB, whatever the
    /// people count) against minutes of simulation.
    /// </para>
    /// <para>
    /// The ranks add pairwise in a binomial tree: at step s = 1, 2, 4, …, rank r with r mod 2s = s sends what it holds to
    /// rank r − s and is done, and rank r with r mod 2s = 0 adds what rank r + s sends. Rank 0 thus adds log₂ K
    /// partials rather than K − 1, and no rank holds more than two results at a time.
    /// </para>
    /// </remarks>
    /// <exception cref="InvalidDataException">A rank's partial results do not belong to this run, or (on rank 0) people are missing; the message names the rank.</exception>
    public static SimulationResult? ReduceToRankZero(IRankCommunicator ranks, SimulationResult own)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        SimulationResult held = own;
        for (int step = 1; step < ranks.Size; step *= 2)
        {
            if (ranks.Rank % (2 * step) != 0)
            {
                using var buffer = new MemoryStream();
                ResultsFile.Write(held, buffer);
                ranks.Send(ranks.Rank - step, buffer.ToArray());
                return null;
            }

            int source = ranks.Rank + step;
            if (source < ranks.Size)
            {
                // Before this step each rank holds the partials of itself and the step − 1 ranks above it.
                string name = RanksName(source, step, ranks.Size);
                SimulationResult received = ResultsFile.Read(new MemoryStream(ranks.Receive(source)), name);
                held = SimulationResult.Merge([(held, RanksName(ranks.Rank, step, ranks.Size)), (received, name)], allowPartial: true);
            }
        }

        return held.IsComplete
            ? held
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The {ranks.Size} MPI ranks hold {held.People:N0} of {held.Cohort.People:N0} people; start every rank with the same tool and scenario file."));
    }

    /// <summary>The ranks <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 (at most the last), in words.</summary>
    private static string RanksName(int first, int count, int size)
    {
        int last = Math.Min(first + count, size) - 1;
        return last == first
            ? string.Create(CultureInfo.InvariantCulture, $"MPI rank {first}")
            : string.Create(CultureInfo.InvariantCulture, $"MPI ranks {first}-{last}");
    }
}

/// <summary>
/// What the MPI launcher told this process through its environment: its rank and the number of processes started
/// (when the launcher says), or that no launcher started it.
/// </summary>
/// <param name="Launcher">The launcher, in words, for messages.</param>
/// <param name="Rank">This process's rank.</param>
/// <param name="Size">The number of processes started, when the launcher says.</param>
internal readonly record struct MpiLaunch(string Launcher, int Rank, int? Size)
{
    /// <summary>
    /// Reads the variables the launchers set before the processes start: Open MPI's <c>mpirun</c> sets
    /// <c>OMPI_COMM_WORLD_RANK</c> and <c>_SIZE</c>; MPICH's and Intel MPI's Hydra <c>mpiexec</c> and Slurm's
    /// <c>srun --mpi=pmi2</c> set <c>PMI_RANK</c> and <c>PMI_SIZE</c>; PMIx launchers (<c>srun --mpi=pmix</c>, Open MPI
    /// 5's <c>prterun</c>) set <c>PMIX_RANK</c>. <see langword="null"/> when none of them started the process.
    /// </summary>
    /// <param name="variable">Reads an environment variable (<see langword="null"/> when unset).</param>
    public static MpiLaunch? Find(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return Number(variable, "OMPI_COMM_WORLD_RANK") is { } openMpiRank ? new MpiLaunch("Open MPI's mpirun", openMpiRank, Number(variable, "OMPI_COMM_WORLD_SIZE"))
            : Number(variable, "PMI_RANK") is { } pmiRank ? new MpiLaunch("the PMI launcher (mpiexec or srun --mpi=pmi2)", pmiRank, Number(variable, "PMI_SIZE"))
            : Number(variable, "PMIX_RANK") is { } pmixRank ? new MpiLaunch("the PMIx launcher", pmixRank, null)
            : null;
    }

    /// <summary>The launch <see cref="Find"/> reads.</summary>
    /// <param name="variable">Reads an environment variable (<see langword="null"/> when unset).</param>
    /// <exception cref="UsageException">No MPI launcher started the process; under <c>srun</c> without MPI support, the message says how to add it.</exception>
    public static MpiLaunch Require(Func<string, string?> variable) =>
        Find(variable) ?? throw new UsageException(Number(variable, "SLURM_NTASKS") is > 1 && variable("SLURM_STEP_ID") is not null
            // srun without MPI support starts every task as an MPI world of its own, each of which would run everyone.
            ? "--mpi: srun started these processes without MPI support; use srun --mpi=pmi2 (MPICH) or srun --mpi=pmix (Open MPI), or mpirun inside the allocation."
            : "--mpi needs an MPI launcher: start the run as 'mpirun -np K sarcosim run ... --mpi' (or with srun --mpi=pmix under Slurm); leave out --mpi to run in this process alone.");

    private static int? Number(Func<string, string?> variable, string name) =>
        int.TryParse(variable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
