using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Sarcopenia.Sim.Plotting.Tests;

/// <summary>
/// The charts library draws results and never simulates (docs/architecture.md): its compiled code refers to no member
/// of <see cref="Simulation"/>. Read from the assembly's metadata, so a call hidden anywhere (a lambda, a default
/// argument, a static initializer) is found, while documentation that names <see cref="Simulation"/> is not code.
/// </summary>
public class DrawsNeverSimulatesTests
{
    [Fact]
    public void PlottingAssembly_ReferencesNoSimulationMember()
    {
        Assert.Empty(SimulationMembersUsedBy(typeof(ChartCatalog).Assembly.Location));
    }

    [Fact]
    public void TheCheck_FindsTheCallsOfAnAssemblyThatSimulates()
    {
        // This test assembly simulates its fixtures, so the same reading must find those calls.
        Assert.Contains("Run", SimulationMembersUsedBy(typeof(DrawsNeverSimulatesTests).Assembly.Location));
    }

    private static IReadOnlyList<string> SimulationMembersUsedBy(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var members = new List<string>();
        foreach (MemberReferenceHandle handle in metadata.MemberReferences)
        {
            MemberReference member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference && IsSimulation(metadata, (TypeReferenceHandle)member.Parent))
            {
                members.Add(metadata.GetString(member.Name));
            }
        }

        return members;
    }

    private static bool IsSimulation(MetadataReader metadata, TypeReferenceHandle handle)
    {
        TypeReference type = metadata.GetTypeReference(handle);
        return metadata.StringComparer.Equals(type.Namespace, typeof(Simulation).Namespace!)
            && metadata.StringComparer.Equals(type.Name, nameof(Simulation));
    }
}
