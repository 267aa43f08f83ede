using System.Security.Cryptography;
using System.Text;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Results;

/// <summary>
/// Golden tables: every result table of every preset under every definition, read back through the public queries and
/// hashed. They pin the engine's numbers bit for bit across refactorings; a change of model (not of structure) updates
/// them deliberately, in the same commit that says why.
/// </summary>
public sealed class GoldenTablesTests
{
    private const ulong Seed = 20_261_201;
    private const int People = 1_500;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "Evidence", "EWGSOP2010", "2526A646027AA5E0" },
        { "Evidence", "EWGSOP2", "63E1161394F08848" },
        { "Evidence", "AWGS2019", "69FE33040AA828B0" },
        { "Evidence", "FNIH", "811A90D5A4FFCA18" },
        { "Evidence", "RW1", "81C63660098F5AD8" },
        { "Review2014", "EWGSOP2010", "49CE1441D2976BCE" },
        { "Review2014", "EWGSOP2", "A817BBFA3DAE37C6" },
        { "Review2014", "AWGS2019", "0EB862E0E0482588" },
        { "Review2014", "FNIH", "6C1C44C2742CAA5F" },
        { "Review2014", "RW1", "991803775CF6D649" },
        { "ReferenceWorkload", "EWGSOP2010", "DFD7B3A352EAAA3A" },
        { "ReferenceWorkload", "EWGSOP2", "8CE79E77E4542825" },
        { "ReferenceWorkload", "AWGS2019", "7B06F16E1BB9D15F" },
        { "ReferenceWorkload", "FNIH", "E82E76D18F5C560C" },
        { "ReferenceWorkload", "RW1", "14A80FCEAA496CC6" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tables_MatchTheirRecordedHash(string preset, string definition, string expected)
    {
        ModelParameters model = Presets.Get(preset) with { Definition = Definitions.Get(definition) };
        SimulationResult result = Simulation.Run(model, Runs.Mixed(People), Seed, Runs.Everything(threads: 2, chunkSize: 512));
        Assert.Equal(expected, Hash(result));
    }

    [Theory]
    [InlineData("women 65 East Asian", "606A2FE70D7DA2DD")]
    [InlineData("reference workload cohort", "5FCEB0FAA6868303")]
    [InlineData("no mortality, means only", "398D69F75FB935BB")]
    public void Variants_MatchTheirRecordedHash(string variant, string expected)
    {
        SimulationResult result = variant switch
        {
            "women 65 East Asian" => Simulation.Run(
                Presets.Evidence with { Definition = Definitions.Awgs2019 },
                new CohortSpec(People) { StartAge = 65, EndAge = 100, FemaleFraction = 1, Ancestry = AncestryMix.Single(Ancestry.EastAsian) },
                Seed,
                Runs.Everything(threads: 1)),
            "reference workload cohort" => Simulation.Run(
                Presets.ReferenceWorkload, Presets.ReferenceWorkloadCohort(People), Seed, new RunOptions { Threads = 2, StandardDeviations = false }),
            "no mortality, means only" => Simulation.Run(
                Presets.Evidence.WithoutMortality(), Runs.Mixed(People), Seed,
                new RunOptions { Statistics = TraitSet.All, StandardDeviations = false }),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "No such variant."),
        };
        Assert.Equal(expected, Hash(result));
    }

    /// <summary>SHA-256 (first 16 hex digits) of every table entry and stage count, through the public queries, in a fixed order.</summary>
    internal static string Hash(SimulationResult r)
    {
        var text = new StringBuilder();
        Sex[] sexes = [Sex.Female, Sex.Male];
        foreach (int age in r.Ages)
        {
            foreach (Ancestry ancestry in Enum.GetValues<Ancestry>())
            {
                foreach (Sex sex in sexes)
                {
                    text.Append(age).Append(' ').Append(ancestry).Append(' ').Append(sex).Append(':');
                    for (int c = 0; c < 8; c++)
                    {
                        text.Append(' ').Append(r.CountWithDeficits(age, c, sex, ancestry));
                    }

                    text.Append(" d ").Append(r.Deaths(age, sex, ancestry));

                    // The definition's rule table maps combinations to stages: count each stage too.
                    foreach (Stage stage in r.Stages)
                    {
                        text.Append(' ').Append(r.Count(age, stage, sex, ancestry));
                    }

                    foreach (Trait trait in Traits.All)
                    {
                        if (r.Statistics.Contains(trait))
                        {
                            TraitSummary s = r.Summary(trait, age, sex, ancestry);
                            text.Append(' ').Append(s.Count).Append(' ').Append(BitConverter.DoubleToInt64Bits(s.Mean))
                                .Append(' ').Append(BitConverter.DoubleToInt64Bits(s.Sd));
                        }

                        if (r.Histograms.Contains(trait))
                        {
                            text.Append(" h ").AppendJoin(',', r.Histogram(trait, age, sex, ancestry).Counts);
                        }
                    }

                    text.Append('\n');
                }
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
