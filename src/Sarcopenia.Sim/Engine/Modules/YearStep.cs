using System.Diagnostics;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 5, one year of one block: mortality → muscle → strength → function → staging, fused into one pass over the
/// people so that their state stays in registers (<see cref="YearKernel.StepVector{TGait, TSimd, TF, TI, TU}"/> does the five in that
/// order), counting deficit combinations, deaths and ASM sums into the worker's tables as it goes.
/// </summary>
/// <remarks>
/// The loss of every person is computed in a pass of its own first: it depends on draws and fixed traits only, and
/// apart from the state pass the latter's dependency chains are short enough for several vectors to be in flight.
/// Observed runs (replayed lives) go through the column kernel <see cref="YearKernel.Step{TGait, TSimd, TF, TI, TU}"/> instead, which
/// stores every value; the numbers are the same bits.
/// </remarks>
internal abstract class YearStep : ChunkModule
{
    /// <summary>Grip after the latest step, kg (stored only when someone reads it).</summary>
    public static readonly ColumnKey<float> Grip = new("grip, kg");

    /// <summary>Gait speed after the latest step, m/s (stored only when someone reads it).</summary>
    public static readonly ColumnKey<float> Gait = new("gait speed, m/s");

    /// <summary>The latest step's loss, fraction of the previous year's mass.</summary>
    public static readonly ColumnKey<float> Loss = new("loss in the latest year, fraction");

    /// <summary>Deficit combination 0..7 of the living, 8 for the dead (stored by the column kernel, and where packed counters are unavailable).</summary>
    public static readonly ColumnKey<int> Combination = new("deficit combination (8 dead)");

    /// <summary>−1 if last year's stage counts as sarcopenia for the mortality hazard.</summary>
    public static readonly ColumnKey<int> Sarcopenic = new("sarcopenic last year (−1)");

    /// <summary>This year's muscle quality of each person (with personal quality rates).</summary>
    public static readonly ColumnKey<float> Quality = new("muscle quality this year");

    /// <summary>This year's measured mass scale: the mass measure per kg of true ASM times the device's error (with measurement).</summary>
    public static readonly ColumnKey<float> MeasuredMassScale = new("measured mass measure per kg of ASM");

    /// <summary>This year's strict bound of low grip for the true grip (with measurement).</summary>
    public static readonly ColumnKey<float> GripBound = new("low-grip bound for the true grip, kg");

    /// <summary>This year's strict bound of slow gait for the true gait (with measurement).</summary>
    public static readonly ColumnKey<float> GaitBound = new("slow-gait bound for the true gait, m/s");

    // An int32 lane holds this many quantized values without overflow: 256 · 127.99 · 2^16 < 2^31.
    private protected const int MaxVectorsPerSum = 1 << 8;

    private protected readonly RunPlan _plan;
    private protected readonly ResultTables _tables;
    private protected readonly float[] _asm;
    private protected readonly float[] _inversePeakAsm;
    private protected readonly float[] _peakGrip;
    private protected readonly float[] _peakGait;
    private protected readonly float[] _massScale;
    private protected readonly float[] _rate;
    private protected readonly float[] _menopauseAge;
    private protected readonly float[] _rateMultiplier;
    private protected readonly float[] _strengthMultiplier;
    private protected readonly float[] _qualityRate;
    private protected readonly float[] _quality;
    private protected readonly float[] _measuredMassScale;
    private protected readonly float[] _gripBound;
    private protected readonly float[] _gaitBound;
    private protected readonly float[][] _measurementError;
    private protected readonly float[][] _noise;
    private protected readonly float[][] _death;
    private protected readonly float[] _grip;
    private protected readonly float[] _gait;
    private protected readonly float[] _loss;
    private protected readonly int[] _alive;
    private protected readonly int[] _combination;
    private protected readonly int[] _sarcopenic;

