using System.Numerics.Tensors;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 6: adds the traits' fixed-point sums (and sums of squares) and histograms of the living to the row's cell,
/// from the columns the year step left, for every trait the run asked for that the step did not already sum.
/// </summary>
internal sealed class TraitAccumulator(ModuleContext context, ResultTables tables)
{
    // Loss columns hold fractions; tables report percent per year.
    private const float PercentPerFraction = 100f;

    private readonly ResultTables _tables = tables;
    private readonly int[] _alive = context.Columns.Get(ChunkLayout.Alive);
    private readonly float[] _asm = context.Columns.Get(PeakTraitModule.Asm);
    private readonly float[] _inverseHeightSquared = context.Columns.Get(PeakTraitModule.InverseHeightSquared);
    private readonly float[] _grip = context.Columns.Get(YearStep.Grip);
    private readonly float[] _gait = context.Columns.Get(YearStep.Gait);
    private readonly float[] _loss = context.Columns.Get(YearStep.Loss);
    private readonly float[] _product = context.Columns.Get(PersonColumns.Scratch[0]);

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

            ReadOnlySpan<float> values = trait switch
            {
                Trait.Asm => _asm.AsSpan(start, length),
                Trait.Asmi => Multiplied(_asm, _inverseHeightSquared, start, length),
                Trait.Grip => _grip.AsSpan(start, length),
                Trait.Gait => _gait.AsSpan(start, length),
                _ => _loss.AsSpan(start, length),
            };
            float scale = trait == Trait.LossRate ? PercentPerFraction : 1f;

            if (sums.Contains(trait))
            {
                ref long sum = ref _tables.Sums[(int)trait]![cell];
                if (_tables.SumsOfSquares[(int)trait] is { } squares)
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
                Accumulate.Histogram(values, alive, scale, _tables.HistogramCounts[(int)trait].AsSpan(cell * TraitBins.Count, TraitBins.Count),
                    TraitBins.Low(trait), 1f / TraitBins.Width(trait));
            }
        }
    }

    private ReadOnlySpan<float> Multiplied(float[] x, float[] y, int start, int length)
    {
        Span<float> destination = _product.AsSpan(start, length);
        TensorPrimitives.Multiply(x.AsSpan(start, length), y.AsSpan(start, length), destination);
        return destination;
    }
}
