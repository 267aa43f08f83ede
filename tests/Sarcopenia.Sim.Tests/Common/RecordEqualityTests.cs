using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Tests.Common;

/// <summary>
/// Every record that describes a run (parameters, cohort, definition, life table, scenario, options) must be equal
/// exactly when all of its properties are: results are merged and files are matched by that equality, and a property
/// left out of it lets shards of different runs merge silently (issue #14). The records are found by reflection, so a
/// property or record added later is covered without touching this test.
/// </summary>
public sealed class RecordEqualityTests
{
    private static readonly string[] s_namespaces =
        ["Sarcopenia.Sim.Common", "Sarcopenia.Sim.Parameters", "Sarcopenia.Sim.Population", "Sarcopenia.Sim.Staging", "Sarcopenia.Sim.Demography"];

    private static readonly Lazy<Dictionary<Type, object>> s_samples = new(CollectSamples);

    /// <summary>The records under test, by display name.</summary>
    private static readonly Dictionary<string, Type> s_records = typeof(ModelParameters).Assembly.GetExportedTypes()
        .Where(t => IsRecord(t) && (s_namespaces.Contains(t.Namespace) || t == typeof(RunOptions)
            || (t.Namespace == typeof(Scenario).Namespace && t.Name.StartsWith(nameof(Scenario), StringComparison.Ordinal))))
        .Select(t => t.IsGenericTypeDefinition ? t.MakeGenericType(typeof(double)) : t)
        .ToDictionary(Display);

    public static TheoryData<string> Records() => [.. s_records.Keys.Order(StringComparer.Ordinal)];

    public static TheoryData<string, string> Properties()
    {
        var data = new TheoryData<string, string>();
        foreach ((string name, Type type) in s_records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            foreach (PropertyInfo property in Settable(type))
            {
                data.Add(name, property.Name);
            }
        }

        return data;
    }

