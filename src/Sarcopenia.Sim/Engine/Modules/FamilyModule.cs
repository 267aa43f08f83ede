using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 2 (first): for family members, the normal scores behind their personal traits, built from additive genetic,
/// shared and unique parts, and their candidate-gene genotypes, from the Genetics stream. <see cref="PeakTraitModule"/>
/// and <see cref="PersonalTraitModule"/> use these scores in place of their own draws for family members
/// (<see cref="UseScores"/>); unrelated people keep their draws, and without families this module does nothing.
/// </summary>
/// <remarks>
/// <para>Every draw is keyed by an id of the family, never by where the family sits in a chunk: the family's first id
/// (its shared additive and environmental parts, its founders' alleles), the genetic child's id (the family's first id
/// plus the child's index, the same for both monozygotic twins: their own additive part and the alleles they
/// inherit) and the person's id (the unique part). So a family's result is the same whatever the chunk, thread or shard.</para>
/// <para>The additive part of a score is √(a² − v)·z_A plus the genes' effects, where v is the variance the genes explain
/// in the person's group and z_A is the family's draw for monozygotic twins and √½·(the family's) + √½·(the child's own)
/// for other siblings, so that their z_A correlate ½ as full siblings' additive values do. Founders' alleles follow
/// Hardy–Weinberg proportions at their ancestry's frequency; each child takes one of each parent's two alleles with
/// probability ½ (Mendel's first law).</para>
/// <para>The column keys and the scalar work live here; <see cref="FamilyModule{TSimd, TF, TI, TU}"/> adds the draws at one vector width.</para>
/// </remarks>
internal abstract class FamilyModule : ChunkModule
{
    /// <summary>−1 for a family member, whose scores this module makes; 0 for an unrelated person.</summary>
    public static readonly ColumnKey<int> Member = new("family member (−1) or unrelated (0)");

    /// <summary>Per <see cref="GeneticTrait"/>: the family member's normal score (grip and quality: their own part).</summary>
    public static readonly ColumnKey<float>[] Scores = [.. Enum.GetValues<GeneticTrait>().Select(t => new ColumnKey<float>($"{t} normal score of a family member"))];

    /// <summary>Per candidate variant (model order): copies of the coded allele, 0 to 2 (family members only).</summary>
    public static readonly ColumnKey<byte>[] Genotypes = [.. Enumerable.Range(0, Genetics.MaxGenes).Select(g => new ColumnKey<byte>($"genotype of variant {g}, copies"))];

    // Counters of the Genetics stream. Family key: 0-2 the shared additive (scores 0-5) and environmental (6-11) parts.
    private const uint FamilyCounter = 0;
    private const int FamilyCounters = 3;

    // Child key: the child's own additive part.
    private const uint ChildCounter = 3;

    // Person key: the unique part.
    private const uint PersonCounter = 5;

    // Family key: FounderCounter + g, the founders' four alleles of variant g; child key: TransmissionCounter + g, which
    // allele of each parent the child inherits.
    private const uint FounderCounter = 16;
    private const uint TransmissionCounter = FounderCounter + Genetics.MaxGenes;

    private const int Lanes = 4;

    // Full siblings share half their additive genetic variance: z_A = √½·z_family + √½·z_own.
    private static readonly float s_half = MathF.Sqrt(0.5f);

    private readonly RunPlan _plan;
    private readonly GeneticsPlan? _genetics;
    private readonly CounterRng _rng;
    private readonly uint[] _idLow;
    private readonly uint[] _idHigh;
    private readonly int[] _member;
    private readonly float[][] _scores;
    private readonly byte[][] _genotypes;
    private readonly float[][] _draws;
    private readonly uint[] _familyLow;
    private readonly uint[] _familyHigh;
    private readonly uint[] _childLow;
    private readonly uint[] _childHigh;
    private readonly float[] _familyWeight;
    private readonly float[] _childWeight;
    private readonly byte[] _alleles;
    private readonly float[] _scales = new float[Lanes];

