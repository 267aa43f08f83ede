using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;

namespace Sarcopenia.Sim.Tests.Parameters;

/// <summary><see cref="AgeCurve"/>: linear between knots, flat beyond them.</summary>
public sealed class AgeCurveTests
{
    private static readonly AgeCurve s_curve = AgeCurve.FromKnots((30, 0.0005), (50, 0.0025), (70, 0.004), (90, 0.0145));

    [Theory]
    [InlineData(0, 0.0005)]
    [InlineData(30, 0.0005)]
    [InlineData(40, 0.0015)]
    [InlineData(50, 0.0025)]
    [InlineData(60, 0.00325)]
    [InlineData(80, 0.00925)]
    [InlineData(90, 0.0145)]
    [InlineData(120, 0.0145)]
    public void At_InterpolatesLinearlyAndIsFlatBeyondTheKnots(double age, double expected) =>
        Assert.Equal(expected, s_curve.At(age), 12);

    [Fact]
    public void ConstantAndScale_BehaveAsDocumented()
    {
        Assert.Equal(0.3, AgeCurve.Constant(0.3).At(-5));
        Assert.Equal(0.3, AgeCurve.Constant(0.3).At(200));
        AgeCurve doubled = s_curve.Scale(2);
        Assert.Equal(s_curve.Ages, doubled.Ages);
        Assert.Equal(2 * s_curve.At(63.5), doubled.At(63.5), 15);
    }

    [Fact]
    public void Curves_AreEqualByValue()
    {
        // AgeCurve is a record: equal knots make equal curves (ModelParameters equality, used by Merge, relies on it).
        Assert.Equal(AgeCurve.Constant(0.3), AgeCurve.Constant(0.3));
        Assert.Equal(AgeCurve.FromKnots((30, 0.1), (60, 0.3)), AgeCurve.FromKnots((30, 0.1), (60, 0.3)));
        Assert.NotEqual(AgeCurve.Constant(0.3), AgeCurve.Constant(0.4));
    }

    [Fact]
    public void Validate_AcceptsIncreasingKnotsWithinTheRange()
    {
        var v = new ParameterValidator();
        s_curve.Validate(v, "curve", 0, 1);
        Assert.Empty(v.Errors);
        s_curve.Validate(v, "curve", 0, 0.01);
        ParameterError error = Assert.Single(v.Errors);
        Assert.Equal("curve.values[3]", error.Path);
    }
}
