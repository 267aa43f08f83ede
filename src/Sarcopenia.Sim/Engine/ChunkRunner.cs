using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Engine;

/// <summary>Receives a chunk's state after each year step (used to replay individual lives).</summary>
internal interface IYearObserver
{
    /// <summary>Called after age row <paramref name="row"/> has been stepped and accumulated.</summary>
    void Observe(int row, ChunkRunner chunk);
}

/// <summary>
/// Advances one chunk of people through every year while its columns stay in cache, accumulating into the
/// worker's own <see cref="ResultTables"/>. One instance per worker thread; reused for every chunk it runs.
/// </summary>
/// <remarks>
/// Chunk layout: people are grouped by sex × ancestry into segments, each padded to a whole number of vectors so that
/// every person is computed by the vector path (padding lanes are marked dead and never counted). A person's draws
/// depend only on (seed, stream, person id, counter), never on their position, so results are the same for any chunk
/// size, thread count or shard split.
/// </remarks>
internal sealed class ChunkRunner
{
    private static readonly int s_width = Vector<float>.Count;

    private readonly RunPlan _plan;
    private readonly CounterRng _rng;
    private readonly int _groupCount = RunPlan.GroupCount;

    // Natural (id) order scratch.
    private readonly uint[] _naturalLo;
    private readonly uint[] _naturalHi;
    private readonly int[] _naturalGroup;
    private readonly float[] _u0;
    private readonly float[] _u1;
    private readonly float[] _u2;
    private readonly float[] _u3;

    // Segment-ordered columns.
    private readonly uint[] _idLo;
    private readonly uint[] _idHi;
    private readonly float[] _asm;
    private readonly float[] _invPeakAsm;
    private readonly float[] _peakGrip;
    private readonly float[] _peakGait;
    private readonly float[] _invHeightSquared;
    private readonly float[] _massScale;
    private readonly float[] _rate;
    private readonly float[] _menopause;
    private readonly float[] _rateMultiplier;
    private readonly float[] _strengthMultiplier;
    private readonly float[] _grip;
    private readonly float[] _gait;
    private readonly float[] _loss;
    private readonly float[] _scratch;
    private readonly float[][] _noise;
    private readonly float[][] _death;
    private readonly float[][] _onset;
    private readonly int[] _alive;
    private readonly int[] _combination;
    private readonly int[] _sarcopenic;

    private readonly int[] _segmentStart;
    private readonly int[] _segmentCount;
    private readonly int[] _segmentLength;

    public ChunkRunner(RunPlan plan, int maxChunk)
    {
        _plan = plan;
        _rng = new CounterRng(plan.Seed, plan.Model.PhiloxRounds);
        int capacity = maxChunk + _groupCount * s_width;
        _naturalLo = new uint[maxChunk];
        _naturalHi = new uint[maxChunk];
        _naturalGroup = new int[maxChunk];
        _u0 = new float[capacity];
        _u1 = new float[capacity];
        _u2 = new float[capacity];
        _u3 = new float[capacity];
        _idLo = new uint[capacity];
        _idHi = new uint[capacity];
        _asm = new float[capacity];
        _invPeakAsm = new float[capacity];
        _peakGrip = new float[capacity];
        _peakGait = new float[capacity];
        _invHeightSquared = new float[capacity];
        _massScale = new float[capacity];
        _rate = new float[capacity];
        _menopause = new float[capacity];
        _rateMultiplier = new float[capacity];
        _strengthMultiplier = new float[capacity];
        _grip = new float[capacity];
        _gait = new float[capacity];
        _loss = new float[capacity];
        _scratch = new float[capacity];
        _noise = [new float[capacity], new float[capacity], new float[capacity], new float[capacity]];
        _death = plan.Mortality ? [new float[capacity], new float[capacity], new float[capacity], new float[capacity]] : [];
        _onset = [.. plan.Mechanisms.Select(_ => new float[capacity])];
        _alive = new int[capacity];
        _combination = new int[capacity];
        _sarcopenic = new int[capacity];
        _segmentStart = new int[_groupCount];
        _segmentCount = new int[_groupCount];
        _segmentLength = new int[_groupCount];
        Tables = new ResultTables(plan.Rows, _groupCount, plan.Statistics, plan.StandardDeviations, plan.Histograms);
    }

