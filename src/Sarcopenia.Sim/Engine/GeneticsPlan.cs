using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine;

/// <summary>One gene effect as the family module applies it: to a score, in SDs of that score's own part, centred on its group's mean.</summary>
/// <param name="Gene">The variant's index in <see cref="GeneticsPlan.Genes"/>.</param>
/// <param name="Mode">How copies turn into the effect.</param>
/// <param name="Size">The effect on the own part of the score (the trait's effect ÷ √(1 − ρ²)).</param>
/// <param name="Mean">The genotype score's mean in the group under Hardy–Weinberg proportions (subtracted, so the score keeps mean 0).</param>
internal sealed record GeneTerm(int Gene, InheritanceMode Mode, float Size, float Mean);

/// <summary>The weights of one score's parts in one sex × ancestry group: √(a² − genes' variance), √c², √e², and the gene effects.</summary>
internal sealed record ScoreWeights(float Polygenic, float Shared, float Unique, GeneTerm[] Genes);

/// <summary>
/// The single-precision form of <see cref="Parameters.Genetics"/> for a run with families: for every group and every
/// independent score (<see cref="GeneticTrait"/> order; grip and quality by their own parts), the weights of its parts,
/// and every variant's allele frequency by ancestry.
/// </summary>
internal sealed class GeneticsPlan
{
    /// <summary>The number of independent scores: one per <see cref="GeneticTrait"/>.</summary>
    public static readonly int ScoreCount = Enum.GetValues<GeneticTrait>().Length;

    public GeneticsPlan(Genetics genetics, PeakTraits peak, Strength strength)
    {
        Genes = [.. genetics.Genes];
        Frequencies = new float[Genes.Length][];
        for (int g = 0; g < Genes.Length; g++)
        {
            Frequencies[g] = [.. Enum.GetValues<Ancestry>().Select(a => (float)Genes[g].FrequencyIn(a))];
        }

        Weights = new ScoreWeights[ResultLayout.GroupCount][];
        GenesWithEffects = new int[ResultLayout.GroupCount][];
        for (int group = 0; group < Weights.Length; group++)
        {
            Sex sex = ResultLayout.SexOf(group);
            Ancestry ancestry = ResultLayout.AncestryOf(group);
            Weights[group] = new ScoreWeights[ScoreCount];
            foreach (GeneticTrait trait in Enum.GetValues<GeneticTrait>())
            {
                (double a, double c, double scale) = genetics.OwnShares(trait, sex, peak, strength);
                double genes = genetics.GeneVariance(trait, sex, ancestry, scale);
                var terms = new List<GeneTerm>();
                for (int g = 0; g < Genes.Length; g++)
                {
                    double p = Genes[g].FrequencyIn(ancestry);
                    foreach (GeneEffect effect in Genes[g].Effects)
                    {
                        if (effect.Trait == trait && effect.AppliesTo(sex, ancestry) && effect.Size != 0)
                        {
                            terms.Add(new GeneTerm(g, effect.Mode, (float)(effect.Size * scale), (float)GeneVariant.Mean(effect.Mode, p)));
                        }
                    }
                }

                // Validation keeps every share in [0, 1]; the clamps only absorb rounding.
                Weights[group][(int)trait] = new ScoreWeights(
                    (float)Math.Sqrt(Math.Max(0, a - genes)), (float)Math.Sqrt(Math.Max(0, c)), (float)Math.Sqrt(Math.Max(0, 1 - a - c)), [.. terms]);
            }

            GenesWithEffects[group] = [.. Weights[group].SelectMany(w => w.Genes).Select(t => t.Gene).Distinct().Order()];
        }
    }

    /// <summary>The candidate variants, in the model's order (their genotypes are columns in this order).</summary>
    public GeneVariant[] Genes { get; }

    /// <summary>Per variant, the coded allele's frequency by ancestry (indexed by <see cref="Ancestry"/>).</summary>
    public float[][] Frequencies { get; }

    /// <summary>Per group: the variants with an effect in it (the only genotypes its scores need).</summary>
    public int[][] GenesWithEffects { get; }

    /// <summary>Per group, per score: the weights of its parts.</summary>
    public ScoreWeights[][] Weights { get; }
}
