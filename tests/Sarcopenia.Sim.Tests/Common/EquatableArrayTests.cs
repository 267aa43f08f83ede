using System.Collections.Immutable;
using System.Text.Json;
using FsCheck.Xunit;
using Sarcopenia.Sim.Common;

namespace Sarcopenia.Sim.Tests.Common;

public sealed class EquatableArrayTests
{
    [Property]
    public bool Equality_IsSequenceEquality(int[] a, int[] b) =>
        ((EquatableArray<int>)a == (EquatableArray<int>)b) == a.SequenceEqual(b);

    [Property]
    public bool EqualArrays_HaveEqualHashes(string?[] items)
    {
        EquatableArray<string?> first = items;
        EquatableArray<string?> second = [.. items.Select(s => s is null ? null : new string(s.AsSpan()))];
        return first.Equals(second) && first.GetHashCode() == second.GetHashCode();
    }

    [Property]
    public bool Equals_AgreesWithEveryOverload(int[] a, int[] b)
    {
        EquatableArray<int> x = a;
        EquatableArray<int> y = b;
        bool equal = x.Equals(y);
        return x.Equals((object)y) == equal && (x == y) == equal && (x != y) == !equal && y.Equals(x) == equal;
    }

    [Property]
    public bool Members_SeeTheElementsInOrder(double[] items)
    {
        EquatableArray<double> array = items;
        var enumerated = new List<double>();
        foreach (double item in array)
        {
            enumerated.Add(item);
        }

        return array.Length == items.Length && ((IReadOnlyList<double>)array).Count == items.Length
            && enumerated.SequenceEqual(items) && array.SequenceEqual(items) && array.AsSpan().SequenceEqual(items)
            && Enumerable.Range(0, items.Length).All(i => array[i].Equals(items[i]));
    }

    [Fact]
    public void Default_IsTheEmptyArray()
    {
        EquatableArray<int> none = default;

        Assert.Equal(0, none.Length);
        Assert.True(none.AsSpan().IsEmpty);
        Assert.Empty(none);
        Assert.Equal([], none);
        Assert.Equal(((EquatableArray<int>)[]).GetHashCode(), none.GetHashCode());
        Assert.False(none.AsImmutableArray().IsDefault);
        Assert.False(((ImmutableArray<int>)none).IsDefault);
        Assert.Equal(none, (EquatableArray<int>)default(ImmutableArray<int>));
        Assert.Equal(none, (EquatableArray<int>)(int[]?)null);
        Assert.Throws<IndexOutOfRangeException>(() => none[0]);
    }

    [Fact]
    public void Conversions_KeepTheElements()
    {
        int[] source = [3, 1, 2];
        EquatableArray<int> fromArray = source;
        source[0] = 9;
        EquatableArray<int> fromImmutable = ImmutableArray.Create(3, 1, 2);
        EquatableArray<int> fromExpression = [3, 1, 2];

        Assert.Equal(fromExpression, fromArray);
        Assert.Equal(fromExpression, fromImmutable);
        Assert.Equal([3, 1, 2], ((ImmutableArray<int>)fromExpression).ToArray());
        Assert.Equal("[3, 1, 2]", fromExpression.ToString());
    }

    [Fact]
    public void Json_IsTheImmutableArraysJson()
    {
        ImmutableArray<string> items = ["a", "é & <b>"];

        Assert.Equal(JsonSerializer.Serialize(items), JsonSerializer.Serialize<EquatableArray<string>>(items));
        Assert.Equal("[]", JsonSerializer.Serialize(default(EquatableArray<int>)));
        Assert.Equal(items, JsonSerializer.Deserialize<EquatableArray<string>>("""["a", "é & <b>"]"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EquatableArray<int>>("""{ "a": 1 }"""));
    }
}
