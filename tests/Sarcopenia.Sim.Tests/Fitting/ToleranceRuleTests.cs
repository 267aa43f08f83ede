using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.Population;

namespace Sarcopenia.Sim.Tests.Fitting;

public sealed class ToleranceRuleTests
{
    private static Target Prevalence(double value, double? se, string notes = "") => new()
    {
        Id = "P", Quantity = "Prevalence", Unit = "%", Statistic = TargetStatistic.Prevalence, Value = value, Se = se,
        Definition = "EWGSOP2", Stage = TargetStage.Sarcopenia, Metadata = [new("notes", notes)],
    };

    [Theory]
    [InlineData(2.0, 0.5, 0.0, ToleranceRule.PrevalenceFloorPoints)] // the floor: 2·0.5 = 1 and 50 % of 2 = 1 are below 3 points
    [InlineData(20.0, 1.0, 0.0, 10.0)] // the share: 50 % of 20
    [InlineData(20.0, 8.0, 6.0, 20.0)] // sampling: 2·√(8² + 6²) = 20 ties the share
    [InlineData(20.0, 9.0, 12.0, 30.0)] // sampling: 2·√(9² + 12²) = 30
    public void Prevalence_AllowsTheLargestOfSamplingErrorFloorAndShare(double value, double se, double simulatedSe, double expected)
    {
        (double tolerance, string rule) = ToleranceRule.Of(Prevalence(value, se), simulatedSe);

        Assert.Equal(expected, tolerance, 12);
        Assert.Contains("floor 3", rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Norms_AllowTenPercent_AndRatesAQuarterOrTheirFloor()
    {
        var grip = new Target { Id = "N", Quantity = "Grip", Unit = "kg", Statistic = TargetStatistic.Mean, Value = 30 };
        var rate = new Target { Id = "R", Quantity = "AsmAnnualChangePercent", Unit = "%/yr", Statistic = TargetStatistic.Mean, Value = -0.5 };

        Assert.Equal(3, ToleranceRule.Of(grip, 0).Tolerance, 12);
        Assert.Equal(ToleranceRule.RateFloorPercentPerYear, ToleranceRule.Of(rate, 0).Tolerance, 12);
        Assert.Equal(1.5, ToleranceRule.Scale(grip), 12);
        Assert.Equal(0.2, ToleranceRule.Scale(grip with { Se = 0.2 }), 12);
    }

    [Theory]
    [InlineData("Mass criterion is sample-relative (lowest third).", "lowest third")]
    [InlineData("UNCERTAIN: Taiwan-specific cut-offs.", "Taiwan-specific")]
    [InlineData("Alternative FNIH lean-mass cut-point (absolute ALM).", "absolute-ALM")]
    public void SampleRelativeAndLocalCutOffs_AreNotComparable(string notes, string reason)
    {
        Assert.Contains(reason, ToleranceRule.NotComparableReason(Prevalence(5, null, notes)), StringComparison.Ordinal);
        Assert.Null(ToleranceRule.NotComparableReason(Prevalence(5, null, "Healthy volunteers.")));
    }

    [Fact]
    public void Judge_PassesWithinTheTolerance_AndLeavesNotComparableRowsUncounted()
    {
        SimulatedValue near = new(12.5, 12, 13, 65, 100, "", null);

        Assert.Equal(TargetOutcome.Pass, ModelCheck.Judge(Prevalence(10, null), near).Outcome);
        Assert.Equal(TargetOutcome.Fail, ModelCheck.Judge(Prevalence(10, null), near with { Value = 15.5 }).Outcome);
        Assert.Equal(TargetOutcome.NotComparable, ModelCheck.Judge(Prevalence(10, null, "lowest third"), near).Outcome);
        Assert.False(ModelCheck.Judge(Prevalence(10, null, "lowest third"), near).IsCompared);
    }

    [Fact]
    public void Conflicts_AreTargetsOfOneSimulatedValueWhoseToleranceIntervalsDoNotOverlap()
    {
        // One simulated 20 % for the same cell: 10 ± 5 and 40 ± 20 are 30 apart, more than 5 + 20, so no value passes both;
        // 10 ± 5 and 24 ± 12 overlap (14 ≤ 17); the same 40 % of another ancestry is another simulated value.
        SimulatedValue simulated = new(20, 19, 21, 65, 100, "", null);
        TargetEvaluation Judge(string id, double value, Ancestry? ancestry = null) =>
            ModelCheck.Judge(Prevalence(value, null) with { Id = id, Ancestry = ancestry }, simulated);

        TargetEvaluation[] rows = ModelCheck.MarkConflicts(
            [Judge("A", 10), Judge("B", 40), Judge("C", 24), Judge("D", 40, Ancestry.EastAsian)]);

        Assert.Equal(["B"], rows[0].ConflictsWith);
        Assert.Equal(["A"], rows[1].ConflictsWith);
        Assert.Empty(rows[2].ConflictsWith);
        Assert.Empty(rows[3].ConflictsWith);
        Assert.Contains("no value passes both this and B", rows[0].Note, StringComparison.Ordinal);
    }
}