    /// <summary>This worker's accumulated tables.</summary>
    public ResultTables Tables { get; }

    /// <summary>Runs the people with ids <paramref name="firstId"/> .. <paramref name="firstId"/> + <paramref name="count"/> − 1.</summary>
    public void Run(long firstId, int count, IYearObserver? observer = null)
    {
        for (int i = 0; i < count; i++)
        {
            ulong id = (ulong)(firstId + i);
            _naturalLo[i] = (uint)id;
            _naturalHi[i] = (uint)(id >> 32);
        }

        Build(count);
        Age(observer);
    }

    /// <summary>The segment (start, real count) of a group in the current chunk.</summary>
    public (int Start, int Count) Segment(int group) => (_segmentStart[group], _segmentCount[group]);

    /// <summary>ASM, kg, in chunk order (for observers).</summary>
    public ReadOnlySpan<float> AsmColumn => _asm;

    /// <summary>1 / height²: ASM times this is the ASM index.</summary>
    public ReadOnlySpan<float> InverseHeightSquaredColumn => _invHeightSquared;

    /// <summary>Grip, kg, after the latest step.</summary>
    public ReadOnlySpan<float> GripColumn => _grip;

    /// <summary>Gait speed, m/s, after the latest step.</summary>
    public ReadOnlySpan<float> GaitColumn => _gait;

    /// <summary>The latest step's fractional loss.</summary>
    public ReadOnlySpan<float> LossColumn => _loss;

    /// <summary>−1 alive, 0 dead or padding.</summary>
    public ReadOnlySpan<int> AliveColumn => _alive;

    /// <summary>Deficit combination of the living (8 for the dead).</summary>
    public ReadOnlySpan<int> CombinationColumn => _combination;

    private void Build(int count)
    {
        ReadOnlySpan<uint> lo = _naturalLo.AsSpan(0, count);
        ReadOnlySpan<uint> hi = _naturalHi.AsSpan(0, count);

        // Sex and ancestry from the Demography stream (lane 0: sex, lane 1: ancestry), unless neither needs a draw.
        bool alternating = _plan.Cohort.Sexes == SexAssignment.Alternating;
        int? onlyAncestry = _plan.OnlyAncestry;
        if (!alternating || onlyAncestry is null)
        {
            _rng.FillUniforms(RandomStream.Demography, 0, lo, hi, _u0.AsSpan(0, count), _u1.AsSpan(0, count), _u2.AsSpan(0, count), _u3.AsSpan(0, count));
        }

        Array.Clear(_segmentCount);
        float[] thresholds = _plan.AncestryThresholds;
        for (int i = 0; i < count; i++)
        {
            bool female = alternating ? (lo[i] & 1) == 0 : _u0[i] < _plan.FemaleFraction;
            int ancestry = onlyAncestry ?? 0;
            while (onlyAncestry is null && ancestry < thresholds.Length - 1 && !(_u1[i] < thresholds[ancestry]))
            {
                ancestry++;
            }

            int group = RunPlan.GroupOf(female ? Sex.Female : Sex.Male, (Ancestry)ancestry);
            _naturalGroup[i] = group;
            _segmentCount[group]++;
        }

        // Segments in group order, each padded to whole vectors.
        int offset = 0;
        for (int g = 0; g < _groupCount; g++)
        {
            _segmentStart[g] = offset;
            _segmentLength[g] = (_segmentCount[g] + s_width - 1) / s_width * s_width;
            offset += _segmentLength[g];
        }

        Span<int> fill = stackalloc int[_groupCount];
        _segmentStart.CopyTo(fill);
        for (int i = 0; i < count; i++)
        {
            int at = fill[_naturalGroup[i]]++;
            _idLo[at] = lo[i];
            _idHi[at] = hi[i];
        }

        for (int g = 0; g < _groupCount; g++)
        {
            int start = _segmentStart[g];
            int real = _segmentCount[g];
            int length = _segmentLength[g];
            // Padding lanes reuse the segment's first id (or id 0) so they hold ordinary finite values; they are marked dead.
            for (int i = start + real; i < start + length; i++)
            {
                _idLo[i] = real > 0 ? _idLo[start] : 0;
                _idHi[i] = real > 0 ? _idHi[start] : 0;
            }

            if (length > 0)
            {
                BuildSegment(g, start, real, length);
            }
        }
    }

