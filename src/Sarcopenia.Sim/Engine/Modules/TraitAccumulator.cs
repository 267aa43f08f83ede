using System.Numerics.Tensors;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 6: adds the traits' fixed-point sums (and sums of squares) and histograms of the living to the row's cell,
/// from the columns the year step left, for every trait the run asked for that the step did not already sum.
/// </summary>
/// <remarks>The kernels run at the worker's vector width (<see cref="TraitAccumulator{TSimd, TF, TI, TU}"/>).</remarks>
internal abstract class TraitAccumulator
{
    /// <summary>
    /// Where each trait's values come from: a column, optionally times another (the ASM index is ASM × 1/height²), in
    /// the table's unit (losses are fractions, tabulated in percent per year).
    /// </summary>
    private static readonly Dictionary<Trait, (ColumnKey<float> Values, ColumnKey<float>? Factor, float Scale)> s_sources = new()
    {
        [Trait.Asm] = (PeakTraitModule.Asm, null, 1f),
        [Trait.Asmi] = (PeakTraitModule.Asm, PeakTraitModule.InverseHeightSquared, 1f),
        [Trait.Grip] = (YearStep.Grip, null, 1f),
        [Trait.Gait] = (YearStep.Gait, null, 1f),
        [Trait.LossRate] = (YearStep.Loss, null, PercentPerFraction),
        [Trait.Height] = (HeightLossModule.Height, null, 1f),
        [Trait.Bmi] = (BodyWeightModule.Weight, PeakTraitModule.InverseHeightSquared, 1f),
        [Trait.AsmPerBmi] = (PeakTraitModule.Asm, BodyWeightModule.InverseBmi, 1f),
    };

    private const float PercentPerFraction = 100f;

    private readonly ResultTables _tables;
    private readonly int[] _alive;
    private readonly (float[] Values, float[]? Factor, float Scale)[] _sources;
    private readonly float[] _product;

    // The histogram kernel's counting bins, zero between calls; one set per worker, reused for every trait and block.
    private readonly int[] _histogramCounting = new int[Accumulate.HistogramCountingLength(TraitInfo.HistogramBins)];

    protected TraitAccumulator(ModuleContext context, ResultTables tables)
    {
        _tables = tables;
        PersonColumns columns = context.Columns;
        _alive = columns.Get(ChunkLayout.Alive);
        // Indexed by trait, in table order; every trait has a source (a missing one fails here, not in a run).
        _sources = [.. Traits.All.ToArray().Select(t => s_sources[t]).Select(s => (columns.Get(s.Values), s.Factor is null ? null : columns.Get(s.Factor), s.Scale))];
        _product = columns.Get(PersonColumns.Scratch[0]);
    }

    /// <summary>Whether any trait is wanted beyond what the fused year step sums in registers (ASM): those need the columns.</summary>
    public bool NeedsColumns => ((_tables.Statistics & ~TraitSet.Asm) | _tables.Histograms) != TraitSet.None;

    /// <summary>Adds <paramref name="block"/>'s values at age row <paramref name="row"/>, except the sums of <paramref name="alreadySummed"/>.</summary>
    public void Add(Slice block, int row, TraitSet alreadySummed)
    {
        TraitSet sums = _tables.Statistics & ~alreadySummed;
        TraitSet histograms = _tables.Histograms;
        if ((sums | histograms) == TraitSet.None)
        {
            return;
        }

        (int start, int length) = (block.Start, block.Length);
        int cell = _tables.Layout.Cell(row, block.Group);
        ReadOnlySpan<int> alive = _alive.AsSpan(start, length);
        foreach (Trait trait in Traits.All)
        {
            if (!(sums | histograms).Contains(trait))
            {
                continue;
            }

            (float[] column, float[]? factor, float scale) = _sources[(int)trait];
            ReadOnlySpan<float> values = factor is null ? column.AsSpan(start, length) : Multiplied(column, factor, start, length);
            if (sums.Contains(trait))
            {
                ref long sum = ref _tables.Sums[(int)trait]![cell];
                if (_tables.SumsOfSquares[(int)trait] is { } squares)
                {
                    SumFixedPoint(values, alive, scale, ref sum, ref squares[cell]);
                }
                else
                {
                    SumFixedPoint(values, alive, scale, ref sum);
                }
            }

            if (histograms.Contains(trait))
            {
                TraitInfo info = TraitInfo.Of(trait);
                long[] table = _tables.HistogramCounts[(int)trait]!;
                // The same people's next age, counted when the block comes back to this trait a year on.
                ReadOnlySpan<long> next = row + 1 < _tables.Layout.Rows
                    ? table.AsSpan(_tables.Layout.Cell(row + 1, block.Group) * TraitInfo.HistogramBins, TraitInfo.HistogramBins)
                    : default;
                Histogram(values, alive, scale, table.AsSpan(cell * TraitInfo.HistogramBins, TraitInfo.HistogramBins),
                    info.HistogramLow, 1f / info.HistogramBinWidth, _histogramCounting, next);
            }
        }
    }

    /// <summary><see cref="Accumulate.SumFixedPoint{TSimd, TF, TI, TU}(ReadOnlySpan{float}, ReadOnlySpan{int}, float, ref long, ref long)"/> at the worker's width.</summary>
    private protected abstract void SumFixedPoint(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum, ref long sumOfSquares);

    /// <summary><see cref="Accumulate.SumFixedPoint{TSimd, TF, TI, TU}(ReadOnlySpan{float}, ReadOnlySpan{int}, float, ref long)"/> at the worker's width.</summary>
    private protected abstract void SumFixedPoint(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum);

    /// <summary><see cref="Accumulate.Histogram{TSimd, TF, TI, TU}"/> at the worker's width.</summary>
    private protected abstract void Histogram(
        ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, Span<long> bins, float lo, float inverseWidth, Span<int> counting, ReadOnlySpan<long> nextBins);

    private ReadOnlySpan<float> Multiplied(float[] x, float[] y, int start, int length)
    {
        Span<float> destination = _product.AsSpan(start, length);
        TensorPrimitives.Multiply(x.AsSpan(start, length), y.AsSpan(start, length), destination);
        return destination;
    }
}

/// <summary><see cref="TraitAccumulator"/> at the width of <typeparamref name="TSimd"/>.</summary>
internal sealed class TraitAccumulator<TSimd, TF, TI, TU>(ModuleContext context, ResultTables tables) : TraitAccumulator(context, tables)
    where TSimd : struct, ISimd<TSimd, TF, TI, TU>
{
    private protected override void SumFixedPoint(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum, ref long sumOfSquares) =>
        Accumulate.SumFixedPoint<TSimd, TF, TI, TU>(values, alive, scale, ref sum, ref sumOfSquares);

    private protected override void SumFixedPoint(ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, ref long sum) =>
        Accumulate.SumFixedPoint<TSimd, TF, TI, TU>(values, alive, scale, ref sum);

    private protected override void Histogram(
        ReadOnlySpan<float> values, ReadOnlySpan<int> alive, float scale, Span<long> bins, float lo, float inverseWidth, Span<int> counting, ReadOnlySpan<long> nextBins) =>
        Accumulate.Histogram<TSimd, TF, TI, TU>(values, alive, scale, bins, lo, inverseWidth, counting, nextBins);
}
