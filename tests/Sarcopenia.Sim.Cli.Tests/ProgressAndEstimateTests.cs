using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>The pieces behind progress lines and estimates, checked without a clock.</summary>
public sealed class ProgressAndEstimateTests
{
    [Fact]
    public void Schedule_ReportsOncePerIntervalHoweverTheChecksArrive()
    {
        var schedule = new ProgressSchedule(TimeSpan.FromSeconds(5));
        double[] checks = [0.1, 4.9, 5.0, 5.1, 9.99, 10.2, 31, 31.5, 35.01];

        bool[] due = [.. checks.Select(s => schedule.Due(TimeSpan.FromSeconds(s)))];

        // Lines at 5, 10.2, 31 (one line after a stall, not five) and 35.01.
        Assert.Equal([false, false, true, false, false, true, true, false, true], due);
    }

    [Theory]
    [InlineData(0.42, "0.4 s")]
    [InlineData(42, "42 s")]
    [InlineData(303, "5 min 3 s")]
    [InlineData(7_500, "2 h 5 min")]
    [InlineData(3_553_200, "41 d 3 h")]
    [InlineData(double.NaN, "?")]
    public void Durations_ReadAtAnySize(double seconds, string expected) => Assert.Equal(expected, Durations.Format(seconds));

    [Fact]
    public void ProgressLine_OfAVeryLongRun_GivesDaysNotStars()
    {
        string line = ProgressDisplay.Line(1_000, 1_000_000_000_000, 70, TimeSpan.FromSeconds(10));

        Assert.Contains("d ", line);
        Assert.DoesNotContain("*", line);
    }

    [Theory]
    [InlineData("1000000", 1_000_000L)]
    [InlineData("1_000_000", 1_000_000L)]
    [InlineData("1,000,000", 1_000_000L)]
    [InlineData("1e6", 1_000_000L)]
    [InlineData("2.5E5", 250_000L)]
    [InlineData("1.5", null)]
    [InlineData("1__0", null)]
    [InlineData("-5", null)]
    [InlineData("1e400", null)]
    public void Counts_ParseAsPeopleWriteThem(string text, long? expected) => Assert.Equal(expected, CliOptions.ParseCount(text));

    [Fact]
    public void Estimate_GrowsWithPersonYears_AndAsksForConfirmationAboveTheThreshold()
    {
        Scenario scenario = ScenarioFile.Parse(ScenarioInput.DefaultScenarioJson(), "default");
        RunEstimate small = RunEstimate.Of(scenario, threads: 2);
        RunEstimate large = RunEstimate.Of(scenario with { Cohort = scenario.Cohort with { People = 10_000_000_000 } }, threads: 2);

        Assert.Equal(7e6, small.PersonYears);
        Assert.False(small.NeedsConfirmation);
        Assert.True(large.NeedsConfirmation);
        Assert.Equal(large.PersonYears / small.PersonYears, large.Seconds / small.Seconds, 6);
        Assert.Equal(small.OutputBytes, large.OutputBytes);
    }
}
