using Sarcopenia.Sim.Engine;

namespace Sarcopenia.Sim.Tests;

public sealed class TraitInfoTests
{
    [Fact]
    public void All_HasOneEntryPerTrait_InTableOrder()
    {
        Assert.Equal(Traits.All.ToArray(), TraitInfo.All.Select(i => i.Trait));
        Assert.Equal(Enum.GetValues<Trait>(), TraitInfo.All.Select(i => i.Trait));
        Assert.All(Enum.GetValues<Trait>(), t => Assert.Same(TraitInfo.All[(int)t], TraitInfo.Of(t)));
    }

    [Fact]
    public void Names_AreTheEnumNames_AndEveryTextIsGiven()
    {
        Assert.All(TraitInfo.All, i =>
        {
            Assert.Equal(i.Trait.ToString(), i.Name);
            Assert.False(string.IsNullOrWhiteSpace(i.DisplayName));
            Assert.False(string.IsNullOrWhiteSpace(i.ShortName));
        });
    }

    [Theory]
    [InlineData(Trait.Asm, "kg")]
    [InlineData(Trait.Asmi, "kg/m²")]
    [InlineData(Trait.Grip, "kg")]
    [InlineData(Trait.Gait, "m/s")]
    [InlineData(Trait.LossRate, "%/yr")]
    public void Unit_IsTheTablesUnit(Trait trait, string unit)
    {
        Assert.Equal(unit, TraitInfo.Of(trait).Unit);
        Assert.Equal(unit, trait.Unit());
    }

    [Fact]
    public void Of_RejectsAnUndefinedTrait()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TraitInfo.Of((Trait)17));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Trait)(-1)).Unit());
    }
}
