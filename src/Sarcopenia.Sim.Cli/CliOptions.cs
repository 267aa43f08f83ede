using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Options whose values the tool parses itself, so that a bad value is reported as the user typed it ("--people 1.5 is
/// not allowed; expected ..."), never with the parser's .NET type names, and counts may be written as people write
/// them: <c>1000000</c>, <c>1_000_000</c>, <c>1,000,000</c> or <c>1e6</c>.
/// </summary>
internal static class CliOptions
{
    /// <summary>The widths <see cref="RunOptions.MaxVectorBits"/> accepts, so that a bad one is refused under the option's own name.</summary>
    private static readonly int[] s_vectorWidths = [128, 256, 512];

    /// <summary>An option holding a whole number in [<paramref name="min"/>, <paramref name="max"/>]; absent is <see langword="null"/>.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="alias">Its short form, if any.</param>
    /// <param name="description">The help text.</param>
    /// <param name="min">The least value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="examples">Examples for error messages, e.g. ", e.g. 100000, 100_000 or 1e5", for options whose values are large.</param>
    public static Option<long?> Count(string name, string? alias, string description, long min, long max, string examples = "")
    {
        Option<long?> option = alias is null ? new(name) : new(name, alias);
        option.Description = description;
        option.CustomParser = result => ParseOne<long>(result, text => ParseCount(text) is long value && value >= min && value <= max ? value : null,
            $"a whole number from {min:N0} to {max:N0}{examples}");
        return option;
    }

    /// <summary>An option holding a seed: a whole number from 0 to 2^64 − 1.</summary>
    public static Option<ulong?> Seed(string name, string description)
    {
        var option = new Option<ulong?>(name) { Description = description };
        option.CustomParser = result => ParseOne<ulong>(result, text => ulong.TryParse(WithoutSeparators(text), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) ? value : null,
            $"a whole number from 0 to {ulong.MaxValue}");
        return option;
    }

    /// <summary>
    /// An option holding a shard as <c>k/N</c>: shard <c>k</c> (0-based, as Slurm's array task ids are) of <c>N</c>,
    /// N from 1 to <see cref="ShardSpec.MaxCount"/>; absent is <see langword="null"/>.
    /// </summary>
    public static Option<ShardSpec?> Shard(string name, string description)
    {
        var option = new Option<ShardSpec?>(name) { Description = description };
        option.CustomParser = result => ParseOne<ShardSpec>(result, ShardSpec.Parse,
            $"k/N: N shards, a whole number from 1 to {ShardSpec.MaxCount:N0}, and k from 0 to N-1 (0-based), e.g. 0/4");
        return option;
    }

    /// <summary>
    /// <c>--max-vector-bits B</c>: the widest SIMD vectors the engine may use (<see cref="RunOptions.MaxVectorBits"/>),
    /// 128, 256 or 512 bits; absent is <see langword="null"/>, the machine's widest.
    /// </summary>
    public static Option<int?> MaxVectorBits()
    {
        var option = new Option<int?>("--max-vector-bits")
        {
            HelpName = "128|256|512",
            Description = "The widest SIMD vectors the engine may use, in bits: 128, 256 or 512 (default: the machine's widest). Results do not depend on it; it is there to compare and measure widths.",
        };
        option.CustomParser = result => ParseOne<int>(result,
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int bits) && s_vectorWidths.Contains(bits) ? bits : null,
            "128, 256 or 512");
        return option;
    }

    /// <summary>An option holding one of <paramref name="allowed"/> (case ignored); absent is <paramref name="fallback"/>.</summary>
    public static Option<TEnum> Choice<TEnum>(string name, string description, TEnum fallback, params TEnum[] allowed)
        where TEnum : struct, Enum
    {
        var option = new Option<TEnum>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.CustomParser = result => ParseOne(result,
            text => allowed.Cast<TEnum?>().FirstOrDefault(a => string.Equals(a.ToString(), text, StringComparison.OrdinalIgnoreCase)),
            $"one of {string.Join(", ", allowed)}") ?? fallback;
        return option;
    }

    /// <summary>
    /// Parses a count as people type it: digits with <c>_</c> or <c>,</c> between them, or a number in scientific notation
    /// whose value is whole (<c>1e6</c>, <c>2.5e5</c>).
    /// </summary>
    internal static long? ParseCount(string text)
    {
        string plain = WithoutSeparators(text);
        if (long.TryParse(plain, NumberStyles.None, CultureInfo.InvariantCulture, out long whole))
        {
            return whole;
        }

        // Doubles hold every whole number up to 2^53 exactly, far above any cohort the engine accepts.
        return plain.Contains('e', StringComparison.OrdinalIgnoreCase)
            && double.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double value)
            && value == Math.Floor(value) && value <= long.MaxValue
                ? (long)value
                : null;
    }

    /// <summary>Removes digit-group separators that stand between two digits; anything else is left for the parser to refuse.</summary>
    private static string WithoutSeparators(string text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            bool separator = text[i] is '_' or ',' && i > 0 && i < text.Length - 1 && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);
            if (!separator)
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }

    private static T? ParseOne<T>(ArgumentResult result, Func<string, T?> parse, string allowed)
        where T : struct
    {
        string typed = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? "the option";
        if (result.Tokens.Count == 0)
        {
            result.AddError($"{typed} needs a value; expected {allowed}.");
            return null;
        }

        string text = result.Tokens[0].Value;
        if (parse(text) is T value)
        {
            return value;
        }

        result.AddError($"{typed} {text} is not allowed; expected {allowed}.");
        return null;
    }
}
