using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine;

/// <summary>
/// Step 1 of a chunk: draws each person's sex and ancestry and lays the chunk's people out in sex × ancestry segments,
/// each padded to a whole number of vectors so that every person is computed by the vector path. Padding lanes reuse
/// the segment's first id (so they hold ordinary finite values) and are dead from the start, never counted.
/// </summary>
internal sealed class ChunkLayout
{
    /// <summary>Low 32 bits of each person's id.</summary>
    public static readonly ColumnKey<uint> IdLow = new("id, low 32 bits");

    /// <summary>High 32 bits of each person's id.</summary>
    public static readonly ColumnKey<uint> IdHigh = new("id, high 32 bits");

    /// <summary>−1 while alive, 0 once dead or for padding.</summary>
    public static readonly ColumnKey<int> Alive = new("alive (−1) or dead and padding (0)");

    // Lanes per vector at the run's width: each segment is padded to a whole number of vectors.
    private readonly int _width;

    private readonly RunPlan _plan;
    private readonly CounterRng _rng;
    private readonly PersonColumns _columns;

    // Natural (id) order.
    private readonly uint[] _naturalLow;
    private readonly uint[] _naturalHigh;
    private readonly int[] _naturalGroup;

    private readonly int[] _segmentStart = new int[ResultLayout.GroupCount];
    private readonly int[] _segmentPeople = new int[ResultLayout.GroupCount];
    private readonly int[] _segmentLength = new int[ResultLayout.GroupCount];

    public ChunkLayout(RunPlan plan, CounterRng rng, PersonColumns columns, int maxChunk)
    {
        _plan = plan;
        _width = VectorWidth.Lanes(plan.VectorBits);
        _rng = rng;
        _columns = columns;
        _naturalLow = new uint[maxChunk];
        _naturalHigh = new uint[maxChunk];
        _naturalGroup = new int[maxChunk];
    }

    /// <summary>Column capacity a chunk of <paramref name="maxChunk"/> people needs: each segment may add up to a vector of padding.</summary>
    public static int CapacityFor(int maxChunk) => maxChunk + ResultLayout.GroupCount * VectorWidth.MostLanes;

    /// <summary>The segment of <paramref name="group"/> in the current chunk, padding included.</summary>
    public Slice Segment(int group) => new(group, _segmentStart[group], _segmentLength[group]);

    /// <summary>Real people in the segment of <paramref name="group"/> (they come first; padding follows).</summary>
    public int People(int group) => _segmentPeople[group];

    /// <summary>Lays out the people with ids <paramref name="firstId"/> .. <paramref name="firstId"/> + <paramref name="count"/> − 1.</summary>
    public void Assign(long firstId, int count)
    {
        Span<uint> low = _naturalLow.AsSpan(0, count);
        Span<uint> high = _naturalHigh.AsSpan(0, count);
        for (int i = 0; i < count; i++)
        {
            ulong id = (ulong)(firstId + i);
            low[i] = (uint)id;
            high[i] = (uint)(id >> 32);
        }

        AssignGroups(low, high);

        // Segments in group order, each padded to whole vectors.
        int offset = 0;
        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            _segmentStart[g] = offset;
            _segmentLength[g] = (_segmentPeople[g] + _width - 1) / _width * _width;
            offset += _segmentLength[g];
        }

