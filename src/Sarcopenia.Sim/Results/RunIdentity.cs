using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;

namespace Sarcopenia.Sim.Results;

/// <summary>
/// The identity of a fully resolved run: a SHA-256 over a canonical serialization of everything that decides its
/// tables (model with its generator rounds, cohort, seed, the outputs accumulated, and the results format version).
/// Partial results merge only when their identities are equal; settings that change no result (threads, chunk size,
/// the shard split) are left out on purpose.
/// </summary>
internal static class RunIdentity
{
    // Every public property of every record, in declaration order, enums by name: the same inputs give the same
    // bytes in every process, and a property added to a record later is covered without a change here. Infinite
    // values are written by name rather than refused, so that the identity of any model can be computed.
    private static readonly JsonSerializerOptions s_canonical = CreateOptions();

    /// <summary>The identity of a run, as 64 lowercase hexadecimal digits.</summary>
    public static string Hash(ModelParameters model, CohortSpec cohort, ulong seed, TraitSet statistics, bool standardDeviations, TraitSet histograms)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cohort);
        var run = new
        {
            ResultLayout.FormatVersion,
            Model = model,
            Cohort = cohort,
            Seed = seed,
            Statistics = Traits.All.ToArray().Where(t => statistics.Contains(t)),
            StandardDeviations = standardDeviations,
            Histograms = Traits.All.ToArray().Where(t => histograms.Contains(t)),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(run, s_canonical)));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
