namespace Sarcopenia.Sim.Parameters;

/// <summary>A value given separately for women and men.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Female">The value for women.</param>
/// <param name="Male">The value for men.</param>
public readonly record struct BySex<T>(T Female, T Male)
{
    /// <summary>Gets the value for <paramref name="sex"/>.</summary>
    public T this[Sex sex] => sex == Sex.Female ? Female : Male;

    /// <summary>Creates a value that is the same for both sexes.</summary>
    public static BySex<T> Both(T value) => new(value, value);
}

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