    private void BuildSegment(int group, int start, int real, int length)
    {
        GroupPlan gp = _plan.Groups[group];
        ReadOnlySpan<uint> lo = _idLo.AsSpan(start, length);
        ReadOnlySpan<uint> hi = _idHi.AsSpan(start, length);
        Span<float> zHeight = _u0.AsSpan(start, length);
        Span<float> zAsmi = _u1.AsSpan(start, length);
        Span<float> zGrip = _u2.AsSpan(start, length);
        Span<float> zGait = _u3.AsSpan(start, length);
        _rng.FillNormals(RandomStream.PeakTraits, 0, lo, hi, zHeight, zAsmi, zGrip, zGait);
        Span<float> zRate = _rate.AsSpan(start, length);
        Span<float> zBmi = _massScale.AsSpan(start, length);
        Span<float> zMenopause = _menopause.AsSpan(start, length);
        _rng.FillNormals(RandomStream.Personal, 0, lo, hi, zRate, zBmi, zMenopause, _scratch.AsSpan(start, length));

        // Segments are whole vectors (padded), so there is no scalar tail; columns filled with draws above are
        // overwritten in place with the traits they determine.
        var one = Vector<float>.One;
        var correlation = new Vector<float>(gp.MassGripCorrelation);
        var residual = new Vector<float>(gp.MassGripResidual);
        var log2MedianRate = new Vector<float>(gp.Log2MedianRate);
        var personalLog2Sigma = new Vector<float>(gp.PersonalLog2Sigma);
        var minRate = new Vector<float>(gp.MinRate);
        var maxRate = new Vector<float>(gp.MaxRate);
        var menopauseMean = new Vector<float>(gp.Menopause.Mean);
        var menopauseSd = new Vector<float>(gp.Menopause.Sd);
        var liveLanes = new Vector<int>(real);
        for (int i = 0; i < length; i += Vector<float>.Count)
        {
            int at = start + i;
            var zA = VectorSpan.Load(zAsmi, i);
            Vector<float> height = Draw(gp.Height, VectorSpan.Load(zHeight, i));
            Vector<float> heightSquared = height * height;
            Vector<float> peakAsm = Draw(gp.Asmi, zA) * heightSquared;
            Vector<float> inverseHeightSquared = one / heightSquared;
            peakAsm.CopyTo(_asm.AsSpan(at));
            (one / peakAsm).CopyTo(_invPeakAsm.AsSpan(at));
            inverseHeightSquared.CopyTo(_invHeightSquared.AsSpan(at));
            Draw(gp.Grip, correlation * zA + residual * VectorSpan.Load(zGrip, i)).CopyTo(_peakGrip.AsSpan(at));
            Draw(gp.Gait, VectorSpan.Load(zGait, i)).CopyTo(_peakGait.AsSpan(at));

            Vector<float> rate = FloatMath.Exp2(log2MedianRate + personalLog2Sigma * VectorSpan.Load(zRate, i));
            VectorSpan.Store(Vector.Min(Vector.Max(rate, minRate), maxRate), zRate, i);
            Vector<float> massScale = gp.MassScaleKind switch
            {
                MassMeasure.Asmi => inverseHeightSquared,
                MassMeasure.AsmPerBmi => one / Draw(gp.Bmi, VectorSpan.Load(zBmi, i)),
                _ => one,
            };
            VectorSpan.Store(massScale, zBmi, i);
            VectorSpan.Store(menopauseMean + menopauseSd * VectorSpan.Load(zMenopause, i), zMenopause, i);

            // Lanes past the segment's real people are padding: dead from the start, never counted.
            Vector.LessThan(Vector<int>.Indices + new Vector<int>(i), liveLanes).CopyTo(_alive.AsSpan(at));
        }

        _sarcopenic.AsSpan(start, length).Clear();
        _rateMultiplier.AsSpan(start, length).Fill(1f);
        _strengthMultiplier.AsSpan(start, length).Fill(1f);
        BuildOnsets(gp, start, length, lo, hi);
    }

