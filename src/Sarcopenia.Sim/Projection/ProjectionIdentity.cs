using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Projection;

/// <summary>
/// The identity of a fully resolved projection: a SHA-256 over everything that decides its replicates' tables — the
/// scenario's run hash (model with its generator rounds, cohort, seed, outputs and the results format version), the
/// years, the scaling, the interventions, the parameters' distributions, and every number the projection reads from its
/// population and life tables. Partial projections (units of replicates) merge only when their identities are equal; the
/// replicate count, threads and chunk size are left out on purpose (replicate r is the same whatever they are).
/// </summary>
public static class ProjectionIdentity
{
    /// <summary>The identity of <paramref name="setup"/> with <paramref name="uncertainty"/>, as 64 lowercase hexadecimal digits.</summary>
    /// <param name="setup">The projection.</param>
    /// <param name="uncertainty">The parameters drawn per replicate (empty for Monte Carlo error alone).</param>
    public static string Hash(MicrosimSetup setup, IReadOnlyList<ParameterDistribution> uncertainty)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(uncertainty);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // Text fields end with a separator no field contains, so that moving characters between fields changes the hash.
        Text(string.Create(CultureInfo.InvariantCulture, $"format {ResultLayout.FormatVersion}"));
        Text(setup.Scenario.RunHash());
        Text(string.Create(CultureInfo.InvariantCulture, $"{setup.BaseYear} {setup.Horizon} {setup.FirstAge} {setup.LastAge}"));
        Number(setup.Scale);
        foreach (Intervention intervention in setup.Interventions)
        {
            Text(string.Create(CultureInfo.InvariantCulture, $"{intervention.Name}\u0001{intervention.Source}\u0001{intervention.StartYear} {intervention.MinAge} {intervention.MaxAge} {intervention.Sex}"));
            foreach (double value in (double[])[intervention.StrengthSmd, intervention.StrengthSmdSe, intervention.LossRateRatio, intervention.Coverage, intervention.Adherence, intervention.WaningHalfLifeYears ?? -1])
            {
                Number(value);
            }
        }

        foreach (ParameterDistribution distribution in uncertainty)
        {
            Text($"{distribution.Path} {distribution.Kind}");
            Number(distribution.A);
            Number(distribution.B);
            Number(distribution.C);
        }

        Text($"{setup.Population.Location.Label}\u0001{setup.Population.Description}\u0001{setup.Population.Source}\u0001{setup.LifeTables.Source}");
        Text(string.Join(' ', setup.Population.AgeGroups));
        for (int year = setup.BaseYear; year <= setup.Horizon; year++)
        {
            Demography.LifeTable table = setup.LifeTables.ForYear(year);
            foreach (Sex sex in (ReadOnlySpan<Sex>)[Sex.Female, Sex.Male])
            {
                for (int age = 0; age <= setup.LastAge; age++)
                {
                    Number(setup.Population.AtAge(year, sex, age));
                    Number(table.ProbabilityOfDeath(sex, age));
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());

        void Text(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\u0000"));

        void Number(double value)
        {
            Span<byte> bytes = stackalloc byte[sizeof(double)];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            hash.AppendData(bytes);
        }
    }
}
