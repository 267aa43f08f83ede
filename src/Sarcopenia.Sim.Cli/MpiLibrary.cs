using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// The processes of one run started together by an MPI launcher (<c>mpirun -np K</c>): who this one is, how many there
/// are, and the few messages <c>sarcosim run --mpi</c> exchanges. <see cref="MpiLibrary"/> is the real one; tests use an
/// in-process stand-in, so that the reduction and the command's rank logic are tested without MPI.
/// </summary>
internal interface IRankCommunicator
{
    /// <summary>This process's rank, 0 to <see cref="Size"/> − 1.</summary>
    int Rank { get; }

    /// <summary>The number of processes.</summary>
    int Size { get; }

    /// <summary>The MPI behind the ranks, for the run's report, e.g. <c>Open MPI (libmpi.so.40)</c>.</summary>
    string Description { get; }

    /// <summary>The sum of every rank's <paramref name="value"/>, returned on every rank (collective: every rank calls it).</summary>
    long SumAll(long value);

    /// <summary>Sends <paramref name="message"/> to rank <paramref name="destination"/>, which receives it with <see cref="Receive"/>.</summary>
    void Send(int destination, byte[] message);

    /// <summary>Receives the next message that rank <paramref name="source"/> sent to this one (messages arrive in the order sent).</summary>
    byte[] Receive(int source);

    /// <summary>
    /// Ends every rank of the job with <paramref name="exitCode"/> (<c>MPI_Abort</c>): after a failure, the other ranks
    /// may be waiting for this one's message and would otherwise wait forever. Does not return under MPI.
    /// </summary>
    void Abort(int exitCode);
}

/// <summary>
/// A thin binding to the system's MPI C library, loaded when <c>sarcosim run --mpi</c> starts: the eight functions an
/// additive-table run needs, called through function pointers. No MPI package and no MPI at build time: the tool runs
/// without MPI, and the library the cluster provides is found by its file name.
/// </summary>
/// <remarks>
/// <para>
/// MPI standardises its C API but not its ABI. Two ABIs cover the MPIs clusters run (tested with Open MPI 4.1 and
/// MPICH 4.0 on Debian 12): Open MPI's handles are the addresses of exported globals (<c>MPI_COMM_WORLD</c> is
/// <c>&amp;ompi_mpi_comm_world</c>), while MPICH and the MPIs derived from it (Intel MPI, MVAPICH, Cray MPICH) use
/// fixed integers from <c>mpi.h</c>. The flavour is told by whether the library exports <c>ompi_mpi_comm_world</c>;
/// handles travel as <see cref="nint"/>, which carries an <c>int</c> handle in a 64-bit register as the C ABI does on
/// x86-64 and arm64.
/// </para>
/// <para>
/// MPI is called from one thread only (the command's), after <c>MPI_Init</c>, which asks for
/// <c>MPI_THREAD_SINGLE</c>; the engine's worker threads never call it.
/// </para>
/// </remarks>
internal sealed unsafe class MpiLibrary : IRankCommunicator
{
    /// <summary>The environment variable naming the MPI library to load (a file name or path), instead of <see cref="Sonames"/>.</summary>
    public const string LibraryVariable = "MPI_LIBRARY";

    /// <summary>
    /// The file names tried in order when <see cref="LibraryVariable"/> is not set: Open MPI 3 to 5, MPICH 3 and 4, the
    /// MPICH-ABI name of Intel MPI and MVAPICH, and the unversioned development link.
    /// </summary>
    public static readonly ImmutableArray<string> Sonames = ["libmpi.so.40", "libmpich.so.12", "libmpi.so.12", "libmpi.so"];

    /// <summary>The symbol only Open MPI exports: <c>MPI_COMM_WORLD</c> is its address.</summary>
    public const string OpenMpiWorldSymbol = "ompi_mpi_comm_world";

