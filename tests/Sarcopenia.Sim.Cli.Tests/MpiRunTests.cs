using System.Collections.Concurrent;
using System.Text.Json;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// <c>sarcosim run --mpi</c> without MPI: the binding's flavour detection and library errors, the launcher checks, and the
/// ranks' run, reduction and agreement through an in-process stand-in for MPI. scripts/mpi-ci.sh runs the real thing
/// under Open MPI's and MPICH's mpirun.
/// </summary>
public sealed class MpiRunTests
{
    private const string People = "2000";

    [Fact]
    public void HandlesOf_OpenMpi_AreTheAddressesOfItsExportedGlobals()
    {
        var exports = new Dictionary<string, nint>
        {
            [MpiLibrary.OpenMpiWorldSymbol] = 0x1000,
            ["ompi_mpi_byte"] = 0x2000,
            ["ompi_mpi_int64_t"] = 0x3000,
            ["ompi_mpi_op_sum"] = 0x4000,
        };

        MpiHandles handles = MpiLibrary.HandlesOf(symbol => exports.GetValueOrDefault(symbol));

        Assert.Equal(new MpiHandles("Open MPI", 0x1000, 0x2000, 0x3000, 0x4000), handles);
    }

    [Fact]
    public void HandlesOf_WithoutOpenMpisWorld_AreMpichHeaderConstants()
    {
        MpiHandles handles = MpiLibrary.HandlesOf(symbol => symbol == "MPI_Init" ? 0x1234 : 0);

        // mpi.h of MPICH 4.0: MPI_COMM_WORLD, MPI_BYTE, MPI_INT64_T, MPI_SUM.
        Assert.Equal(new MpiHandles("MPICH ABI", 0x44000000, 0x4c00010d, 0x4c00083a, 0x58000003), handles);
    }

    [Fact]
    public void HandlesOf_OpenMpiMissingAHandle_IsRefusedNamingIt()
    {
        var e = Assert.Throws<EntryPointNotFoundException>(() => MpiLibrary.HandlesOf(symbol => symbol == MpiLibrary.OpenMpiWorldSymbol ? 0x1000 : 0));
        Assert.Contains("ompi_mpi_byte", e.Message);
    }

    [Fact]
    public void Load_LibraryThatDoesNotLoad_NamesTheVariableAndItsValue()
    {
        var e = Assert.Throws<UsageException>(() => MpiLibrary.Load("libsarcosim-no-such-mpi.so.1"));
        Assert.StartsWith("--mpi: MPI_LIBRARY=libsarcosim-no-such-mpi.so.1 could not be loaded", e.Message);
        Assert.Contains("libmpi.so.40, libmpich.so.12, libmpi.so.12, libmpi.so", e.Message);
    }

    [Fact]
    public void Load_LibraryWithoutMpi_SaysWhichFunctionIsMissing()
    {
        var e = Assert.Throws<UsageException>(() => MpiLibrary.Load("libc.so.6"));
        Assert.Equal("--mpi: libc.so.6 is not an MPI library: it does not export MPI_Init; set MPI_LIBRARY to the MPI library of the mpirun that starts the run.", e.Message);
    }

    [Fact]
    public void Find_ReadsEachLaunchersRankAndSize()
    {
        Assert.Equal(new MpiLaunch("Open MPI's mpirun", 1, 4), MpiLaunch.Find(Environment(("OMPI_COMM_WORLD_RANK", "1"), ("OMPI_COMM_WORLD_SIZE", "4"))));
        Assert.Equal(new MpiLaunch("the PMI launcher (mpiexec or srun --mpi=pmi2)", 2, 3), MpiLaunch.Find(Environment(("PMI_RANK", "2"), ("PMI_SIZE", "3"))));
        Assert.Equal(new MpiLaunch("the PMIx launcher", 0, null), MpiLaunch.Find(Environment(("PMIX_RANK", "0"))));
        Assert.Null(MpiLaunch.Find(Environment(("PMI_RANK", "x"))));
    }