    /// <summary>A positive trait drawn from a normal, floored at <see cref="PositiveTraitFloor"/> of its mean.</summary>
    private static Vector<float> Draw((float Mean, float Sd) normal, Vector<float> z) =>
        Vector.Max(new Vector<float>(normal.Mean) + new Vector<float>(normal.Sd) * z, new Vector<float>(PositiveTraitFloor * normal.Mean));

    // Physical traits are positive; the floor is reached only in the far tail (beyond −4.5 SD for the presets'
    // widest trait, grip) and keeps every ratio and index finite.
    private const float PositiveTraitFloor = 0.05f;

    private void BuildOnsets(GroupPlan gp, int start, int length, ReadOnlySpan<uint> lo, ReadOnlySpan<uint> hi)
    {
        MechanismPlan[] mechanisms = _plan.Mechanisms;
        uint filledCounter = uint.MaxValue;
        for (int j = 0; j < mechanisms.Length; j++)
        {
            // Mechanism k of the model draws lane k % 4 of RiskFactors counter k / 4, whatever else is active.
            int k = mechanisms[j].Index;
            uint counter = (uint)(k >> 2);
            if (counter != filledCounter)
            {
                _rng.FillUniforms(RandomStream.RiskFactors, counter, lo, hi,
                    _u0.AsSpan(start, length), _u1.AsSpan(start, length), _u2.AsSpan(start, length), _u3.AsSpan(start, length));
                filledCounter = counter;
            }

            float[] u = (k & 3) switch { 0 => _u0, 1 => _u1, 2 => _u2, _ => _u3 };
            float[] prevalence = gp.Sex == Sex.Female ? mechanisms[j].FemalePrevalence : mechanisms[j].MalePrevalence;
            float[] onset = _onset[j];
            int startAge = _plan.Cohort.StartAge;
            for (int i = start; i < start + length; i++)
            {
                float value = float.PositiveInfinity;
                for (int row = 0; row < prevalence.Length; row++)
                {
                    if (u[i] < prevalence[row])
                    {
                        value = startAge + row;
                        break;
                    }
                }

                onset[i] = value;
            }
        }
    }

    private void Age(IYearObserver? observer)
    {
        // Temporal blocking at two levels: the chunk stays in L2 while it is built, and each block of a segment stays
        // in L1 while it is aged through every year. People are independent and the tables are integer sums, so the
        // order of blocks, vectors and years does not change any result.
        for (int g = 0; g < _groupCount; g++)
        {
            int segmentEnd = _segmentStart[g] + _segmentLength[g];
            for (int start = _segmentStart[g]; start < segmentEnd; start += BlockSize)
            {
                int length = Math.Min(BlockSize, segmentEnd - start);
                if (_plan.Groups[g].SquareRootGait)
                {
                    AgeBlock<SquareRootGaitLaw>(g, start, length, observer);
                }
                else
                {
                    AgeBlock<PowerGaitLaw>(g, start, length, observer);
                }
            }
        }
    }