    protected YearStep(ModuleContext context, ResultTables tables)
    {
        _plan = context.Plan;
        _tables = tables;
        PersonColumns columns = context.Columns;
        _asm = columns.Get(PeakTraitModule.Asm);
        _inversePeakAsm = columns.Get(PeakTraitModule.InversePeakAsm);
        _peakGrip = columns.Get(PeakTraitModule.PeakGrip);
        _peakGait = columns.Get(PeakTraitModule.PeakGait);
        _massScale = columns.Get(PersonalTraitModule.MassScale);
        _rate = columns.Get(PersonalTraitModule.Rate);
        _menopauseAge = columns.Get(PersonalTraitModule.MenopauseAge);
        _rateMultiplier = columns.Get(ExposureModule.RateMultiplier);
        _strengthMultiplier = columns.Get(ExposureModule.StrengthMultiplier);
        _qualityRate = columns.Get(PersonalTraitModule.QualityRate);
        _quality = columns.Get(Quality);
        _measuredMassScale = columns.Get(MeasuredMassScale);
        _gripBound = columns.Get(GripBound);
        _gaitBound = columns.Get(GaitBound);
        _measurementError = _plan.Measured ? [.. YearDraws.MeasurementError.Select(columns.Get)] : [];
        _noise = [.. YearDraws.Noise.Select(columns.Get)];
        _death = _plan.Mortality ? [.. YearDraws.DeathUniform.Select(columns.Get)] : [];
        _grip = columns.Get(Grip);
        _gait = columns.Get(Gait);
        _loss = columns.Get(Loss);
        _alive = columns.Get(ChunkLayout.Alive);
        _combination = columns.Get(Combination);
        _sarcopenic = columns.Get(Sarcopenic);
    }

    /// <inheritdoc/>
    public override void Initialize(Slice segment)
    {
        _sarcopenic.AsSpan(segment.Start, segment.Length).Clear();
        if (_plan.ScreensStages)
        {
            // Nobody has been measured before the first simulated year: screening then finds no deficit (stage None).
            _combination.AsSpan(segment.Start, segment.Length).Clear();
        }
    }

    /// <summary>Steps <paramref name="block"/> through the year that ends at simulated row <paramref name="row"/> and counts it if the row is reported.</summary>
    /// <param name="block">The people.</param>
    /// <param name="row">The simulated age row reached.</param>
    /// <param name="storeColumns">Whether grip and gait must be stored for later steps (the loss always is).</param>
    /// <param name="observed">Whether every value must be stored for an observer (the column kernel).</param>
    /// <returns>The traits whose sums this step already added to the tables.</returns>
    public abstract TraitSet Step(Slice block, int row, bool storeColumns, bool observed);

    /// <summary>The mass, grip and gait measurement-error columns of counter lane <paramref name="lane"/> (empty without measurement).</summary>
    private protected (float[] Mass, float[] Grip, float[] Gait) MeasurementErrors(int lane)
    {
        if (_measurementError.Length == 0)
        {
            return ([], [], []);
        }

        int first = lane * YearDraws.MeasurementsPerYear;
        return (_measurementError[first], _measurementError[first + 1], _measurementError[first + 2]);
    }
}