    [Fact]
    public void Require_WithoutLauncher_SaysHowToStartTheRun()
    {
        var alone = Assert.Throws<UsageException>(() => MpiLaunch.Require(Environment()));
        Assert.StartsWith("--mpi needs an MPI launcher: start the run as 'mpirun -np K sarcosim run ... --mpi'", alone.Message);

        // srun without --mpi starts each task as a world of one: every task would run everyone.
        var srun = Assert.Throws<UsageException>(() => MpiLaunch.Require(Environment(("SLURM_NTASKS", "4"), ("SLURM_STEP_ID", "0"))));
        Assert.StartsWith("--mpi: srun started these processes without MPI support; use srun --mpi=pmi2", srun.Message);
    }

    [Fact]
    public void Run_MpiWithShard_ExitsTwoNamingBoth()
    {
        using var folder = new TempFolder();
        CliResult result = Sarcosim.Run("run", "--people", People, "--mpi", "--shard", "0/2", "--out", folder["out"]);

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Equal("sarcosim: --mpi and --shard 0/2 cannot be combined: under --mpi, rank r of the K processes mpirun starts runs shard r/K itself.", result.Error.Trim());
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Run_MpiOutsideALauncher_ExitsTwoWithOneLine()
    {
        // The test process was not started by mpirun, whether or not an MPI library is installed.
        CliResult result = Sarcosim.Run("run", "--people", People, "--mpi");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.StartsWith("sarcosim: --mpi", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Ranks_WriteOnRankZeroExactlyTheSingleRunsOutputs(int size)
    {
        using var folder = new TempFolder();
        Scenario scenario = SingleRun(folder["single"]);

        RankOutcome[] ranks = RunRanks(LoopbackRanks.Create(size), rank => new RunRequest(scenario, 1, rank == 0 ? folder["mpi"] : null, false, false, false, null));

        Assert.All(ranks, r => Assert.Equal(ExitCodes.Success, r.ExitCode));
        foreach (string name in new[] { RunOutputs.PrevalenceFile, RunOutputs.TraitsFile, RunOutputs.DeathsFile, RunOutputs.ScenarioFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder["single"], name)), File.ReadAllBytes(Path.Combine(folder["mpi"], name)));
        }

        SimulationResult merged = ResultsFile.Read(Path.Combine(folder["mpi"], ResultsFile.DefaultFileName));
        Assert.True(merged.IsComplete);
        Assert.True(merged.TablesEqual(ResultsFile.Read(Path.Combine(folder["single"], ResultsFile.DefaultFileName))));
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder["mpi"], RunOutputs.ManifestFile)));
        Assert.Equal(size, manifest.RootElement.GetProperty("mpiRanks").GetInt32());
        Assert.False(manifest.RootElement.TryGetProperty("shard", out _));

        Assert.Contains($"mpi: {size} ranks, loopback", ranks[0].Output);
        Assert.Contains("Prevalence by age band", ranks[0].Output);
        Assert.All(ranks.Skip(1), r => Assert.Equal("", r.Output + r.Error));
        Assert.Equal(["mpi", "single"], folder.Entries());
    }

    [Fact]
    public void Ranks_RankZeroCannotWrite_EveryRankStopsBeforeTheRun()
    {
        using var folder = new TempFolder();
        Scenario scenario = SingleRun(folder["single"]);
        LoopbackRanks[] ranks = LoopbackRanks.Create(3);

        // Rank 0 refuses the existing folder; the others learn it from the agreement and return its exit code unheard.
        RankOutcome[] outcomes = RunRanks(ranks, rank => new RunRequest(scenario, 1, rank == 0 ? folder["single"] : null, false, false, false, null));

        Assert.IsType<OutputDirectoryException>(outcomes[0].Failure);
        Assert.All(outcomes.Skip(1), r => Assert.Equal((ExitCodes.OutputUnavailable, ""), (r.ExitCode, r.Output + r.Error)));
        Assert.All(ranks, r => Assert.Equal(0, r.Sent));
    }

    [Fact]
    public void Ranks_ARankOfAnotherRun_AbortsTheJobNamingTheRank()
    {
        using var folder = new TempFolder();
        Scenario scenario = SingleRun(folder["single"]);
        LoopbackRanks[] ranks = LoopbackRanks.Create(2);

        // Rank 1 read another scenario file (another seed): its partial must be refused, never added.
        RankOutcome[] outcomes = RunRanks(ranks, rank => new RunRequest(rank == 0 ? scenario : scenario with { Seed = scenario.Seed + 1 }, 1, rank == 0 ? folder["mpi"] : null, false, false, false, null));

        Assert.Equal(ExitCodes.InvalidInput, outcomes[0].ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, ranks[0].AbortedWith);
        Assert.StartsWith("sarcosim: MPI rank 1 is not part of the same run as MPI rank 0 (seed 4 instead of 3)", outcomes[0].Error);
        Assert.False(Directory.Exists(folder["mpi"]));
    }

    private static Scenario SingleRun(string folder)
    {
        CliResult single = Sarcosim.Run("run", "--people", People, "--seed", "3", "--threads", "2", "--out", folder);
        Assert.True(single.ExitCode == 0, single.ToString());
        return ScenarioFile.Load(Path.Combine(folder, RunOutputs.ScenarioFileName));
    }

    /// <summary>Runs every rank's <c>sarcosim run --mpi</c> on a thread of its own, as mpirun would in processes.</summary>
    private static RankOutcome[] RunRanks(LoopbackRanks[] ranks, Func<int, RunRequest> request)
    {
        Task<RankOutcome>[] running =
        [
            .. ranks.Select(rank => Task.Run(async () =>
            {
                var output = new StringWriter();
                var error = new StringWriter();
                var context = new CliContext(Sarcosim.PlainConsole(output), error);
                try
                {
                    int code = await RunCommand.ExecuteAsync(context, request(rank.Rank), rank, CancellationToken.None);
                    return new RankOutcome(code, output.ToString(), error.ToString(), null);
                }
                catch (Exception e)
                {
                    return new RankOutcome(-1, output.ToString(), error.ToString(), e);
                }
            })),
        ];
        return Task.WhenAll(running).GetAwaiter().GetResult();
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private sealed record RankOutcome(int ExitCode, string Output, string Error, Exception? Failure);

    /// <summary>
    /// MPI's part, in one process: ranks are threads, messages travel through queues, and an all-reduce meets at a
    /// barrier. Abort records the exit code (MPI would end the job).
    /// </summary>
    private sealed class LoopbackRanks : IRankCommunicator
    {
        // Long enough for any run these tests make; a rank waiting for a message that never comes fails instead of hanging.
        private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(1);

        private readonly BlockingCollection<byte[]>[,] _mail;
        private readonly Barrier _barrier;
        private readonly long[] _values;

        private LoopbackRanks(int rank, BlockingCollection<byte[]>[,] mail, Barrier barrier, long[] values) =>
            (Rank, _mail, _barrier, _values) = (rank, mail, barrier, values);

        public int Rank { get; }

        public int Size => _values.Length;

        public string Description => "loopback";

        public int Sent { get; private set; }

        public int? AbortedWith { get; private set; }

        public static LoopbackRanks[] Create(int size)
        {
            var mail = new BlockingCollection<byte[]>[size, size];
            for (int from = 0; from < size; from++)
            {
                for (int to = 0; to < size; to++)
                {
                    mail[from, to] = [];
                }
            }

            var barrier = new Barrier(size);
            long[] values = new long[size];
            return [.. Enumerable.Range(0, size).Select(rank => new LoopbackRanks(rank, mail, barrier, values))];
        }

        public long SumAll(long value)
        {
            _values[Rank] = value;
            _barrier.SignalAndWait(s_patience);
            long sum = _values.Sum();
            _barrier.SignalAndWait(s_patience);
            return sum;
        }

        public void Send(int destination, byte[] message)
        {
            _mail[Rank, destination].Add(message);
            Sent++;
        }

        public byte[] Receive(int source) =>
            _mail[source, Rank].TryTake(out byte[]? message, s_patience) ? message : throw new TimeoutException($"rank {Rank} waited for rank {source} in vain");

        public void Abort(int exitCode) => AbortedWith = exitCode;
    }
}
