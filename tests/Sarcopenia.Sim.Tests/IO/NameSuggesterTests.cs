using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class NameSuggesterTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("massLoss", "massLoss", 0)]
    [InlineData("massLos", "massLoss", 1)]
    public void Distance_IsLevenshtein(string a, string b, int expected) => Assert.Equal(expected, NameSuggester.Distance(a, b));

    [Theory]
    [InlineData("massLos", "massLoss")]
    [InlineData("MASSLOSS", "massLoss")]
    [InlineData("peek", "peak")]
    [InlineData("zzzzzz", null)]
    public void Nearest_FindsCloseNamesOnly(string name, string? expected) =>
        Assert.Equal(expected, NameSuggester.Nearest(name, ["massLoss", "peak", "menopause", "strength"]));
}
