using System.Globalization;

namespace Sarcopenia.Sim.Common;

/// <summary>One problem found in a scenario or parameter set.</summary>
/// <param name="Path">Where the value sits, e.g. <c>massLoss.personalSigma</c>.</param>
/// <param name="Value">The offending value, as text.</param>
/// <param name="Allowed">What would have been accepted.</param>
public sealed record ParameterError(string Path, string Value, string Allowed)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Value} is not allowed; expected {Allowed}.";
}

/// <summary>Thrown when parameters fail validation; lists every problem found, not just the first.</summary>
public sealed class ParameterValidationException : ArgumentException
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ParameterValidationException(IReadOnlyList<ParameterError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ParameterError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<ParameterError> errors) =>
        errors.Count == 1
            ? $"Invalid parameter: {errors[0]}"
            : $"{errors.Count} invalid parameters:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}

/// <summary>A numeric range that a value at <paramref name="Path"/> was checked against, pass or fail.</summary>
/// <param name="Path">Where the value sits, e.g. <c>massLoss.personalSigma</c>.</param>
/// <param name="Minimum">The least value allowed.</param>
/// <param name="Maximum">The largest value allowed, or <see langword="null"/> for no bound.</param>
/// <param name="ExclusiveMinimum">Whether <paramref name="Minimum"/> itself is not allowed.</param>
/// <param name="ExclusiveMaximum">Whether <paramref name="Maximum"/> itself is not allowed.</param>
internal sealed record ParameterRange(string Path, double Minimum, double? Maximum, bool ExclusiveMinimum, bool ExclusiveMaximum);

/// <summary>
/// Collects validation problems at the boundary of the library, so that kernels never validate and users see
/// every problem at once, each naming the field, the value and what is allowed.
/// </summary>
public sealed class ParameterValidator
{
    private readonly List<ParameterError> _errors = [];
    private readonly List<ParameterRange> _ranges = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<ParameterError> Errors => _errors;

    /// <summary>Every range checked so far, so the JSON Schema can give editors the same bounds as validation.</summary>
    internal IReadOnlyList<ParameterRange> Ranges => _ranges;

    /// <summary>Records a problem.</summary>
    public void Fail(string path, string value, string allowed) => _errors.Add(new ParameterError(path, value, allowed));

    /// <summary>Requires a finite value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Range(string path, double value, double min, double max)
    {
        _ranges.Add(new ParameterRange(path, min, max, false, false));
        if (!double.IsFinite(value) || value < min || value > max)
        {
            Fail(path, Format(value), $"a finite number in [{Format(min)}, {Format(max)}]");
        }
    }

    /// <summary>Requires a finite value in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public void RangeExclusiveMax(string path, double value, double min, double max)
    {
        _ranges.Add(new ParameterRange(path, min, max, false, true));
        if (!double.IsFinite(value) || value < min || value >= max)
        {
            Fail(path, Format(value), $"a finite number in [{Format(min)}, {Format(max)})");
        }
    }

    /// <summary>Requires a finite value greater than zero and at most <paramref name="max"/>.</summary>
    public void Positive(string path, double value, double max = double.MaxValue)
    {
        _ranges.Add(new ParameterRange(path, 0, max == double.MaxValue ? null : max, true, false));
        if (!double.IsFinite(value) || value <= 0 || value > max)
        {
            Fail(path, Format(value), max == double.MaxValue ? "a finite number greater than 0" : $"a finite number in (0, {Format(max)}]");
        }
    }

    /// <summary>
    /// Requires a normal distribution of a positive trait: a positive mean and a coefficient of variation of at most
    /// 1/<see cref="MaxCoefficientOfVariationInverse"/>. The engine floors draws at a small fraction of the mean,
    /// which this bound keeps far out in the tail.
    /// </summary>
    public void PositiveNormal(string path, NormalSpec spec, double maxMean)
    {
        Positive($"{path}.mean", spec.Mean, maxMean);

        // The upper bound depends on the mean, which a schema cannot express; only the lower one is recorded.
        _ranges.Add(new ParameterRange($"{path}.sd", 0, null, false, false));
        if (!double.IsFinite(spec.Sd) || spec.Sd < 0 || spec.Sd > spec.Mean / MaxCoefficientOfVariationInverse)
        {
            Fail($"{path}.sd", Format(spec.Sd), $"a finite number in [0, mean/{MaxCoefficientOfVariationInverse}] = [0, {Format(spec.Mean / MaxCoefficientOfVariationInverse)}]");
        }
    }

    /// <summary>Requires an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Range(string path, long value, long min, long max)
    {
        _ranges.Add(new ParameterRange(path, min, max, false, false));
        if (value < min || value > max)
        {
            Fail(path, value.ToString(CultureInfo.InvariantCulture), $"an integer in [{min}, {max}]");
        }
    }

    /// <summary>Throws <see cref="ParameterValidationException"/> if any problem was recorded.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ParameterValidationException(_errors.ToArray());
        }
    }

    /// <summary>Formats a number the way errors show it (invariant culture, round-trippable).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A coefficient of variation of at most 1/3 puts the floor of positive traits (5 % of the mean) beyond −2.85 SD
    // even at the bound; the presets' widest trait (grip, CV 0.21) reaches it only beyond −4.5 SD.
    private const double MaxCoefficientOfVariationInverse = 3;
}