    // People aged together through all years: the year step's ~17 columns of 512 floats (35 KiB) fit in L1.
    // A multiple of every vector width.
    private const int BlockSize = 512;

    // An int32 lane holds this many quantized values without overflow: 256 · 127.99 · 2^16 < 2^31.
    private const int MaxVectorsPerSum = 1 << 8;

    /// <summary>
    /// Ages a block through every year. Each year is two passes over the block: one computes everyone's loss, the other
    /// steps every vector of people and adds it to this row's counts and ASM sums in registers; only the traits that
    /// need more (other statistics, histograms) are written to columns and added afterwards. With an observer, each year
    /// goes through the column kernel instead, so that every person's values can be read after the step; the numbers
    /// are the same bits.
    /// </summary>
    private void AgeBlock<TGait>(int group, int start, int length, IYearObserver? observer)
        where TGait : struct, IGaitLaw
    {
        GroupPlan gp = _plan.Groups[group];
        ReadOnlySpan<uint> lo = _idLo.AsSpan(start, length);
        ReadOnlySpan<uint> hi = _idHi.AsSpan(start, length);
        ResultTables tables = Tables;
        // ASM's sums are added in the year pass itself; everything else needs the columns.
        TraitSet columnSums = tables.Statistics & ~TraitSet.Asm;
        TraitSet columnTraits = columnSums | tables.Histograms;
        for (int row = 0; row < _plan.Rows; row++)
        {
            int lane = row & 3;
            if (lane == 0)
            {
                DrawYears(row, start, length, lo, hi);
            }

            if (_plan.UpdatesMultipliers)
            {
                UpdateMultipliers(start, length, _plan.Cohort.StartAge + row);
            }

            if (observer is not null)
            {
                StepColumns<TGait>(gp, group, row, start, length, lane);
                observer.Observe(row, this);
                continue;
            }

            int cell = tables.Cell(row, group);
            if (columnTraits == TraitSet.None)
            {
                StepBlock<TGait, No>(gp.Vectors[row], cell, start, length, lane);
            }
            else
            {
                StepBlock<TGait, Yes>(gp.Vectors[row], cell, start, length, lane);
                AccumulateColumns(columnSums, tables.Histograms, cell, start, length);
            }
        }
    }

    /// <summary>Draws the year noise (and death uniforms) of rows <paramref name="row"/> .. +3: one Philox counter serves four years.</summary>
    private void DrawYears(int row, int start, int length, ReadOnlySpan<uint> lo, ReadOnlySpan<uint> hi)
    {
        uint counter = (uint)(row >> 2);
        _rng.FillNormals(RandomStream.YearNoise, counter, lo, hi,
            _noise[0].AsSpan(start, length), _noise[1].AsSpan(start, length), _noise[2].AsSpan(start, length), _noise[3].AsSpan(start, length));
        if (_plan.Mortality)
        {
            _rng.FillUniforms(RandomStream.Mortality, counter, lo, hi,
                _death[0].AsSpan(start, length), _death[1].AsSpan(start, length), _death[2].AsSpan(start, length), _death[3].AsSpan(start, length));
        }
    }