    // mpi.h of MPICH 3 and 4 (and of MS-MPI, Intel MPI and MVAPICH, which keep its ABI).
    private const int MpichCommWorld = 0x44000000;
    private const int MpichByte = 0x4c00010d;
    private const int MpichInt64 = 0x4c00083a;
    private const int MpichSum = 0x58000003;

    // The message tag of every send: messages between two ranks are then received in the order they were sent.
    private const int Tag = 0;

    // MPI_Status is 20 bytes in MPICH and 24 in Open MPI; receiving into a buffer this large avoids the flavour's
    // MPI_STATUS_IGNORE, which differs too (0 in Open MPI, 1 in MPICH).
    private const int StatusBytes = 64;

    private const int Success = 0;

    private readonly nint _library;
    private readonly MpiHandles _handles;
    private readonly string _name;
    private readonly delegate* unmanaged<int*, byte***, int> _init;
    private readonly delegate* unmanaged<int> _finalize;
    private readonly delegate* unmanaged<nint, int, int> _abort;
    private readonly delegate* unmanaged<nint, int*, int> _commRank;
    private readonly delegate* unmanaged<nint, int*, int> _commSize;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> _allreduce;
    private readonly delegate* unmanaged<void*, int, nint, int, int, nint, int> _send;
    private readonly delegate* unmanaged<void*, int, nint, int, int, nint, void*, int> _recv;

    private MpiLibrary(nint library, string name)
    {
        _library = library;
        _name = name;
        _init = (delegate* unmanaged<int*, byte***, int>)Export("MPI_Init");
        _finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        _abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        _commRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        _commSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        _allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        _send = (delegate* unmanaged<void*, int, nint, int, int, nint, int>)Export("MPI_Send");
        _recv = (delegate* unmanaged<void*, int, nint, int, int, nint, void*, int>)Export("MPI_Recv");
        _handles = HandlesOf(symbol => NativeLibrary.TryGetExport(library, symbol, out nint address) ? address : 0);
    }

    /// <inheritdoc/>
    public int Rank { get; private set; }

    /// <inheritdoc/>
    public int Size { get; private set; } = 1;

    /// <inheritdoc/>
    public string Description => $"{_handles.Flavour} ({_name})";

