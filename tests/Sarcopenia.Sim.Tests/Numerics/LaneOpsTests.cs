using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Numerics;

/// <summary>The instruction-set-dispatched lane operations against their plain definitions.</summary>
public sealed class LaneOpsTests
{
    [Fact]
    public void ScaleByPowerOfTwo_EqualsMultiplyingByTheExactPower_ForEveryNormalPower_AtEveryWidth()
    {
        SimdWidths.ForEach(default(ScaleCheck));
    }

    /// <summary>
    /// Every exponent whose power of two is a normal float, with significands across [0.5, 2) and both signs,
    /// including products that land in the subnormal range (rounded the same way by every form).
    /// </summary>
    private readonly struct ScaleCheck : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            float[] significands = [0.5f, 0.70710677f, 0.99999994f, 1f, 1.2345678f, 1.5f, 1.9999999f, -0.75f, -1.0000001f];
            int width = TSimd.Lanes;
            var y = new float[width];
            var n = new float[width];
            for (int power = -126; power <= 127; power++)
            {
                for (int i = 0; i < width; i++)
                {
                    y[i] = significands[(i + power + 126) % significands.Length];
                    n[i] = power;
                }

                (TF yv, TF nv) = (SimdWidths.Vector<TF, float>(y), SimdWidths.Vector<TF, float>(n));
                float[] scaled = SimdWidths.Lanes<TF, float>(TSimd.ScaleByPowerOfTwo(yv, nv));
                float[] portable = SimdWidths.Lanes<TF, float>(LaneOps.ScaleByPowerOfTwoPortable<TSimd, TF, TI, TU>(yv, nv));
                for (int i = 0; i < width; i++)
                {
                    float expected = y[i] * MathF.ScaleB(1f, power);
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(scaled[i]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(portable[i]));
                }
            }
        }
    }

    [Fact]
    public void IncrementAt_AddsOneAtEveryLanesIndex_IncludingRepeatsAndIndicesAboveSixteenBits_AtEveryWidth()
    {
        SimdWidths.ForEach(default(IncrementCheck));
    }

    /// <summary>
    /// Index patterns a histogram meets (every lane on one index, pairs of lanes sharing one, all distinct) and indices
    /// whose high half-word is set, so that taking the two indices out of a 64-bit lane cannot mix their halves.
    /// </summary>
    private readonly struct IncrementCheck : ISimdCheck
    {
        private const int Counts = 1 << 17;

        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            int width = TSimd.Lanes;
            Func<int, int>[] patterns =
            [
                _ => 7,
                lane => lane / 2,
                lane => lane,
                lane => Counts - 1 - (lane * 4099),
                lane => (lane % 3 == 0 ? 65_536 : 3) + lane,
            ];
            var random = new Random(20261202);
            foreach (Func<int, int> pattern in patterns.Append(_ => random.Next(Counts)))
            {
                int[] index = [.. Enumerable.Range(0, width).Select(pattern)];
                var counts = new int[Counts];
                var expected = new int[Counts];
                foreach (int i in index)
                {
                    expected[i]++;
                }

                TSimd.IncrementAt(ref counts[0], SimdWidths.Vector<TI, int>(index));
                TSimd.IncrementAt(ref counts[0], SimdWidths.Vector<TI, int>(index));
                Assert.Equal(expected.Select(c => 2 * c), counts);
            }
        }
    }

    [Fact]
    public void FractionFromNearest_IsXMinusRoundToEven_IncludingTiesAndBothSigns_AtEveryWidth()
    {
        SimdWidths.ForEach(default(FractionCheck));
    }

    private readonly struct FractionCheck : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            float[] values =
            [
                0f, 0.25f, 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 0.49999997f, 0.50000006f, 3.75f, -3.75f, 125.5f, -125.5f,
                1e-9f, -1e-9f, 31.999998f, -47.000004f, 8388607.5f, 4194303.5f, -3f, 3f, -126f,
            ];
            int width = TSimd.Lanes;
            var x = new float[width];
            for (int start = 0; start < values.Length; start += width)
            {
                for (int i = 0; i < width; i++)
                {
                    x[i] = values[Math.Min(start + i, values.Length - 1)];
                }

                TF xv = SimdWidths.Vector<TF, float>(x);
                float[] fast = SimdWidths.Lanes<TF, float>(TSimd.FractionFromNearest(xv));
                float[] portable = SimdWidths.Lanes<TF, float>(LaneOps.FractionFromNearestPortable<TSimd, TF, TI, TU>(xv));
                for (int i = 0; i < width; i++)
                {
                    float expected = x[i] - MathF.Round(x[i]);
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(fast[i]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(portable[i]));
                }
            }
        }
    }

    [Fact]
    public void Exponent_IsTheUnbiasedBinaryExponent_ForEveryNormalBinade_AtEveryWidth()
    {
        SimdWidths.ForEach(default(ExponentCheck));
    }

    /// <summary>Both ends of every binade from the smallest normal float to the largest.</summary>
    private readonly struct ExponentCheck : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            var x = new float[TSimd.Lanes];
            for (int biased = 1; biased < 255; biased++)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = BitConverter.Int32BitsToSingle((biased << 23) | (i % 2 == 0 ? 0 : 0x7F_FFFF));
                }

                float[] exponents = SimdWidths.Lanes<TF, float>(TSimd.Exponent(SimdWidths.Vector<TF, float>(x)));
                Assert.All(exponents, e => Assert.Equal(biased - 127, e));
            }
        }
    }

    [Property(Replay = "(20261128,1234567899)", MaxTest = 200)]
    public void Lookup16_ReadsTheEntryThatEachIndexsLowFourBitsName_AtEveryWidth(DoNotSize<uint> seed)
    {
        SimdWidths.ForEach(new Lookup16Check(seed.Item));
    }

    /// <summary>Indices carry arbitrary high bits (as FloatMath.Log2's do): only the low four may matter, on every path and in the definition.</summary>
    private readonly record struct Lookup16Check(uint Seed) : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            float[] table = [.. Enumerable.Range(0, 16).Select(i => 1.5f * i - 7.25f)];
            var index = new int[TSimd.Lanes];
            for (int i = 0; i < index.Length; i++)
            {
                index[i] = (int)(Seed * (uint)(i + 1) * 0x9E3779B9);
            }

            TI indices = SimdWidths.Vector<TI, int>(index);
            float[] looked = SimdWidths.Lanes<TF, float>(TSimd.Lookup16(table, indices));
            float[] portable = SimdWidths.Lanes<TF, float>(LaneOps.Lookup16Portable<TF, TI>(table, indices));
            for (int i = 0; i < index.Length; i++)
            {
                Assert.Equal(table[index[i] & 15], looked[i]);
                Assert.Equal(table[index[i] & 15], portable[i]);
            }
        }
    }

    [Property(Replay = "(20261202,1234567899)", MaxTest = 200)]
    public void Lookup16_NarrowerForms_ReadTheEntryThatEachIndexsLowFourBitsName_WhateverTheProcessVectorWidth(DoNotSize<uint> seed)
    {
        // The AVX2 and 128-bit forms run at their own widths, so they are checked here whatever width the machine offers.
        float[] table = [.. Enumerable.Range(0, 16).Select(i => 1.5f * i - 7.25f)];
        int[] index = [.. Enumerable.Range(0, 8).Select(i => (int)(seed.Item * (uint)(i + 1) * 0x9E3779B9))];
        var forms = new List<(string Name, float[] Lanes)>
        {
            ("portable 128-bit", ToArray(LaneOps.Lookup16BySelect(table, Vector128.Create(index)))),
        };
        if (Vector128.IsHardwareAccelerated)
        {
            forms.Add(("128-bit", ToArray(LaneOps.Lookup16At128(table, Vector128.Create(index)))));
        }

        if (Avx2.IsSupported)
        {
            forms.Add(("AVX2", ToArray(LaneOps.Lookup16Avx2(table, Vector256.Create(index)))));
        }

        foreach ((string name, float[] lanes) in forms)
        {
            for (int i = 0; i < lanes.Length; i++)
            {
                Assert.True(table[index[i] & 15] == lanes[i], $"{name}, lane {i}: index {index[i]} gave {lanes[i]}");
            }
        }
    }

    private static float[] ToArray(Vector128<float> v)
    {
        var lanes = new float[Vector128<float>.Count];
        v.CopyTo(lanes);
        return lanes;
    }

    private static float[] ToArray(Vector256<float> v)
    {
        var lanes = new float[Vector256<float>.Count];
        v.CopyTo(lanes);
        return lanes;
    }

    [Property(Replay = "(20261128,1234567897)", MaxTest = 200)]
    public void HighToLow_PutsEachPairsHighWordInItsLowWord_AtEveryWidth(DoNotSize<uint> seed)
    {
        SimdWidths.ForEach(new HighToLowCheck(seed.Item));
    }

    private readonly record struct HighToLowCheck(uint Seed) : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            var x = new uint[TSimd.Lanes];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = Seed * (uint)(i + 1) * 0x9E3779B9;
            }

            uint[] moved = SimdWidths.Lanes<TU, uint>(TSimd.HighToLow(SimdWidths.Vector<TU, uint>(x)));
            for (int pair = 0; pair < x.Length / 2; pair++)
            {
                Assert.Equal(x[(2 * pair) + 1], moved[2 * pair]);
            }
        }
    }

    [Fact]
    public void ShiftLeftVariable_ShiftsEachLaneByItsOwnCount_AndGivesZeroFrom32_AtEveryWidth()
    {
        SimdWidths.ForEach(default(ShiftCheck));
    }

    private readonly struct ShiftCheck : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            if (!VariableShiftsAvailable<TSimd, TF, TI, TU>())
            {
                return;
            }

            int width = TSimd.Lanes;
            var counts = new uint[width];
            var c = new int[width];
            for (int start = 0; start <= 40; start += width)
            {
                for (int i = 0; i < width; i++)
                {
                    counts[i] = (uint)(start + i);
                    c[i] = (start + i) % 9;
                }

                uint[] shifted = SimdWidths.Lanes<TU, uint>(TSimd.ShiftLeftVariable(TSimd.Broadcast(0x8000_0001u), SimdWidths.Vector<TU, uint>(counts)));
                uint[] nibble = SimdWidths.Lanes<TU, uint>(TSimd.NibbleOf(SimdWidths.Vector<TI, int>(c)));
                for (int i = 0; i < width; i++)
                {
                    uint expected = counts[i] < 32 ? 0x8000_0001u << (int)counts[i] : 0u;
                    Assert.Equal(expected, shifted[i]);

                    // NibbleOf: one in the combination's four-bit counter, nothing for the dead (8).
                    Assert.Equal(c[i] < 8 ? 1u << (4 * c[i]) : 0u, nibble[i]);
                }
            }
        }
    }

    [Property(Replay = "(20261128,77)", MaxTest = 300)]
    public void RoundToInt32_RoundsToNearestWithTiesToEven_LikeItsPortableTwinAndMathFRound(DoNotSize<uint> seed)
    {
        SimdWidths.ForEach(new RoundCheck((int)seed.Item));
    }

    private readonly struct RoundCheck(int seed) : ISimdCheck
    {
        public void Run<TSimd, TF, TI, TU>()
            where TSimd : struct, ISimd<TSimd, TF, TI, TU>
            where TF : unmanaged
            where TI : unmanaged
            where TU : unmanaged
        {
            // Ties (k + ½, both parities and signs), values next to them, and random magnitudes up to 2^26 (the largest
            // square the accumulator rounds).
            var random = new Random(seed);
            int width = TSimd.Lanes;
            var x = new float[width];
            for (int i = 0; i < width; i++)
            {
                float tie = random.Next(-1000, 1000) + 0.5f;
                x[i] = (i % 4) switch
                {
                    0 => tie,
                    1 => MathF.BitIncrement(tie),
                    2 => MathF.BitDecrement(tie),
                    _ => (float)(random.NextDouble() * (1 << 26)),
                };
            }

            TF xv = SimdWidths.Vector<TF, float>(x);
            int[] fast = SimdWidths.Lanes<TI, int>(TSimd.RoundToInt32(xv));
            int[] portable = SimdWidths.Lanes<TI, int>(LaneOps.RoundToInt32Portable<TSimd, TF, TI, TU>(xv));
            for (int i = 0; i < width; i++)
            {
                Assert.Equal((int)MathF.Round(x[i]), fast[i]);
                Assert.Equal(fast[i], portable[i]);
            }
        }
    }

    /// <summary>
    /// Whether the per-lane shift operations exist at this vector width; where they do not, the engine counts by
    /// comparison instead (AccumulatePortableTests), which is only right if AVX2 (or AVX-512 at 512 bits) is what is missing.
    /// </summary>
    private static bool VariableShiftsAvailable<TSimd, TF, TI, TU>()
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        if (!TSimd.CanShiftVariably)
        {
            Assert.False(TSimd.Lanes < 16 ? Avx2.IsSupported : Avx512F.IsSupported);
        }

        return TSimd.CanShiftVariably;
    }
}