    /// <summary>
    /// One year for a block: computes everyone's loss into the loss column, then steps each vector of people, counts
    /// deficit combinations into packed 4-bit counters and sums ASM in registers, and flushes them into the row's cell;
    /// <typeparamref name="TStoreColumns"/> says whether grip and gait must also be stored for <see cref="AccumulateColumns"/>
    /// (only counts and ASM sums are wanted without).
    /// </summary>
    private void StepBlock<TGait, TStoreColumns>(in YearVectors year, int cell, int start, int length, int lane)
        where TGait : struct, IGaitLaw
        where TStoreColumns : struct, ICompileTimeFlag
    {
        ResultTables tables = Tables;
        Span<long> counts = tables.CombinationCounts.AsSpan(cell * ResultTables.Combinations, ResultTables.Combinations);
        bool packed = LaneOps.CanShiftVariably;
        bool mortality = year.Mortality;
        bool multipliers = _plan.UpdatesMultipliers;
        long[]? asmSums = tables.Sums[(int)Trait.Asm];
        long[]? asmSquareSums = tables.SumsOfSquares[(int)Trait.Asm];
        // Columns as spans, taken once: reading the array fields inside the loop costs a load and a null check each.
        ReadOnlySpan<float> noiseColumn = _noise[lane];
        ReadOnlySpan<float> deathColumn = mortality ? _death[lane] : noiseColumn;
        ReadOnlySpan<float> rates = _rate, rateMultipliers = _rateMultiplier, strengthMultipliers = _strengthMultiplier;
        ReadOnlySpan<float> menopause = _menopause, invPeakAsm = _invPeakAsm, peakGrip = _peakGrip, peakGait = _peakGait, massScale = _massScale;
        Span<float> asmColumn = _asm, gripColumn = _grip, gaitColumn = _gait, lossColumn = _loss;
        Span<int> aliveColumn = _alive, sarcopenicColumn = _sarcopenic, combinationColumn = _combination;
        int end = start + length;

        // Pass 1: every person's loss this year. It depends on draws and fixed traits only, so it is computed apart from
        // the state pass below, whose dependency chains are then short enough for several vectors to be in flight.
        for (int at = start; at < end; at += s_width)
        {
            Vector<float> rate = VectorSpan.Load(rates, at);
            Vector<float> loss = YearKernel.LossVector(
                year, multipliers ? rate * VectorSpan.Load(rateMultipliers, at) : rate, VectorSpan.Load(menopause, at), VectorSpan.Load(noiseColumn, at));
            VectorSpan.Store(loss, lossColumn, at);
        }

        // Pass 2: the state, counts and sums. Packed counters and sums of squares take at most NibbleCapacity vectors
        // before they are flushed; the byte counters they are widened into, and the int32 sums, take a whole block: at
        // most BlockSize / 4 = 128 vectors, under ByteCapacity, and 128 quantized values below 2^23 each stay under 2^30.
        Debug.Assert(length / s_width <= Math.Min(Accumulate.ByteCapacity, MaxVectorsPerSum));
        Vector<int> deaths = Vector<int>.Zero;
        Vector<uint> evenCounts = Vector<uint>.Zero;
        Vector<uint> oddCounts = Vector<uint>.Zero;
        Vector<int> asmSum = Vector<int>.Zero;
        for (int at = start; at < end;)
        {
            int flushAt = Math.Min(end, at + (Accumulate.NibbleCapacity * s_width));
            Vector<uint> nibbles = Vector<uint>.Zero;
            Vector<int> asmSquares = Vector<int>.Zero;
            for (; at < flushAt; at += s_width)
            {
                var person = new PersonVector(
                    VectorSpan.Load(invPeakAsm, at),
                    VectorSpan.Load(peakGrip, at),
                    VectorSpan.Load(peakGait, at),
                    VectorSpan.Load(massScale, at));
                Vector<float> asm = VectorSpan.Load(asmColumn, at);
                Vector<int> alive = VectorSpan.Load(aliveColumn, at);
                Vector<int> sarcopenic = mortality ? VectorSpan.Load(sarcopenicColumn, at) : Vector<int>.Zero;
                Vector<int> combination = YearKernel.StepVector<TGait>(
                    year,
                    person,
                    VectorSpan.Load(lossColumn, at),
                    mortality ? VectorSpan.Load(deathColumn, at) : Vector<float>.Zero,
                    multipliers ? VectorSpan.Load(strengthMultipliers, at) : Vector<float>.One,
                    multipliers,
                    ref asm,
                    ref alive,
                    ref sarcopenic,
                    out Vector<int> died,
                    out Vector<float> grip,
                    out Vector<float> gait);
                VectorSpan.Store(asm, asmColumn, at);
                if (mortality)
                {
                    VectorSpan.Store(alive, aliveColumn, at);
                    VectorSpan.Store(sarcopenic, sarcopenicColumn, at);
                    deaths -= died;
                }

                if (TStoreColumns.IsSet)
                {
                    VectorSpan.Store(grip, gripColumn, at);
                    VectorSpan.Store(gait, gaitColumn, at);
                }

                if (packed)
                {
                    nibbles += LaneOps.NibbleOf(combination);
                }
                else
                {
                    VectorSpan.Store(combination, combinationColumn, at);
                }

                if (asmSums is not null)
                {
                    Vector<float> v = Accumulate.Scaled(asm, alive, 1f);
                    asmSum += Accumulate.RoundedValues(v);
                    if (asmSquareSums is not null)
                    {
                        asmSquares += Accumulate.RoundedSquares(v);
                    }
                }
            }

            if (packed)
            {
                Accumulate.WidenNibbles(nibbles, ref evenCounts, ref oddCounts);
            }

            if (asmSquareSums is not null)
            {
                // At most NibbleCapacity vectors of squares ≤ 2^26 per lane: no int overflow before widening.
                asmSquareSums[cell] += Accumulate.SumLanes(asmSquares);
            }
        }

        if (packed)
        {
            Accumulate.AddByteCounts(evenCounts, oddCounts, counts);
        }
        else
        {
            Accumulate.CountCombinationsByComparison(_combination.AsSpan(start, length), counts);
        }

        if (asmSums is not null)
        {
            asmSums[cell] += Accumulate.SumLanes(asmSum);
        }

        tables.Deaths[cell] += Vector.Sum(deaths);
    }