    /// <summary>
    /// Loads the MPI library: the one <see cref="LibraryVariable"/> names if <paramref name="requested"/> is set,
    /// otherwise the first of <see cref="Sonames"/> that loads.
    /// </summary>
    /// <param name="requested">The value of <see cref="LibraryVariable"/>, or <see langword="null"/>.</param>
    /// <exception cref="UsageException">No library loads, or the one loaded is not an MPI library; the message names what was tried.</exception>
    public static MpiLibrary Load(string? requested)
    {
        ImmutableArray<string> candidates = string.IsNullOrEmpty(requested) ? Sonames : [requested];
        foreach (string candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out nint library))
            {
                try
                {
                    return new MpiLibrary(library, candidate);
                }
                catch (EntryPointNotFoundException e)
                {
                    NativeLibrary.Free(library);
                    throw new UsageException($"--mpi: {candidate} is not an MPI library: {e.Message}; set {LibraryVariable} to the MPI library of the mpirun that starts the run.");
                }
            }
        }

        throw new UsageException(string.IsNullOrEmpty(requested)
            ? $"--mpi needs an MPI library, but none of {string.Join(", ", Sonames)} could be loaded; install Open MPI or MPICH (e.g. apt-get install openmpi-bin), or set {LibraryVariable} to the library's file name or path."
            : $"--mpi: {LibraryVariable}={requested} could not be loaded; set it to the file name or path of an MPI library (e.g. libmpi.so.40 or libmpich.so.12), or unset it to try {string.Join(", ", Sonames)}.");
    }

    /// <summary>
    /// The handles of the library whose exported symbols <paramref name="export"/> finds (0 when absent): the addresses
    /// of Open MPI's globals if it exports <see cref="OpenMpiWorldSymbol"/>, MPICH's <c>mpi.h</c> constants otherwise.
    /// </summary>
    internal static MpiHandles HandlesOf(Func<string, nint> export)
    {
        nint world = export(OpenMpiWorldSymbol);
        if (world == 0)
        {
            return new MpiHandles("MPICH ABI", MpichCommWorld, MpichByte, MpichInt64, MpichSum);
        }

        nint Required(string symbol) => export(symbol) is not 0 and nint address
            ? address
            : throw new EntryPointNotFoundException($"it exports {OpenMpiWorldSymbol} but not {symbol}");
        return new MpiHandles("Open MPI", world, Required("ompi_mpi_byte"), Required("ompi_mpi_int64_t"), Required("ompi_mpi_op_sum"));
    }

    /// <summary>Starts MPI (<c>MPI_Init</c>) and reads this process's rank and the number of processes.</summary>
    public void Init()
    {
        Check(_init(null, null), "MPI_Init");
        int rank;
        int size;
        Check(_commRank(_handles.CommWorld, &rank), "MPI_Comm_rank");
        Check(_commSize(_handles.CommWorld, &size), "MPI_Comm_size");
        (Rank, Size) = (rank, size);
    }

    /// <summary>Ends MPI (<c>MPI_Finalize</c>); every rank calls it once its messages are sent and received.</summary>
    public void Shutdown() => Check(_finalize(), "MPI_Finalize");

    /// <inheritdoc/>
    public void Abort(int exitCode) => _abort(_handles.CommWorld, exitCode);

    /// <inheritdoc/>
    public long SumAll(long value)
    {
        long sum;
        Check(_allreduce(&value, &sum, 1, _handles.Int64, _handles.Sum, _handles.CommWorld), "MPI_Allreduce");
        return sum;
    }

    /// <inheritdoc/>
    /// <remarks>Two messages: the length as one 64-bit integer, then the bytes (fewer than 2³¹, as every .NET array holds).</remarks>
    public void Send(int destination, byte[] message)
    {
        long length = message.Length;
        Check(_send(&length, 1, _handles.Int64, destination, Tag, _handles.CommWorld), "MPI_Send");
        fixed (byte* bytes = message)
        {
            Check(_send(bytes, message.Length, _handles.Byte, destination, Tag, _handles.CommWorld), "MPI_Send");
        }
    }

    /// <inheritdoc/>
    public byte[] Receive(int source)
    {
        byte* status = stackalloc byte[StatusBytes];
        long length;
        Check(_recv(&length, 1, _handles.Int64, source, Tag, _handles.CommWorld, status), "MPI_Recv");
        byte[] message = new byte[checked((int)length)];
        fixed (byte* bytes = message)
        {
            Check(_recv(bytes, message.Length, _handles.Byte, source, Tag, _handles.CommWorld, status), "MPI_Recv");
        }

        return message;
    }

    private nint Export(string symbol) =>
        NativeLibrary.TryGetExport(_library, symbol, out nint address) ? address : throw new EntryPointNotFoundException($"it does not export {symbol}");

    // MPI's default error handler aborts the job before a call returns an error; this catches handlers set otherwise.
    private static void Check(int code, string function)
    {
        if (code != Success)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{function} failed with MPI error code {code}."));
        }
    }
}

/// <summary>The MPI handles <see cref="MpiLibrary"/> passes, in the ABI of the library loaded.</summary>
/// <param name="Flavour">The ABI: <c>Open MPI</c> or <c>MPICH ABI</c>.</param>
/// <param name="CommWorld"><c>MPI_COMM_WORLD</c>.</param>
/// <param name="Byte"><c>MPI_BYTE</c>.</param>
/// <param name="Int64"><c>MPI_INT64_T</c>.</param>
/// <param name="Sum"><c>MPI_SUM</c>.</param>
internal readonly record struct MpiHandles(string Flavour, nint CommWorld, nint Byte, nint Int64, nint Sum);
