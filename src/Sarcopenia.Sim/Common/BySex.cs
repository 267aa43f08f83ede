namespace Sarcopenia.Sim.Common;

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
