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
        { "Evidence", "EWGSOP2010", "DD2727A6D1DD347A" },
        { "Evidence", "EWGSOP2", "6623B7C899C49B2F" },
        { "Evidence", "AWGS2019", "EAF6B967F58AE656" },
        { "Evidence", "FNIH", "4F19B6A7D08D50C0" },
        { "Evidence", "RW1", "6623B7C899C49B2F" },
        { "Review2014", "EWGSOP2010", "50DB5CB22BED52A7" },
        { "Review2014", "EWGSOP2", "7358CA6B42F54107" },
        { "Review2014", "AWGS2019", "2771EB94DF8099FE" },
        { "Review2014", "FNIH", "0986F5C7FC0C21D9" },
        { "Review2014", "RW1", "7358CA6B42F54107" },
        { "ReferenceWorkload", "EWGSOP2010", "D5D3EF5FE9BB9774" },
        { "ReferenceWorkload", "EWGSOP2", "91B361DD8459435A" },
        { "ReferenceWorkload", "AWGS2019", "AC09CA4E2CF79541" },
        { "ReferenceWorkload", "FNIH", "15BF9EEFD30FA356" },
        { "ReferenceWorkload", "RW1", "91B361DD8459435A" },
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
    [InlineData("women 65 East Asian", "0D558B362D2AD792")]
    [InlineData("reference workload cohort", "0C35D4E9713BC965")]
    [InlineData("no mortality, means only", "A2201A9DAE24F715")]
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
            _ => Simulation.Run(
                Presets.Evidence.WithoutMortality(), Runs.Mixed(People), Seed,
                new RunOptions { Statistics = TraitSet.All, StandardDeviations = false }),
        };
        Assert.Equal(expected, Hash(result));
    }

    /// <summary>SHA-256 (first 16 hex digits) of every table entry, through the public queries, in a fixed order.</summary>
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