    [Fact]
    public void Records_IncludeEveryRecordThatDescribesARun()
    {
        Assert.Superset(
            new HashSet<Type> { typeof(ModelParameters), typeof(AgeCurve), typeof(LifeTable), typeof(AncestryMix), typeof(SarcopeniaDefinition),
                typeof(Mechanism), typeof(CohortSpec), typeof(Scenario), typeof(ScenarioOutputs), typeof(RunOptions), typeof(BySex<double>) },
            s_records.Values.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Properties))]
    public void ChangingOneProperty_MakesTheRecordsUnequal(string record, string property)
    {
        Type type = s_records[record];
        object original = Sample(type);
        PropertyInfo info = type.GetProperty(property)!;
        object variant = With(original, info, Different(info.PropertyType, info.GetValue(original)));

        Assert.False(original.Equals(variant), $"{record} with another {property} still equals the original: its equality leaves {property} out.");
        Assert.False(variant.Equals(original), $"{record}: equality is not symmetric for {property}.");
    }

    public static TheoryData<string, string> RunProperties()
    {
        var data = new TheoryData<string, string>();
        foreach (Type type in new[] { typeof(ModelParameters), typeof(CohortSpec) })
        {
            foreach (PropertyInfo property in Settable(type))
            {
                data.Add(Display(type), property.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RunProperties))]
    public void ChangingOneProperty_ChangesTheRunHash(string record, string property)
    {
        // The run hash decides which partial results merge; a property it leaves out would let shards of different
        // runs merge (nested records are changed through their first property).
        var model = (ModelParameters)Sample(typeof(ModelParameters));
        var cohort = (CohortSpec)Sample(typeof(CohortSpec));
        Type type = s_records[record];
        PropertyInfo info = type.GetProperty(property)!;
        object variant = With(type == typeof(CohortSpec) ? cohort : model, info, Different(info.PropertyType, info.GetValue(type == typeof(CohortSpec) ? cohort : model)));

        string changed = variant is CohortSpec otherCohort ? Hash(model, otherCohort) : Hash((ModelParameters)variant, cohort);

        Assert.NotEqual(Hash(model, cohort), changed);
    }

    [Fact]
    public void RunHash_CoversSeedAndOutputs_AndNotHowTheRunIsSplit()
    {
        var model = (ModelParameters)Sample(typeof(ModelParameters));
        var cohort = (CohortSpec)Sample(typeof(CohortSpec));
        string hash = Hash(model, cohort);

        Assert.Equal(hash, Hash((ModelParameters)DeepCopy(model)!, (CohortSpec)DeepCopy(cohort)!));
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, RunIdentity.Hash(model, cohort, 2, TraitSet.All, true, TraitSet.None));
        Assert.NotEqual(hash, RunIdentity.Hash(model, cohort, 1, TraitSet.Grip, true, TraitSet.None));
        Assert.NotEqual(hash, RunIdentity.Hash(model, cohort, 1, TraitSet.All, false, TraitSet.None));
        Assert.NotEqual(hash, RunIdentity.Hash(model, cohort, 1, TraitSet.All, true, TraitSet.Gait));

        // A scenario knows the hash its runs will have, whatever the threads, chunk size or shard.
        Scenario scenario = new() { Model = model, Cohort = cohort with { People = 300, EndAge = 32 }, Seed = 1 };
        SimulationResult shard = Simulation.Run(scenario, new RunOptions { Threads = 1, ChunkSize = 7, ShardIndex = 1, ShardCount = 2 });
        Assert.Equal(scenario.RunHash(), shard.RunHash);
    }

    private static string Hash(ModelParameters model, CohortSpec cohort) => RunIdentity.Hash(model, cohort, 1, TraitSet.All, true, TraitSet.None);

    [Theory]
    [MemberData(nameof(Records))]
    public void CopiesBuiltSeparately_AreEqualWithEqualHashes(string record)
    {
        object original = Sample(s_records[record]);
        object copy = DeepCopy(original)!;

        Assert.True(original.Equals(copy), $"{record} does not equal a copy built from equal parts (new arrays, new strings).");
        Assert.Equal(original.GetHashCode(), copy.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void NoProperty_IsAnImmutableArray(string record)
    {
        // A record compares an ImmutableArray by reference, so equal lists built separately would make unequal records.
        Assert.DoesNotContain(Settable(s_records[record]), p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(ImmutableArray<>));
    }

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic) is not null);

    private static string Display(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(Display))}>" : type.Name;

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    private static object Sample(Type type) =>
        s_samples.Value.TryGetValue(type, out object? sample)
            ? sample
            : throw new InvalidOperationException($"No sample of {Display(type)}: add one to {nameof(CollectSamples)}.");

    /// <summary>One instance of every record reachable from the shipped presets, definitions, mixes and tables.</summary>
    private static Dictionary<Type, object> CollectSamples()
    {
        var samples = new Dictionary<Type, object>();
        object[] roots =
        [
            .. Presets.All, .. Definitions.All, .. AncestryMix.All, .. LifeTables.All,
            Scenario.FromPreset(Presets.Evidence.Name) with { Schema = ScenarioSchema.Id, Outputs = new() { Histograms = [Trait.Grip] } },
            new CohortSpec(1_000) { StartAge = 40, EndAge = 90, FemaleFraction = 0.6, Ancestry = AncestryMix.UnitedStates2020, Families = FamilySpec.TwinPairs(100) },
            new FamilySpec(10, [new FamilyShare(FamilyKind.Siblings, 1) { Size = 3 }]),
            new ScenarioOverrides("Evidence", "FNIH", 1_000, 7),
            new ScenarioError("model.name", "a message"),
            new ParameterError("model.name", "\"\"", "a non-empty name"),
            new RunOptions { Threads = 2, Progress = new Progress<long>() },
            BySex<double>.Both(1.0),
            HeightLoss.Sorkin1999,
            Wpp2019.EU28,
            new AgeGroup(65, 69),
            new Period(2015, 2020),
        ];
        foreach (object root in roots)
        {
            Collect(root);
        }

        return samples;

        void Collect(object? value)
        {
            if (value is null || value is string)
            {
                return;
            }

            if (IsRecord(value.GetType()))
            {
                samples.TryAdd(value.GetType(), value);
                foreach (PropertyInfo property in Settable(value.GetType()))
                {
                    Collect(property.GetValue(value));
                }
            }
            else if (value is IEnumerable items)
            {
                foreach (object? item in items)
                {
                    Collect(item);
                }
            }
        }
    }

    /// <summary>A value of <paramref name="type"/> that differs from <paramref name="current"/>.</summary>
    private static object? Different(Type type, object? current)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return current is null ? Different(underlying, Activator.CreateInstance(underlying)) : null;
        }

        return current switch
        {
            null when type == typeof(string) => "x",
            null => Sample(type),
            string s => s + "x",
            double d => d + 1,
            int i => i + 1,
            long l => l + 1,
            ulong u => u + 1,
            bool b => !b,
            Enum e => Enum.ToObject(type, Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) ^ 1),
            CancellationToken token => new CancellationToken(!token.IsCancellationRequested),
            IProgress<long> => new Progress<long>(),
            _ when IsRecord(type) => With(current, Settable(type).First(), Different(Settable(type).First().PropertyType, Settable(type).First().GetValue(current))),
            IEnumerable items => DifferentSequence(type, items),
            _ => throw new InvalidOperationException($"No different value known for {Display(type)}."),
        };
    }

    /// <summary>The same sequence with its first element changed, or with one element if it is empty.</summary>
    private static object DifferentSequence(Type type, IEnumerable items)
    {
        Type element = type.GetGenericArguments()[0];
        List<object?> list = [.. items.Cast<object?>()];
        if (list.Count == 0)
        {
            list.Add(Different(element, element.IsValueType ? Activator.CreateInstance(element) : null));
        }
        else
        {
            list[0] = Different(element, list[0]);
        }

        return Sequence(type, element, list);
    }

    /// <summary>Builds a sequence of <paramref name="type"/> from new storage holding <paramref name="items"/>.</summary>
    private static object Sequence(Type type, Type element, IReadOnlyList<object?> items)
    {
        var array = Array.CreateInstance(element, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        object immutable = typeof(ImmutableArray).GetMethods()
            .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
            .MakeGenericMethod(element).Invoke(null, [array])!;
        return type == immutable.GetType() ? immutable : type.GetMethod("op_Implicit", [immutable.GetType()])!.Invoke(null, [immutable])!;
    }

    /// <summary>A copy of <paramref name="record"/> with <paramref name="property"/> set to <paramref name="value"/>, as <c>with</c> makes it.</summary>
    private static object With(object record, PropertyInfo property, object? value)
    {
        object copy = Clone(record);
        property.SetValue(copy, value);
        return copy;
    }

    // A record class clones itself through the compiler's <Clone>$ (what `with` calls); a boxed record struct is copied
    // by GetObjectValue, which boxes a copy of a boxed value.
    private static object Clone(object record) =>
        record.GetType().IsValueType ? RuntimeHelpers.GetObjectValue(record)! : record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;

    /// <summary>An equal value that shares no record, array or string with <paramref name="value"/>.</summary>
    private static object? DeepCopy(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return new string(s.AsSpan());
            case not null when IsRecord(value.GetType()):
                object copy = Clone(value);
                foreach (PropertyInfo property in Settable(value.GetType()))
                {
                    property.SetValue(copy, DeepCopy(property.GetValue(value)));
                }

                return copy;
            case IEnumerable items when value.GetType().IsGenericType:
                return Sequence(value.GetType(), value.GetType().GetGenericArguments()[0], [.. items.Cast<object?>().Select(DeepCopy)]);
            default:
                return value;
        }
    }
}
