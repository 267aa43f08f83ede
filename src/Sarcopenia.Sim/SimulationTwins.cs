using System.Globalization;
using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Engine;
using Sarcopenia.Sim.Engine.Modules;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Parameters;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim;

public static partial class Simulation
{
    /// <summary>The trait names of <see cref="SimulateTwins"/>' pairs, as in the wide file's <c>name_T1</c>/<c>name_T2</c> columns.</summary>
    public static IReadOnlyList<string> TwinTraits { get; } = ["asm", "asmi", "grip", "gait"];

    /// <summary>
    /// Simulates the cohort's twin pairs (<see cref="CohortSpec.Families"/>) through the life course and returns both
    /// twins' traits at each of <paramref name="ages"/>, ready for <see cref="TwinModels"/>, <see cref="SnpAssociation"/>
    /// or the OpenMx wide file (<c>IO.TwinCsv</c>). Each pair is one row per age at which both twins are alive; sibships and
    /// unrelated people are simulated but not returned.
    /// </summary>
    /// <param name="model">Model parameters; <see cref="ModelParameters.Genetics"/> gives the variance components and genes.</param>
    /// <param name="cohort">The cohort, with twin families.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="ages">The ages at which the twins are measured, each within the cohort's ages, ascending.</param>
    /// <param name="options">Threads, chunk size and vector width (the shard must be the whole cohort; statistics are not needed).</param>
    /// <returns>
    /// One row per pair and age: traits <see cref="TwinTraits"/> (ASM kg, ASM index kg/m², grip kg, gait m/s; true values,
    /// without measurement error) and one genotype column per candidate variant, named by its <see cref="GeneVariant.Snp"/>.
    /// </returns>
    /// <exception cref="ParameterValidationException">An input is invalid, the cohort has no twin pairs, or an age is outside the cohort's.</exception>
    public static TwinPairs SimulateTwins(ModelParameters model, CohortSpec cohort, ulong seed, IReadOnlyList<int> ages, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ages);
        options = (options ?? new RunOptions()) with { Statistics = TraitSet.None, StandardDeviations = false, Histograms = TraitSet.None };
        Validate(model, cohort, options);
        var v = new ParameterValidator();
        if (cohort.Families is not { } spec || !spec.Kinds.Any(k => k.Kind != FamilyKind.Siblings && k.Share > 0))
        {
            v.Fail("cohort.families", cohort.Families is null ? "null" : "no twin pairs", "families with twin pairs of some kind");
        }

        if (ages.Count == 0)
        {
            v.Fail("ages", "[]", "at least one age");
        }

        for (int i = 0; i < ages.Count; i++)
        {
            v.Range($"ages[{i}]", ages[i], cohort.StartAge, cohort.EndAge);
            if (i > 0 && ages[i] <= ages[i - 1])
            {
                v.Fail($"ages[{i}]", ages[i].ToString(CultureInfo.InvariantCulture), $"an age after {ages[i - 1].ToString(CultureInfo.InvariantCulture)} (ascending, each once)");
            }
        }

        if (options.ShardCount != 1)
        {
            v.Fail("options.shardCount", options.ShardCount.ToString(CultureInfo.InvariantCulture), "1 (twin pairs are collected from the whole cohort)");
        }

