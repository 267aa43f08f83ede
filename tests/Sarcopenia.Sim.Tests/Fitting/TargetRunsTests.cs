using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.Parameters;

namespace Sarcopenia.Sim.Tests.Fitting;

public sealed class TargetRunsTests
{
    private static Target Measured(string device) => new()
    {
        Id = "P", Quantity = "Prevalence", Unit = "%", Statistic = TargetStatistic.Prevalence, Value = 10, Definition = "AWGS2019",
        Stage = TargetStage.Sarcopenia, Metadata = [new("device", device)],
    };

    [Theory]
    [InlineData("direct segmental multi-frequency BIA ALMI; grip; gait", "BIA")]
    [InlineData("BIA (KNHANES 2022) + handgrip", "BIA")]
    [InlineData("bioelectrical impedance; Jamar", "BIA")]
    [InlineData("DXA ALM; grip; gait", "DXA")]
    [InlineData("handgrip; five-repetition chair stand; DXA for confirmation", "DXA")]
    public void MassDeviceOf_ReadsTheStudysDevice(string device, string expected) =>
        Assert.Equal(expected, TargetRuns.MassDeviceOf(Measured(device))!.Name);

    [Theory]
    [InlineData("Low mass = lowest third of skinfold-based fat-free mass")]
    [InlineData("SMI (method not in abstract), grip, 6-m gait")]
    [InlineData("")]
    public void MassDeviceOf_LeavesTheScenariosDevice_WhenTheStudyNamesNone(string device) =>
        Assert.Null(TargetRuns.MassDeviceOf(Measured(device)));
}
