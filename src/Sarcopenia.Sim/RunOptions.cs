using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim;

/// <summary>How a run is executed and what it accumulates. None of these change any person's draws.</summary>
public sealed record RunOptions
{
    /// <summary>The default chunk size: 4096 people keep a chunk's columns (about 100 bytes a person) inside a 512 KiB L2 cache.</summary>
    public const int DefaultChunkSize = 4096;

    /// <summary>Worker threads; <see langword="null"/> uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>People per chunk. Results do not depend on it.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Traits whose count, mean and SD are accumulated by age, sex and ancestry.</summary>
    public TraitSet Statistics { get; init; } = TraitSet.All;

    /// <summary>
    /// Whether the <see cref="Statistics"/> traits' SDs are accumulated too (a sum of squares beside each sum). A run
    /// that needs only counts and means, as RW1 does, saves a few percent of its time by turning them off; its SDs
    /// are then NaN.
    /// </summary>
    public bool StandardDeviations { get; init; } = true;

    /// <summary>Traits whose fixed-bin histograms (for centiles) are accumulated; they cost extra, so they are opt-in.</summary>
    public TraitSet Histograms { get; init; } = TraitSet.None;

    /// <summary>
    /// This process's shard, 0-based: people ⌊index·people/count⌋ up to ⌊(index + 1)·people/count⌋ (see
    /// <see cref="Results.PersonRange.OfShard(Population.CohortSpec, int, int)"/>), whatever the chunk size and thread count.
    /// </summary>
    public int ShardIndex { get; init; }

    /// <summary>The number of shards the cohort is split into; shard results add up to the whole run exactly.</summary>
    public int ShardCount { get; init; } = 1;

    /// <summary>
    /// The widest SIMD vectors the kernels may use, in bits: 128, 256 or 512; <see langword="null"/> (the default) uses
    /// the machine's widest (512 bits with AVX-512, 256 with AVX2, 128 on ARM64). Results do not depend on it; it is
    /// there to compare widths and to measure each.
    /// </summary>
    public int? MaxVectorBits { get; init; }

    /// <summary>Receives the number of people completed so far (called from worker threads).</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>Stops the run between chunks.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Checks every field, adding problems to <paramref name="v"/>.</summary>
    public void Validate(ParameterValidator v, string path = "options")
    {
        ArgumentNullException.ThrowIfNull(v);
        if (Threads is int threads)
        {
            v.Range($"{path}.threads", threads, 1, 1024);
        }

        v.Range($"{path}.chunkSize", ChunkSize, 1, 1 << 20);
        if (MaxVectorBits is int bits && !Numerics.VectorWidth.IsOffered(bits))
        {
            v.Fail($"{path}.maxVectorBits", bits.ToString(System.Globalization.CultureInfo.InvariantCulture), "128, 256 or 512");
        }

        v.Range($"{path}.shardCount", ShardCount, 1, 1 << 20);
        v.Range($"{path}.shardIndex", ShardIndex, 0, Math.Max(0, ShardCount - 1));
        if ((Statistics & ~TraitSet.All) != 0)
        {
            v.Fail($"{path}.statistics", Statistics.ToString(), $"a combination of {string.Join(", ", Enum.GetNames<Trait>())}");
        }

        if ((Histograms & ~TraitSet.All) != 0)
        {
            v.Fail($"{path}.histograms", Histograms.ToString(), $"a combination of {string.Join(", ", Enum.GetNames<Trait>())}");
        }
    }
}