        v.ThrowIfAny();
        var plan = new RunPlan(model, cohort, seed, TraitSet.None, standardDeviations: false, TraitSet.None, MortalityBaseline.Solve(model, cohort))
        {
            RecordsGenotypes = true,
            VectorBits = VectorWidth.Choose(options.MaxVectorBits),
        };
        var recorder = new TwinRecorder(plan, ages);
        RunChunks(plan, new PersonRange(0, plan.Families.Members), options, recorder);
        return recorder.ToPairs();
    }

    /// <summary>Records family members' traits at the chosen ages, and their genotypes, into arrays indexed by person id (each written by one worker).</summary>
    private sealed class TwinRecorder : IYearObserver
    {
        private readonly RunPlan _plan;
        private readonly int[] _ages;
        private readonly int[] _rowAge;

        // [age][trait][id]; NaN once dead.
        private readonly float[][][] _values;
        private readonly byte[][] _genotypes;
        private readonly byte[] _group;

        public TwinRecorder(RunPlan plan, IReadOnlyList<int> ages)
        {
            _plan = plan;
            _ages = [.. ages];
            _rowAge = new int[plan.Layout.Rows];
            Array.Fill(_rowAge, -1);
            for (int a = 0; a < _ages.Length; a++)
            {
                _rowAge[_ages[a] - plan.Cohort.StartAge] = a;
            }

            long members = plan.Families.Members;
            _values = [.. _ages.Select(_ => TwinTraits.Select(_ => new float[members]).ToArray())];
            _genotypes = [.. plan.Model.Genetics.Genes.Select(_ => new byte[members])];
            _group = new byte[members];
        }

        public bool Observes(int row) => _rowAge[row] >= 0;

        public void Observe(int row, Slice block, ChunkRunner chunk)
        {
            PersonColumns columns = chunk.Columns;
            uint[] low = columns.Get(ChunkLayout.IdLow);
            uint[] high = columns.Get(ChunkLayout.IdHigh);
            int[] alive = columns.Get(ChunkLayout.Alive);
            float[] asm = columns.Get(PeakTraitModule.Asm);
            float[] inverseHeightSquared = columns.Get(PeakTraitModule.InverseHeightSquared);
            float[] grip = columns.Get(YearStep.Grip);
            float[] gait = columns.Get(YearStep.Gait);
            float[][] values = _values[_rowAge[row]];
            bool first = row == _rowAge.AsSpan().IndexOfAnyExcept(-1);

            // Real people come first in a segment; the lanes after them are padding.
            int end = Math.Min(block.End, chunk.Layout.Segment(block.Group).Start + chunk.Layout.People(block.Group));
            for (int at = block.Start; at < end; at++)
            {
                long id = (long)(((ulong)high[at] << 32) | low[at]);
                if (id >= values[0].Length)
                {
                    continue;
                }

                bool living = alive[at] != 0;
                values[0][id] = living ? asm[at] : float.NaN;
                values[1][id] = living ? asm[at] * inverseHeightSquared[at] : float.NaN;
                values[2][id] = living ? grip[at] : float.NaN;
                values[3][id] = living ? gait[at] : float.NaN;
                if (first)
                {
                    _group[id] = (byte)block.Group;
                    for (int g = 0; g < _genotypes.Length; g++)
                    {
                        _genotypes[g][id] = columns.Get(FamilyModule.Genotypes[g])[at];
                    }
                }
            }
        }

        public TwinPairs ToPairs()
        {
            var zygosity = new List<Zygosity>();
            var sex1 = new List<Sex>();
            var sex2 = new List<Sex>();
            var age = new List<double>();
            var ancestry = new List<Ancestry>();
            var twin1 = new List<long>();
            FamilyLayout families = _plan.Families;
            for (int a = 0; a < _ages.Length; a++)
            {
                float[] grip = _values[a][2];
                for (long id = 0; id < families.Members;)
                {
                    FamilyMember m = families.Of(id);
                    if (m.Kind is { } kind && kind != FamilyKind.Siblings && !float.IsNaN(grip[id]) && !float.IsNaN(grip[id + 1]))
                    {
                        zygosity.Add(kind switch
                        {
                            FamilyKind.MonozygoticTwins => Zygosity.Monozygotic,
                            FamilyKind.DizygoticSameSexTwins => Zygosity.DizygoticSameSex,
                            _ => Zygosity.DizygoticOppositeSex,
                        });
                        sex1.Add(ResultLayout.SexOf(_group[id]));
                        sex2.Add(ResultLayout.SexOf(_group[id + 1]));
                        age.Add(_ages[a]);
                        ancestry.Add(ResultLayout.AncestryOf(_group[id]));
                        twin1.Add(id);
                    }

                    id += m.Size;
                }
            }

            List<TwinColumn<double>> traits = [.. TwinTraits.Select((name, t) => new TwinColumn<double>(name,
                Column<double>(twin1, (row, id) => _values[AgeIndex(age[row])][t][id], 0), Column<double>(twin1, (row, id) => _values[AgeIndex(age[row])][t][id], 1)))];
            List<TwinColumn<byte>> genotypes = [.. _plan.Model.Genetics.Genes.Select((gene, g) => new TwinColumn<byte>(gene.Snp,
                Column<byte>(twin1, (_, id) => _genotypes[g][id], 0), Column<byte>(twin1, (_, id) => _genotypes[g][id], 1)))];
            return new TwinPairs(zygosity, sex1, sex2, age, ancestry, traits, genotypes);
        }

        private int AgeIndex(double age) => _rowAge[(int)age - _plan.Cohort.StartAge];

        private static T[] Column<T>(List<long> twin1, Func<int, long, T> value, int twin)
        {
            var column = new T[twin1.Count];
            for (int row = 0; row < column.Length; row++)
            {
                column[row] = value(row, twin1[row] + twin);
            }

            return column;
        }
    }
}
