using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Engine.Modules;

namespace Sarcopenia.Sim.Tests.Engine.Modules;

/// <summary>The onset row search against its definition: the first row whose prevalence exceeds the draw.</summary>
public sealed class ExposureOnsetTests
{
    [Property(Replay = "(20261202,1234567891)", MaxTest = 500)]
    public void FirstRowAbove_OnTheRunningMaximum_IsTheFirstRowWhosePrevalenceExceedsTheDraw(NormalFloat[] prevalence, NormalFloat draw)
    {
        float[] curve = [.. prevalence.Select(p => (float)p.Item)];
        AssertMatchesTheScan(curve, (float)draw.Item);
    }

    [Fact]
    public void FirstRowAbove_MatchesTheScan_ForCurvesThatFallOrHoldNaNs_AndDrawsOnTheirValues()
    {
        float[][] curves =
        [
            [],
            [0.3f],
            [0f, 0.1f, 0.1f, 0.4f, 0.9f],
            [0.5f, 0.2f, 0.2f, 0.7f, 0.1f],
            [float.NaN, 0.2f, float.NaN, 0.6f],
            [float.NaN, float.NaN],
            [1f, 0f],
        ];
        float[] draws = [0f, 0.1f, 0.19999999f, 0.2f, 0.35f, 0.5f, 0.6f, 0.9999999f, 1f, float.NaN];
        foreach (float[] curve in curves)
        {
            foreach (float draw in draws)
            {
                AssertMatchesTheScan(curve, draw);
            }
        }
    }

    private static void AssertMatchesTheScan(float[] curve, float draw)
    {
        int expected = Array.FindIndex(curve, p => draw < p);
        Assert.Equal(expected < 0 ? curve.Length : expected, ExposureModule.FirstRowAbove(ExposureModule.RunningMaximum(curve), draw));
    }
}
