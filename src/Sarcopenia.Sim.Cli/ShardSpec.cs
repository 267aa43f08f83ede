using System.Globalization;

namespace Sarcopenia.Sim.Cli;

/// <summary>Shard <see cref="Index"/> (0-based) of <see cref="Count"/>, as <c>--shard k/N</c> gives it.</summary>
/// <param name="Index">The shard, 0 to <see cref="Count"/> − 1.</param>
/// <param name="Count">The number of shards.</param>
internal readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The engine's own limit on the number of shards (<c>RunOptions.Validate</c>), so that it is refused under the option's name.</summary>
    public const int MaxCount = 1 << 20;

    /// <summary>Parses <c>k/N</c>; <see langword="null"/> unless both are whole numbers with 0 ≤ k &lt; N ≤ <see cref="MaxCount"/>.</summary>
    public static ShardSpec? Parse(string text)
    {
        string[] parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count is >= 1 and <= MaxCount && index < count
                ? new ShardSpec(index, count)
                : null;
    }

    /// <summary>The shard as the option takes it, e.g. <c>2/4</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
