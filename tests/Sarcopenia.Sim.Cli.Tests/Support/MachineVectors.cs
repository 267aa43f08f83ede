using System.Runtime.Intrinsics;

namespace Sarcopenia.Sim.Cli.Tests.Support;

/// <summary>What the tool's summary should report about this machine's vectors.</summary>
internal static class MachineVectors
{
    /// <summary>The widest vectors the machine accelerates, in bits: the width the tool runs at unless capped.</summary>
    public static int WidestBits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;
}