    /// <summary>Adds the sums of <paramref name="sums"/> and the histograms of <paramref name="histograms"/> from the columns of the latest year step.</summary>
    private void AccumulateColumns(TraitSet sums, TraitSet histograms, int cell, int start, int length)
    {
        ResultTables t = Tables;
        ReadOnlySpan<int> alive = _alive.AsSpan(start, length);
        foreach (Trait trait in Traits.All)
        {
            if (!(sums | histograms).Contains(trait))
            {
                continue;
            }

            ReadOnlySpan<float> values = trait switch
            {
                Trait.Asm => _asm.AsSpan(start, length),
                Trait.Asmi => Multiplied(_asm, _invHeightSquared, start, length),
                Trait.Grip => _grip.AsSpan(start, length),
                Trait.Gait => _gait.AsSpan(start, length),
                _ => _loss.AsSpan(start, length),
            };
            float scale = trait == Trait.LossRate ? PercentPerFraction : 1f;

            if (sums.Contains(trait))
            {
                ref long sum = ref t.Sums[(int)trait]![cell];
                if (t.SumsOfSquares[(int)trait] is { } squares)
                {
                    Accumulate.SumFixedPoint(values, alive, scale, ref sum, ref squares[cell]);
                }
                else
                {
                    Accumulate.SumFixedPoint(values, alive, scale, ref sum);
                }
            }

            if (histograms.Contains(trait))
            {
                Accumulate.Histogram(values, alive, scale, t.HistogramCounts[(int)trait].AsSpan(cell * TraitBins.Count, TraitBins.Count),
                    TraitBins.Low(trait), 1f / TraitBins.Width(trait));
            }
        }
    }