    private protected FamilyModule(ModuleContext context)
    {
        _plan = context.Plan;
        _genetics = context.Plan.Genetics;
        _rng = context.Rng;
        PersonColumns columns = context.Columns;
        _idLow = columns.Get(ChunkLayout.IdLow);
        _idHigh = columns.Get(ChunkLayout.IdHigh);
        _member = columns.Get(Member);
        if (_genetics is null)
        {
            _scores = [];
            _genotypes = [];
            _draws = [];
            _familyLow = _familyHigh = _childLow = _childHigh = [];
            _familyWeight = _childWeight = [];
            _alleles = [];
            return;
        }

        _scores = [.. Scores.Select(columns.Get)];
        _genotypes = [.. Genotypes.Take(_genetics.Genes.Length).Select(columns.Get)];
        _draws = [.. PersonColumns.Scratch.Select(columns.Get)];
        int capacity = columns.Capacity;
        _familyLow = new uint[capacity];
        _familyHigh = new uint[capacity];
        _childLow = new uint[capacity];
        _childHigh = new uint[capacity];
        _familyWeight = new float[capacity];
        _childWeight = new float[capacity];
        _alleles = new byte[capacity * Lanes];
    }

    /// <summary>
    /// Puts family members' scores for <paramref name="trait"/> in place of the draws in <paramref name="draws"/>
    /// (unrelated people keep theirs); does nothing without families.
    /// </summary>
    public static void UseScores(ModuleContext context, Slice segment, GeneticTrait trait, float[] draws)
    {
        if (context.Plan.Genetics is null)
        {
            return;
        }

        int[] member = context.Columns.Get(Member);
        float[] score = context.Columns.Get(Scores[(int)trait]);
        for (int i = segment.Start; i < segment.End; i++)
        {
            if (member[i] != 0)
            {
                draws[i] = score[i];
            }
        }
    }

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        if (_genetics is null)
        {
            return;
        }

        (int start, int length) = (segment.Start, segment.Length);
        if (!Keys(start, length))
        {
            return;
        }

        ScoreWeights[] weights = _genetics.Weights[segment.Group];
        foreach (float[] score in _scores)
        {
            score.AsSpan(start, length).Clear();
        }

        // Shared parts, keyed by the family: the additive (the whole z_A of monozygotic twins, half of siblings') and
        // the environmental. A counter whose four parts all have weight zero (no shared environment, say) is not drawn.
        int scores = GeneticsPlan.ScoreCount;
        for (int counter = 0; counter < FamilyCounters; counter++)
        {
            float[] scales = _scales;
            for (int lane = 0; lane < Lanes; lane++)
            {
                int j = (counter * Lanes) + lane;
                scales[lane] = j < scores ? weights[j].Polygenic : j < 2 * scores ? weights[j - scores].Shared : 0;
            }

            if (scales.Any(w => w != 0))
            {
                Fill(FamilyCounter + (uint)counter, _familyLow, _familyHigh, start, length);
                for (int lane = 0; lane < Lanes; lane++)
                {
                    int j = (counter * Lanes) + lane;
                    if (j < 2 * scores)
                    {
                        Add(_scores[j % scores], scales[lane], _draws[lane], j < scores ? _familyWeight : null, start, length);
                    }
                }
            }
        }

        // The genetic child's own additive part, and the person's unique part.
        AddParts(ChildCounter, _childLow, _childHigh, weights, w => w.Polygenic, _childWeight, start, length);
        AddParts(PersonCounter, _idLow, _idHigh, weights, w => w.Unique, weight: null, start, length);

        // Genotypes: every variant's when they are recorded, else only those with an effect in this group.
        Ancestry ancestry = Results.ResultLayout.AncestryOf(segment.Group);
        foreach (int g in _plan.RecordsGenotypes ? Enumerable.Range(0, _genotypes.Length) : _genetics.GenesWithEffects[segment.Group])
        {
            Inherit(g, _genetics.Frequencies[g][(int)ancestry], start, length);
        }

