namespace Sarcopenia.Sim.Common;

/// <summary>A normal distribution given by its mean and standard deviation.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Sd">The standard deviation (zero for a fixed value).</param>
public readonly record struct NormalSpec(double Mean, double Sd)
{
    /// <summary>A fixed value: a normal with zero standard deviation.</summary>
    public static NormalSpec Fixed(double value) => new(value, 0);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"N({Mean}, {Sd})");
}