/// <summary><see cref="YearStep"/> at the width of <typeparamref name="TSimd"/>.</summary>
/// <typeparam name="TSimd">The vector width.</typeparam>
/// <typeparam name="TF">The width's float vector.</typeparam>
/// <typeparam name="TI">The width's int vector.</typeparam>
/// <typeparam name="TU">The width's uint vector.</typeparam>
internal sealed class YearStep<TSimd, TF, TI, TU>(ModuleContext context, ResultTables tables) : YearStep(context, tables)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    /// <inheritdoc/>
    public override TraitSet Step(Slice block, int row, bool storeColumns, bool observed)
    {
        bool squareRootGait = _plan.Groups[block.Group].SquareRootGait;
        if (observed)
        {
            if (squareRootGait)
            {
                StepColumns<SquareRootGaitLaw>(block, row);
            }
            else
            {
                StepColumns<PowerGaitLaw>(block, row);
            }

            return TraitSet.None;
        }

        var year = new YearVectors<TSimd, TF, TI, TU>(in _plan.Groups[block.Group].Broadcasts[row]);
        if (!_plan.IsReported(row))
        {
            // The years between the peak and the cohort's start age age everyone but count nothing: nobody dies in them
            // and their rows are not in the tables, so the step stores the state only.
            if (squareRootGait)
            {
                StepBlock<SquareRootGaitLaw, Yes, No>(year, 0, block, row);
            }
            else
            {
                StepBlock<PowerGaitLaw, Yes, No>(year, 0, block, row);
            }

            return TraitSet.None;
        }

        int cell = _tables.Layout.Cell(row - _plan.FirstReportedRow, block.Group);
        switch (squareRootGait, storeColumns)
        {
            case (true, true): StepBlock<SquareRootGaitLaw, Yes, Yes>(year, cell, block, row); break;
            case (true, false): StepBlock<SquareRootGaitLaw, No, Yes>(year, cell, block, row); break;
            case (false, true): StepBlock<PowerGaitLaw, Yes, Yes>(year, cell, block, row); break;
            default: StepBlock<PowerGaitLaw, No, Yes>(year, cell, block, row); break;
        }

        return _tables.Statistics & TraitSet.Asm;
    }

    /// <summary>
    /// The fused year: computes everyone's loss into the loss column, then steps each vector of people, counts deficit
    /// combinations into packed 4-bit counters and sums ASM in registers, and flushes them into the row's cell;
    /// <typeparamref name="TStoreColumns"/> says whether grip and gait must also be stored, <typeparamref name="TCount"/>
    /// whether the year is counted at all (years before the cohort's start age are not).
    /// </summary>
    private void StepBlock<TGait, TStoreColumns, TCount>(scoped in YearVectors<TSimd, TF, TI, TU> year, int cell, Slice block, int row)
        where TGait : struct, IGaitLaw
        where TStoreColumns : struct, ICompileTimeFlag
        where TCount : struct, ICompileTimeFlag
    {
        ResultTables tables = _tables;
        int lane = row % YearDraws.YearsPerCounter;
        Span<long> counts = tables.CombinationCounts.AsSpan(cell * ResultLayout.Combinations, ResultLayout.Combinations);
        bool packed = TSimd.CanShiftVariably;
        bool mortality = year.Mortality;
        bool multipliers = _plan.UpdatesMultipliers;
        // The combination is stored where counting needs it (no packed counters) and where screening reads it next year.
        bool storeCombination = _plan.StoresCombinations || (TCount.IsSet && !packed);
        long[]? asmSums = TCount.IsSet ? tables.Sums[(int)Trait.Asm] : null;
        long[]? asmSquareSums = TCount.IsSet ? tables.SumsOfSquares[(int)Trait.Asm] : null;
        // Columns as spans, taken once: reading the array fields inside the loop costs a load and a null check each.
        ReadOnlySpan<float> noiseColumn = _noise[lane];
        ReadOnlySpan<float> deathColumn = mortality ? _death[lane] : noiseColumn;
        ReadOnlySpan<float> rates = _rate, rateMultipliers = _rateMultiplier, strengthMultipliers = _strengthMultiplier;
        ReadOnlySpan<float> menopause = _menopauseAge, invPeakAsm = _inversePeakAsm, peakGrip = _peakGrip, peakGait = _peakGait, massScale = _massScale;
        Span<float> asmColumn = _asm, gripColumn = _grip, gaitColumn = _gait, lossColumn = _loss;
        bool personalQuality = year.PersonalQuality;
        bool measured = year.Measured;
        Span<float> qualityColumn = _quality, scaleColumn = _measuredMassScale, gripBoundColumn = _gripBound, gaitBoundColumn = _gaitBound;
        ReadOnlySpan<float> qualityRates = _qualityRate;
        (float[] massErrorColumn, float[] gripErrorColumn, float[] gaitErrorColumn) = MeasurementErrors(lane);
        ReadOnlySpan<float> massErrors = massErrorColumn, gripErrors = gripErrorColumn, gaitErrors = gaitErrorColumn;
        Span<int> aliveColumn = _alive, sarcopenicColumn = _sarcopenic, combinationColumn = _combination;
        int start = block.Start;
        int end = block.End;

        // Pass 1: every person's loss this year, and their other terms that do not depend on the state (quality and
        // measurement), which then cost the state pass a load each.
        for (int at = start; at < end; at += TSimd.Lanes)
        {
            TF rate = TSimd.Load(rates, at);
            TF loss = YearKernel.LossVector(
                year, multipliers ? TSimd.Multiply(rate, TSimd.Load(rateMultipliers, at)) : rate, TSimd.Load(menopause, at), TSimd.Load(noiseColumn, at));
            TSimd.Store(loss, lossColumn, at);
            if (personalQuality || measured)
            {
                PersonVector<TF> terms = YearKernel.PersonTerms<TSimd, TF, TI, TU>(
                    year,
                    TSimd.Broadcast(0f),
                    TSimd.Broadcast(0f),
                    TSimd.Broadcast(0f),
                    TSimd.Load(massScale, at),
                    personalQuality ? TSimd.Load(qualityRates, at) : TSimd.Broadcast(0f),
                    measured ? TSimd.Load(massErrors, at) : TSimd.Broadcast(0f),
                    measured ? TSimd.Load(gripErrors, at) : TSimd.Broadcast(0f),
                    measured ? TSimd.Load(gaitErrors, at) : TSimd.Broadcast(0f));
                if (personalQuality)
                {
                    TSimd.Store(terms.Quality, qualityColumn, at);
                }

                if (measured)
                {
                    TSimd.Store(terms.MassScale, scaleColumn, at);
                    TSimd.Store(terms.GripBound, gripBoundColumn, at);
                    TSimd.Store(terms.GaitBound, gaitBoundColumn, at);
                }
            }
        }

        // Pass 2: the state, counts and sums. Packed counters and sums of squares take at most NibbleCapacity vectors
        // before they are flushed; the byte counters they are widened into, and the int32 sums, take a whole block: at
        // most BlockSize / 4 = 128 vectors, under ByteCapacity, and 128 quantized values below 2^23 each stay under 2^30.
        Debug.Assert(block.Length / TSimd.Lanes <= Math.Min(Accumulate.ByteCapacity, MaxVectorsPerSum));
        TI deaths = TSimd.Broadcast(0);
        TU evenCounts = TSimd.Broadcast(0u);
        TU oddCounts = TSimd.Broadcast(0u);
        TI asmSum = TSimd.Broadcast(0);
        for (int at = start; at < end;)
        {
            int flushAt = Math.Min(end, at + (Accumulate.NibbleCapacity * TSimd.Lanes));
            TU nibbles = TSimd.Broadcast(0u);
            TI asmSquares = TSimd.Broadcast(0);
            for (; at < flushAt; at += TSimd.Lanes)
            {
                var person = new PersonVector<TF>(
                    TSimd.Load(invPeakAsm, at),
                    TSimd.Load(peakGrip, at),
                    TSimd.Load(peakGait, at),
                    TSimd.Load(measured ? scaleColumn : massScale, at),
                    personalQuality ? TSimd.Load(qualityColumn, at) : year.Quality,
                    measured ? TSimd.Load(gripBoundColumn, at) : year.GripBound,
                    measured ? TSimd.Load(gaitBoundColumn, at) : year.GaitBound);
                TF asm = TSimd.Load(asmColumn, at);
                TI alive = TSimd.Load(aliveColumn, at);
                TI sarcopenic = mortality ? TSimd.Load(sarcopenicColumn, at) : TSimd.Broadcast(0);
                TI combination = YearKernel.StepVector<TGait, TSimd, TF, TI, TU>(
                    year,
                    person,
                    TSimd.Load(lossColumn, at),
                    mortality ? TSimd.Load(deathColumn, at) : TSimd.Broadcast(0f),
                    multipliers ? TSimd.Load(strengthMultipliers, at) : TSimd.Broadcast(1f),
                    multipliers,
                    ref asm,
                    ref alive,
                    ref sarcopenic,
                    out TI died,
                    out TF grip,
                    out TF gait);
                TSimd.Store(asm, asmColumn, at);
                if (mortality)
                {
                    TSimd.Store(alive, aliveColumn, at);
                    deaths = TSimd.Subtract(deaths, died);
                }

                if (year.TracksStage)
                {
                    TSimd.Store(sarcopenic, sarcopenicColumn, at);
                }

                if (TStoreColumns.IsSet)
                {
                    TSimd.Store(grip, gripColumn, at);
                    TSimd.Store(gait, gaitColumn, at);
                }

                if (TCount.IsSet && packed)
                {
                    nibbles = TSimd.Add(nibbles, TSimd.NibbleOf(combination));
                }

                if (storeCombination)
                {
                    TSimd.Store(combination, combinationColumn, at);
                }

                if (asmSums is not null)
                {
                    TF v = Accumulate.Scaled<TSimd, TF, TI, TU>(asm, alive, 1f);
                    asmSum = TSimd.Add(asmSum, Accumulate.RoundedValues<TSimd, TF, TI, TU>(v));
                    if (asmSquareSums is not null)
                    {
                        asmSquares = TSimd.Add(asmSquares, Accumulate.RoundedSquares<TSimd, TF, TI, TU>(v));
                    }
                }
            }

            if (TCount.IsSet && packed)
            {
                Accumulate.WidenNibbles<TSimd, TF, TI, TU>(nibbles, ref evenCounts, ref oddCounts);
            }

            if (asmSquareSums is not null)
            {
                // At most NibbleCapacity vectors of squares ≤ 2^26 per lane: no int overflow before widening.
                asmSquareSums[cell] += TSimd.SumWidened(asmSquares);
            }
        }

        if (!TCount.IsSet)
        {
            return;
        }

        if (packed)
        {
            Accumulate.AddByteCounts<TSimd, TF, TI, TU>(evenCounts, oddCounts, counts);
        }
        else
        {
            Accumulate.CountCombinationsByComparison<TSimd, TF, TI, TU>(_combination.AsSpan(start, block.Length), counts);
        }

        if (asmSums is not null)
        {
            asmSums[cell] += TSimd.SumWidened(asmSum);
        }

        tables.Deaths[cell] += TSimd.Sum(deaths);
    }

    /// <summary>
    /// One year for a block through the column kernel (<see cref="YearKernel.Step{TGait, TSimd, TF, TI, TU}"/>), which stores every
    /// person's grip, gait, loss and combination, then counts the block's combinations and deaths.
    /// </summary>
    private void StepColumns<TGait>(Slice block, int row)
        where TGait : struct, IGaitLaw
    {
        (int start, int length) = (block.Start, block.Length);
        int lane = row % YearDraws.YearsPerCounter;
        (float[] massErrors, float[] gripErrors, float[] gaitErrors) = MeasurementErrors(lane);
        var columns = new SegmentColumns
        {
            Asm = _asm.AsSpan(start, length),
            InvPeakAsm = _inversePeakAsm.AsSpan(start, length),
            PeakGrip = _peakGrip.AsSpan(start, length),
            PeakGait = _peakGait.AsSpan(start, length),
            MassScale = _massScale.AsSpan(start, length),
            Rate = _rate.AsSpan(start, length),
            MenopauseAge = _menopauseAge.AsSpan(start, length),
            RateMultiplier = _rateMultiplier.AsSpan(start, length),
            StrengthMultiplier = _strengthMultiplier.AsSpan(start, length),
            QualityRate = _qualityRate.AsSpan(start, length),
            MassError = _plan.Measured ? massErrors.AsSpan(start, length) : default,
            GripError = _plan.Measured ? gripErrors.AsSpan(start, length) : default,
            GaitError = _plan.Measured ? gaitErrors.AsSpan(start, length) : default,
            Noise = _noise[lane].AsSpan(start, length),
            DeathUniform = _plan.Mortality ? _death[lane].AsSpan(start, length) : default,
            Grip = _grip.AsSpan(start, length),
            Gait = _gait.AsSpan(start, length),
            Loss = _loss.AsSpan(start, length),
            Alive = _alive.AsSpan(start, length),
            Combination = _combination.AsSpan(start, length),
            Sarcopenic = _sarcopenic.AsSpan(start, length),
        };
        int deaths = YearKernel.Step<TGait, TSimd, TF, TI, TU>(ref columns, _plan.Groups[block.Group].Scalars[row]);
        if (!_plan.IsReported(row))
        {
            return;
        }

        int cell = _tables.Layout.Cell(row - _plan.FirstReportedRow, block.Group);
        Accumulate.CountCombinations<TSimd, TF, TI, TU>(columns.Combination, _tables.CombinationCounts.AsSpan(cell * ResultLayout.Combinations, ResultLayout.Combinations));
        _tables.Deaths[cell] += deaths;
    }
}
