using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Parameters;

/// <summary>
/// A quantity that changes with age: linear between knots and flat beyond the first and last knot.
/// </summary>
/// <remarks>Knot ages must be strictly increasing; see <see cref="Validate"/>.</remarks>
public sealed record AgeCurve
{
    /// <summary>Creates a curve through the knots (<paramref name="ages"/>[i], <paramref name="values"/>[i]).</summary>
    /// <param name="ages">Knot ages in years, strictly increasing.</param>
    /// <param name="values">The value at each knot.</param>
    public AgeCurve(EquatableArray<double> ages, EquatableArray<double> values)
    {
        Ages = ages;
        Values = values;
    }

    /// <summary>Knot ages in years.</summary>
    public EquatableArray<double> Ages { get; init; }

    /// <summary>The value at each knot.</summary>
    public EquatableArray<double> Values { get; init; }

    /// <summary>Creates a curve that has the same value at every age.</summary>
    public static AgeCurve Constant(double value) => new([0.0], [value]);

    /// <summary>Creates a curve from (age, value) knots.</summary>
    public static AgeCurve FromKnots(params (double Age, double Value)[] knots) =>
        new([.. knots.Select(k => k.Age)], [.. knots.Select(k => k.Value)]);

    /// <summary>Evaluates the curve at <paramref name="age"/>.</summary>
    public double At(double age)
    {
        ReadOnlySpan<double> ages = Ages.AsSpan();
        if (age <= ages[0])
        {
            return Values[0];
        }

        for (int i = 1; i < ages.Length; i++)
        {
            if (age <= ages[i])
            {
                double t = (age - ages[i - 1]) / (ages[i] - ages[i - 1]);
                return Values[i - 1] + t * (Values[i] - Values[i - 1]);
            }
        }

        return Values[^1];
    }

    /// <summary>Returns a curve whose every value is multiplied by <paramref name="factor"/>.</summary>
    public AgeCurve Scale(double factor) => this with { Values = [.. Values.Select(v => v * factor)] };

    /// <summary>Checks the knots and that every value lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Validate(ParameterValidator validator, string path, double min, double max)
    {
        if (Ages.Length == 0 || Ages.Length != Values.Length)
        {
            validator.Fail(path, $"{Ages.Length} ages, {Values.Length} values",
                "at least one knot, with as many values as ages");
            return;
        }

        for (int i = 0; i < Ages.Length; i++)
        {
            validator.Range($"{path}.ages[{i}]", Ages[i], 0, 150);
            if (i > 0 && !(Ages[i] > Ages[i - 1]))
            {
                validator.Fail($"{path}.ages[{i}]", ParameterValidator.Format(Ages[i]), $"an age greater than the previous knot ({ParameterValidator.Format(Ages[i - 1])})");
            }

            validator.Range($"{path}.values[{i}]", Values[i], min, max);
        }
    }
}