    /// <summary>
    /// The products of the loss-rate and strength ratios in force at <paramref name="age"/> for one vector of people:
    /// menopause (strength), then each active mechanism whose onset has been reached, in the model's order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Multipliers(int at, float age, out Vector<float> rate, out Vector<float> strength)
    {
        var a = new Vector<float>(age);
        rate = Vector<float>.One;
        strength = Vector<float>.One;
        MultiplyWhereReached(ref strength, VectorSpan.Load<float>(_menopause, at), a, _plan.MenopauseStrengthRatio);
        for (int j = 0; j < _plan.Mechanisms.Length; j++)
        {
            MechanismPlan m = _plan.Mechanisms[j];
            Vector<float> onset = VectorSpan.Load<float>(_onset[j], at);
            MultiplyWhereReached(ref rate, onset, a, m.LossRateRatio);
            MultiplyWhereReached(ref strength, onset, a, m.StrengthRatio);
        }

        static void MultiplyWhereReached(ref Vector<float> target, Vector<float> onset, Vector<float> age, float ratio)
        {
            // A neutral ratio cannot change the product, so it is skipped (as a multiplication by one would be exact anyway).
            if (ratio != 1f)
            {
                target *= Vector.ConditionalSelect(Vector.GreaterThanOrEqual(age, onset), new Vector<float>(ratio), Vector<float>.One);
            }
        }
    }

    /// <summary>
    /// One year for a block through the column kernel (<see cref="YearKernel.Step{TGait}"/>), which stores every
    /// person's grip, gait, loss and combination for an observer, then adds the block to the tables.
    /// </summary>
    private void StepColumns<TGait>(GroupPlan gp, int group, int row, int start, int length, int lane)
        where TGait : struct, IGaitLaw
    {
        var columns = new SegmentColumns
        {
            Asm = _asm.AsSpan(start, length),
            InvPeakAsm = _invPeakAsm.AsSpan(start, length),
            PeakGrip = _peakGrip.AsSpan(start, length),
            PeakGait = _peakGait.AsSpan(start, length),
            MassScale = _massScale.AsSpan(start, length),
            Rate = _rate.AsSpan(start, length),
            MenopauseAge = _menopause.AsSpan(start, length),
            RateMultiplier = _rateMultiplier.AsSpan(start, length),
            StrengthMultiplier = _strengthMultiplier.AsSpan(start, length),
            Noise = _noise[lane].AsSpan(start, length),
            DeathUniform = _plan.Mortality ? _death[lane].AsSpan(start, length) : default,
            Grip = _grip.AsSpan(start, length),
            Gait = _gait.AsSpan(start, length),
            Loss = _loss.AsSpan(start, length),
            Alive = _alive.AsSpan(start, length),
            Combination = _combination.AsSpan(start, length),
            Sarcopenic = _sarcopenic.AsSpan(start, length),
        };
        ref readonly YearScalars scalars = ref gp.Scalars[row];
        int deaths = YearKernel.Step<TGait>(ref columns, scalars);
        AccumulateSegment(row, group, start, length, deaths);
    }

    private void UpdateMultipliers(int start, int length, int age)
    {
        // Lengths are whole vectors (segments are padded).
        for (int at = start; at < start + length; at += s_width)
        {
            Multipliers(at, age, out Vector<float> rate, out Vector<float> strength);
            VectorSpan.Store(rate, _rateMultiplier, at);
            VectorSpan.Store(strength, _strengthMultiplier, at);
        }
    }

    private void AccumulateSegment(int row, int group, int start, int length, int deaths)
    {
        ResultTables t = Tables;
        int cell = t.Cell(row, group);
        Accumulate.CountCombinations(_combination.AsSpan(start, length), t.CombinationCounts.AsSpan(cell * ResultTables.Combinations, ResultTables.Combinations));
        t.Deaths[cell] += deaths;
        AccumulateColumns(t.Statistics, t.Histograms, cell, start, length);
    }

    private const float PercentPerFraction = 100f;

    private ReadOnlySpan<float> Multiplied(float[] x, float[] y, int start, int length)
    {
        Span<float> destination = _scratch.AsSpan(start, length);
        TensorPrimitives.Multiply(x.AsSpan(start, length), y.AsSpan(start, length), destination);
        return destination;
    }
}