        uint[] idLow = _columns.Get(IdLow);
        uint[] idHigh = _columns.Get(IdHigh);
        int[] alive = _columns.Get(Alive);
        Span<int> fill = stackalloc int[ResultLayout.GroupCount];
        _segmentStart.CopyTo(fill);
        for (int i = 0; i < count; i++)
        {
            int at = fill[_naturalGroup[i]]++;
            idLow[at] = low[i];
            idHigh[at] = high[i];
        }

        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            int start = _segmentStart[g];
            int people = _segmentPeople[g];
            int end = start + _segmentLength[g];
            idLow.AsSpan(start + people, end - start - people).Fill(people > 0 ? idLow[start] : 0);
            idHigh.AsSpan(start + people, end - start - people).Fill(people > 0 ? idHigh[start] : 0);
            alive.AsSpan(start, people).Fill(-1);
            alive.AsSpan(start + people, end - start - people).Clear();
        }
    }

    /// <summary>The sex of person <paramref name="id"/> of <paramref name="cohort"/>, drawn one person at a time as the layout draws it.</summary>
    public static Sex SexOf(CohortSpec cohort, CounterRng rng, ulong id)
    {
        bool alternating = cohort.Sexes == SexAssignment.Alternating;
        FamilyMember member = FamilyLayout.Of(cohort.Families).Of((long)id);
        ulong drawn = member.Kind is FamilyKind.Siblings or null ? id : (ulong)member.First;
        float uniform = alternating ? 0f : rng.Uniform(RandomStream.Demography, drawn, 0, SexLane);
        bool female = IsFemale(alternating, (uint)drawn, uniform, (float)cohort.FemaleFraction);
        return female != (member.Kind == FamilyKind.DizygoticOppositeSexTwins && member.Slot > 0) ? Sex.Female : Sex.Male;
    }

    // Lane 0 of the Demography stream's first counter draws sex, lane 1 ancestry.
    private const int SexLane = 0;
    private const int AncestryLane = 1;

    private float Draw(long id, int lane) => _rng.Uniform(RandomStream.Demography, (ulong)id, 0, lane);

    // Even ids are women when sexes alternate (RW1's rule); otherwise a woman is a uniform below the female fraction.
    private static bool IsFemale(bool alternating, uint idLow, float uniform, float femaleFraction) =>
        alternating ? (idLow & 1) == 0 : uniform < femaleFraction;

    /// <summary>Sex and ancestry from the Demography stream (lane 0: sex, lane 1: ancestry), unless neither needs a draw.</summary>
    private void AssignGroups(ReadOnlySpan<uint> low, ReadOnlySpan<uint> high)
    {
        int count = low.Length;
        bool alternating = _plan.Cohort.Sexes == SexAssignment.Alternating;
        int? onlyAncestry = _plan.OnlyAncestry;
        Span<float> sexUniform = _columns.Get(PersonColumns.Scratch[0]).AsSpan(0, count);
        Span<float> ancestryUniform = _columns.Get(PersonColumns.Scratch[1]).AsSpan(0, count);
        if (!alternating || onlyAncestry is null)
        {
            _rng.FillUniforms(RandomStream.Demography, 0, low, high, sexUniform, ancestryUniform,
                _columns.Get(PersonColumns.Scratch[2]).AsSpan(0, count), _columns.Get(PersonColumns.Scratch[3]).AsSpan(0, count));
        }

        Array.Clear(_segmentPeople);
        float[] thresholds = _plan.AncestryThresholds;
        FamilyLayout families = _plan.Families;
        // Read once: as calls inside the loop, they cost more than the rest of a person's work when sexes alternate.
        bool anyFamilies = families.Any;
        float femaleFraction = _plan.FemaleFraction;
        long firstId = count == 0 ? 0 : (long)(((ulong)high[0] << 32) | low[0]);
        for (int i = 0; i < count; i++)
        {
            bool female = IsFemale(alternating, low[i], sexUniform[i], femaleFraction);

            float ancestryDraw = ancestryUniform[i];

            // A family shares the ancestry of its first member (drawn as anyone's), and twins other than opposite-sex
            // pairs their sex. Chunks never split a family, so the first member is in this chunk at an earlier index,
            // except when a single life is replayed: their draws are then made again, one person at a time.
            if (anyFamilies && families.Of(firstId + i) is { Kind: { } kind, Slot: > 0 } member)
            {
                int source = (int)(member.First - firstId);
                (uint firstLow, float firstSex, float firstAncestry) = source >= 0
                    ? (low[source], sexUniform[source], ancestryUniform[source])
                    : ((uint)member.First, Draw(member.First, SexLane), Draw(member.First, AncestryLane));
                bool firstFemale = IsFemale(alternating, firstLow, firstSex, femaleFraction);
                female = kind switch
                {
                    FamilyKind.MonozygoticTwins or FamilyKind.DizygoticSameSexTwins => firstFemale,
                    FamilyKind.DizygoticOppositeSexTwins => !firstFemale,
                    _ => female,
                };
                ancestryDraw = firstAncestry;
            }

            int ancestry = onlyAncestry ?? 0;
            while (onlyAncestry is null && ancestry < thresholds.Length - 1 && !(ancestryDraw < thresholds[ancestry]))
            {
                ancestry++;
            }

            int group = ResultLayout.GroupOf(female ? Sex.Female : Sex.Male, (Ancestry)ancestry);
            _naturalGroup[i] = group;
            _segmentPeople[group]++;
        }
    }
}