        for (int s = 0; s < scores; s++)
        {
            foreach (GeneTerm term in weights[s].Genes)
            {
                byte[] copies = _genotypes[term.Gene];
                float[] score = _scores[s];
                for (int i = start; i < start + length; i++)
                {
                    score[i] += term.Size * (GeneVariant.Score(term.Mode, copies[i]) - term.Mean);
                }
            }
        }
    }

    /// <summary>Fills the family and child keys, the additive weights and the member flags; whether the segment holds any family member.</summary>
    private bool Keys(int start, int length)
    {
        FamilyLayout families = _plan.Families;
        bool any = false;
        for (int i = start; i < start + length; i++)
        {
            FamilyMember m = families.Of((long)(((ulong)_idHigh[i] << 32) | _idLow[i]));
            bool member = m.Kind is not null;
            any |= member;
            _member[i] = member ? -1 : 0;
            ulong family = (ulong)m.First;
            ulong child = family + (ulong)m.Child;
            (_familyLow[i], _familyHigh[i]) = ((uint)family, (uint)(family >> 32));
            (_childLow[i], _childHigh[i]) = ((uint)child, (uint)(child >> 32));
            bool identical = m.Kind == FamilyKind.MonozygoticTwins;
            _familyWeight[i] = identical ? 1f : s_half;
            _childWeight[i] = identical ? 0f : s_half;
        }

        return any;
    }

    private void AddParts(uint first, uint[] low, uint[] high, ScoreWeights[] weights, Func<ScoreWeights, float> part, float[]? weight, int start, int length)
    {
        int scores = GeneticsPlan.ScoreCount;
        for (int counter = 0; counter * Lanes < scores; counter++)
        {
            int lanes = Math.Min(Lanes, scores - (counter * Lanes));
            if (Enumerable.Range(counter * Lanes, lanes).All(j => part(weights[j]) == 0))
            {
                continue;
            }

            Fill(first + (uint)counter, low, high, start, length);
            for (int lane = 0; lane < lanes; lane++)
            {
                int j = (counter * Lanes) + lane;
                Add(_scores[j], part(weights[j]), _draws[lane], weight, start, length);
            }
        }
    }

    private void Fill(uint counter, uint[] low, uint[] high, int start, int length) =>
        _rng.FillNormals(RandomStream.Genetics, counter, low.AsSpan(start, length), high.AsSpan(start, length),
            _draws[0].AsSpan(start, length), _draws[1].AsSpan(start, length), _draws[2].AsSpan(start, length), _draws[3].AsSpan(start, length));

    /// <summary>score += scale · (weight ·) draw over a segment (a whole number of vectors); nothing for a zero scale.</summary>
    private protected abstract void Add(float[] score, float scale, float[] draw, float[]? weight, int start, int length);

    /// <summary>Genotypes of variant <paramref name="gene"/>: the founders' four alleles (family key), and which of each parent's two the child inherits (child key).</summary>
    private void Inherit(int gene, float frequency, int start, int length)
    {
        Span<float> f0 = _draws[0].AsSpan(start, length), f1 = _draws[1].AsSpan(start, length), m0 = _draws[2].AsSpan(start, length), m1 = _draws[3].AsSpan(start, length);
        _rng.FillUniforms(RandomStream.Genetics, FounderCounter + (uint)gene, _familyLow.AsSpan(start, length), _familyHigh.AsSpan(start, length), f0, f1, m0, m1);

        // The founders' alleles as flags before the draws are reused for the transmission.
        byte[] copies = _genotypes[gene];
        byte[] alleles = _alleles;
        for (int i = 0; i < length; i++)
        {
            alleles[(i * Lanes) + 0] = f0[i] < frequency ? (byte)1 : (byte)0;
            alleles[(i * Lanes) + 1] = f1[i] < frequency ? (byte)1 : (byte)0;
            alleles[(i * Lanes) + 2] = m0[i] < frequency ? (byte)1 : (byte)0;
            alleles[(i * Lanes) + 3] = m1[i] < frequency ? (byte)1 : (byte)0;
        }

        _rng.FillUniforms(RandomStream.Genetics, TransmissionCounter + (uint)gene, _childLow.AsSpan(start, length), _childHigh.AsSpan(start, length), f0, f1, m0, m1);
        for (int i = 0; i < length; i++)
        {
            // Lane 0 picks the father's allele, lane 1 the mother's: each of a parent's two with probability ½.
            int fromFather = alleles[(i * Lanes) + (f0[i] < 0.5f ? 0 : 1)];
            int fromMother = alleles[(i * Lanes) + (f1[i] < 0.5f ? 2 : 3)];
            copies[start + i] = (byte)(fromFather + fromMother);
        }
    }
}

/// <summary>Step 2 (first) with the draws added at the vector width of <typeparamref name="TSimd"/>.</summary>
/// <typeparam name="TSimd">The width struct.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal sealed class FamilyModule<TSimd, TF, TI, TU>(ModuleContext context) : FamilyModule(context)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    /// <inheritdoc/>
    private protected override void Add(float[] score, float scale, float[] draw, float[]? weight, int start, int length)
    {
        if (scale == 0)
        {
            return;
        }

        TF factor = TSimd.Broadcast(scale);
        for (int at = start; at < start + length; at += TSimd.Lanes)
        {
            TF term = TSimd.Load(draw, at);
            if (weight is not null)
            {
                term = TSimd.Multiply(term, TSimd.Load(weight, at));
            }

            TSimd.Store(TSimd.Add(TSimd.Load(score, at), TSimd.Multiply(factor, term)), score, at);
        }
    }
}
