using System.Reflection;
using NetArchTest.Rules;

namespace Sarcopenia.Sim.Tests;

/// <summary>
/// The core library's layers (docs/architecture.md): dependencies point down only. Each layer may use the layers below
/// it and never one above, so the layers form no cycle.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "Sarcopenia.Sim";

    private static readonly Assembly s_core = typeof(Simulation).Assembly;

    /// <summary>The root namespace's vocabulary: plain values every layer may name.</summary>
    private static readonly Type[] s_vocabulary =
        [typeof(Sex), typeof(Ancestry), typeof(Stage), typeof(Trait), typeof(TraitSet), typeof(Traits), typeof(TraitInfo), typeof(TraitSummary), typeof(PrevalenceEstimate)];

    /// <summary>The root namespace's entry point and its result, above every folder but IO.</summary>
    private static readonly Type[] s_entry = [typeof(Simulation), typeof(SimulationResult), typeof(Comparison), typeof(RunOptions), typeof(LifeYear), typeof(PersonLife)];

    /// <summary>Bottom to top, one folder (or the entry types) per layer: a total order, so no two folders form a cycle.</summary>
    public static readonly string[][] Layers =
    [
        ["Common"],
        ["Numerics"],
        ["Heritability"],
        ["Randomness"],
        ["Staging"],
        ["Demography"],
        ["ReferenceData"],
        ["Population"],
        ["Parameters"],
        ["Physiology"],
        ["Results"],
        ["Engine"],
        ["Scenarios"],
        [.. s_entry.Select(t => t.Name)],
        ["Projection"],
        ["IO"],
        ["Fitting"],
    ];

    public static TheoryData<int> LayerIndices => [.. Enumerable.Range(0, Layers.Length)];

    [Theory]
    [MemberData(nameof(LayerIndices))]
    public void Layer_DependsOnNoLayerAboveIt(int layer)
    {
        string[] above = [.. Layers.Skip(layer + 1).SelectMany(l => l).Select(Qualified)];
        foreach (string name in Layers[layer])
        {
            // The entry layer is the root namespace: its types and the types nested in them (the vocabulary there sits
            // at the bottom and is held to a stricter rule below, so including it here costs nothing).
            PredicateList types = s_entry.Any(t => t.Name == name)
                ? Types.InAssembly(s_core).That().MeetCustomRule(new InRootNamespace())
                : Types.InAssembly(s_core).That().ResideInNamespace(Qualified(name));
            TestResult result = types.ShouldNot().HaveDependencyOnAny(above).GetResult();
            Assert.True(result.IsSuccessful, $"{name}: " + Describe(result));
        }
    }

    [Fact]
    public void Vocabulary_DependsOnNothingButCommon()
    {
        string[] project = [.. Layers.Skip(1).SelectMany(l => l).Select(Qualified)];
        TestResult result = Types.InAssembly(s_core).That().AreOfType(s_vocabulary).ShouldNot().HaveDependencyOnAny(project).GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void EveryNamespace_HasALayer()
    {
        string[] folders = [.. Layers.SelectMany(l => l)];
        string[] unplaced =
        [
            .. s_core.GetTypes()
                .Where(t => t.Namespace is not null && (t.Namespace == Root || t.Namespace.StartsWith(Root + ".", StringComparison.Ordinal))
                    && !t.IsNested && !t.Name.StartsWith('<'))
                .Select(t => t.Namespace == Root ? t.Name.Split('`')[0] : t.Namespace![(Root.Length + 1)..].Split('.')[0])
                .Where(n => !folders.Contains(n) && !s_vocabulary.Any(t => t.Name == n))
                .Distinct(),
        ];
        Assert.Empty(unplaced);
    }

    [Fact]
    public void EntryLayer_IncludesTypesNestedInTheEntryTypes()
    {
        IEnumerable<IType> root = Types.InAssembly(s_core).That().MeetCustomRule(new InRootNamespace()).GetTypes();
        Assert.Contains(root, t => t.ReflectionType.IsNested && t.ReflectionType.DeclaringType == typeof(Simulation));
    }

    [Fact]
    public void DependencyScan_SeesAKnownDependency()
    {
        // Guards the rules above against passing vacuously: the scheduler does write into the result tables.
        IEnumerable<IType> users = Types.InAssembly(s_core).That().ResideInNamespace(Qualified("Engine"))
            .And().HaveDependencyOnAny(Qualified("Results")).GetTypes();
        Assert.Contains(users, t => t.Name == "ChunkRunner");
    }

    private static string Qualified(string name) => $"{Root}.{name}";

    private static string Describe(TestResult result) =>
        result.IsSuccessful ? "" : "Upward dependencies from: " + string.Join(", ", result.FailingTypes.Select(t => t.FullName));

    /// <summary>Types of the root namespace and the types nested in them, however deep.</summary>
    private sealed class InRootNamespace : ICustomRule
    {
        public bool MeetsRule(Mono.Cecil.TypeDefinition type)
        {
            while (type.DeclaringType is { } outer)
            {
                type = outer.Resolve();
            }

            return type.Namespace == Root;
        }
    }
}
