using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Physiology;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.Physiology;

/// <summary>
/// <see cref="YearKernel.Step{TGait, TSimd, TF, TI, TU}"/> (vector path plus scalar tail, at every vector width) against its scalar twin
/// <see cref="YearKernel.StepOne{TGait}"/> applied element by element, for every length 0 .. 4·W+3 and far beyond one chunk.
/// </summary>
/// <remarks>
/// Contract checked here (YearKernel's remarks: both paths use FloatMath's exp and ln and no fused multiply-add, so they
/// agree bit for bit): ASM, loss, grip and gait match within <see cref="MaxUlps"/> = 0 units in the last place; mortality,
/// alive flags, deaths, deficit combinations and sarcopenic flags match exactly; and the vector's combination equals the
/// documented rule (<c>mass·scale &lt; b_m</c>, <c>grip &lt; b_s</c>, <c>gait &lt; b_p</c>) applied to the vector's own outputs.
/// </remarks>
public sealed class YearKernelTests
{
    /// <summary>The documented contract is bit-for-bit agreement (see the class remarks).</summary>
    private const long MaxUlps = 0;

    public static IEnumerable<object[]> LengthsWithLaws =>
        from object[] length in Lengths.UpToFourVectorsPlusThree
        from bool power in new[] { false, true }
        from bool mortality in new[] { false, true }
        select new object[] { length[0], power, mortality };

    [Theory]
    [MemberData(nameof(LengthsWithLaws))]
    public void Step_MatchesScalarTwin_ForEveryLength(int length, bool powerLaw, bool mortality)
    {
        KernelCase k = KernelCase.Create(length, seed: 1000 + length, mortality, age: 72);
        k.AssertVectorMatchesScalar(powerLaw);
    }

    [Theory]
    [InlineData(100_003, false, true)]
    [InlineData(100_003, true, true)]
    [InlineData(65_536 + 5, true, false)]
    public void Step_MatchesScalarTwin_FarBeyondOneChunk(int length, bool powerLaw, bool mortality)
    {
        KernelCase k = KernelCase.Create(length, seed: 7, mortality, age: 81);
        k.AssertVectorMatchesScalar(powerLaw);
    }

    [Theory]
    [InlineData(45)]
    [InlineData(50)]
    [InlineData(69)]
    [InlineData(70)]
    [InlineData(95)]
    public void Step_MatchesScalarTwin_AtEveryAccelerationRegime(int age)
    {
        KernelCase k = KernelCase.Create(3 * VectorWidth.MostLanes + 1, seed: age, mortality: true, age);
        k.AssertVectorMatchesScalar(powerLaw: true);
        k.AssertVectorMatchesScalar(powerLaw: false);
    }

    [Theory]
    [MemberData(nameof(Lengths.UpToFourVectorsPlusThree), MemberType = typeof(Lengths))]
    public void Step_WhenInactive_LeavesAsmUnchangedAndLossZero(int length)
    {
        KernelCase k = KernelCase.Create(length, seed: 3, mortality: false, age: 40, active: false);
        float[] before = (float[])k.Asm.Clone();
        k.Run(powerLaw: true);
        Assert.Equal(before, k.Asm);
        Assert.All(k.Loss, l => Assert.Equal(0f, l));
    }

    [Theory]
    [MemberData(nameof(Lengths.UpToFourVectorsPlusThree), MemberType = typeof(Lengths))]
    public void Step_NeverRaisesAsmAndRespectsLossClamps(int length)
    {
        KernelCase k = KernelCase.Create(length, seed: 11, mortality: true, age: 90);
        float[] before = (float[])k.Asm.Clone();
        k.Run(powerLaw: false);
        for (int i = 0; i < length; i++)
        {
            Assert.True(k.Asm[i] <= before[i] && k.Asm[i] > 0, $"ASM {before[i]} -> {k.Asm[i]} at {i}");
            Assert.InRange(k.Loss[i], k.Scalars.MinLoss, k.Scalars.MaxLoss);
        }
    }

    [Fact]
    public void Step_DeadPeopleAreCombinationEightAndNeverCounted()
    {
        int n = (2 * VectorWidth.MostLanes) + 3;
        KernelCase k = KernelCase.Create(n, seed: 5, mortality: true, age: 85);
        for (int i = 0; i < n; i += 2)
        {
            k.Alive[i] = 0;
        }

        int[] aliveBefore = (int[])k.Alive.Clone();
        int deaths = k.Run(powerLaw: false);
        int newlyDead = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal(8, k.Combination[i]);
                Assert.Equal(0, k.Alive[i]);
            }
            else if (k.Alive[i] == 0)
            {
                newlyDead += aliveBefore[i] != 0 ? 1 : 0;
                Assert.Equal(8, k.Combination[i]);
            }
        }

        Assert.Equal(newlyDead, deaths);
    }

    /// <summary>A segment's columns with fixed-seed inputs, spread so that every deficit combination occurs.</summary>
    private sealed class KernelCase
    {
        public float[] Asm = [];
        public float[] InvPeakAsm = [];
        public float[] PeakGrip = [];
        public float[] PeakGait = [];
        public float[] MassScale = [];
        public float[] Rate = [];
        public float[] Menopause = [];
        public float[] RateMultiplier = [];
        public float[] StrengthMultiplier = [];
        public float[] Noise = [];
        public float[] Death = [];
        public float[] Grip = [];
        public float[] Gait = [];
        public float[] Loss = [];
        public int[] Alive = [];
        public int[] Combination = [];
        public int[] Sarcopenic = [];

        public YearScalars Scalars { get; private set; }

        public static KernelCase Create(int n, int seed, bool mortality, int age, bool active = true)
        {
            var random = new Random(seed);
            float U(double lo, double hi) => (float)(lo + ((hi - lo) * random.NextDouble()));
            var k = new KernelCase
            {
                Asm = new float[n],
                InvPeakAsm = new float[n],
                PeakGrip = new float[n],
                PeakGait = new float[n],
                MassScale = new float[n],
                Rate = new float[n],
                Menopause = new float[n],
                RateMultiplier = new float[n],
                StrengthMultiplier = new float[n],
                Noise = new float[n],
                Death = new float[n],
                Grip = new float[n],
                Gait = new float[n],
                Loss = new float[n],
                Alive = new int[n],
                Combination = new int[n],
                Sarcopenic = new int[n],
            };
            for (int i = 0; i < n; i++)
            {
                float peak = U(12, 32);
                float height = U(1.5, 1.9);
                k.Asm[i] = peak * U(0.45, 1.0);
                k.InvPeakAsm[i] = 1f / peak;
                k.PeakGrip[i] = U(20, 60);
                k.PeakGait[i] = U(0.9, 1.7);
                k.MassScale[i] = 1f / (height * height);
                k.Rate[i] = U(0.005, 0.05);
                k.Menopause[i] = i % 3 == 0 ? float.PositiveInfinity : U(44, 56);
                k.RateMultiplier[i] = U(0.8, 1.3);
                k.StrengthMultiplier[i] = U(0.9, 1.0);
                k.Noise[i] = (float)MonteCarlo.StandardNormal(random) * 2f;
                k.Death[i] = U(0, 1);
                k.Alive[i] = i % 7 == 6 ? 0 : -1;
                k.Sarcopenic[i] = i % 2 == 0 ? -1 : 0;
                k.Combination[i] = -99;
                k.Grip[i] = k.Gait[i] = k.Loss[i] = float.NaN;
            }

            float quality = MathF.Exp(-0.01f * (age - 30));
            k.Scalars = new YearScalars
            {
                Age = age,
                Active = active ? 1f : 0f,
                AccelerationBase = age >= 70 ? 1.5f : 1f,
                MenopauseExtra = 0.5f,
                NoiseLog2Sigma = (float)(0.25 / Math.Log(2)),
                NoiseLog2Bias = (float)(0.03125 / Math.Log(2)),
                MinLoss = 0.001f,
                MaxLoss = 0.08f,
                Quality = quality,
                GaitExponent = 0.37f,
                GaitAgeFactor = MathF.Exp(-0.02f * Math.Max(0, age - 75)),
                // Bounds near the middle of each measure's range so that every combination occurs.
                MassBound = 6.3f,
                GripBound = 25f * quality,
                GaitBound = 0.95f,
                Mortality = mortality,
                TracksStage = mortality,
                DeathProbability = 0.2f,
                HazardRatio = 1.6f,
                // Sarcopenia counts for mortality when mass and strength are low (combinations 3 and 7).
                SarcopenicCombinations = (1 << 3) | (1 << 7),
            };
            return k;
        }

        public KernelCase Clone()
        {
            var c = (KernelCase)MemberwiseClone();
            c.Asm = (float[])Asm.Clone();
            c.Grip = (float[])Grip.Clone();
            c.Gait = (float[])Gait.Clone();
            c.Loss = (float[])Loss.Clone();
            c.Alive = (int[])Alive.Clone();
            c.Combination = (int[])Combination.Clone();
            c.Sarcopenic = (int[])Sarcopenic.Clone();
            return c;
        }

        private SegmentColumns Columns() => new()
        {
            Asm = Asm,
            InvPeakAsm = InvPeakAsm,
            PeakGrip = PeakGrip,
            PeakGait = PeakGait,
            MassScale = MassScale,
            Rate = Rate,
            MenopauseAge = Menopause,
            RateMultiplier = RateMultiplier,
            StrengthMultiplier = StrengthMultiplier,
            Noise = Noise,
            DeathUniform = Scalars.Mortality ? Death : default,
            Grip = Grip,
            Gait = Gait,
            Loss = Loss,
            Alive = Alive,
            Combination = Combination,
            Sarcopenic = Sarcopenic,
        };

        /// <summary>The vector kernel at <paramref name="bits"/> (the machine's widest by default).</summary>
        public int Run(bool powerLaw, int? bits = null) =>
            powerLaw
                ? YearKernel.Step<PowerGaitLaw>(bits ?? VectorWidth.Widest, Columns(), Scalars)
                : YearKernel.Step<SquareRootGaitLaw>(bits ?? VectorWidth.Widest, Columns(), Scalars);

        public int RunScalar(bool powerLaw)
        {
            SegmentColumns c = Columns();
            YearScalars p = Scalars;
            int deaths = 0;
            for (int i = 0; i < Asm.Length; i++)
            {
                deaths += powerLaw ? YearKernel.StepOne<PowerGaitLaw>(ref c, i, p) : YearKernel.StepOne<SquareRootGaitLaw>(ref c, i, p);
            }

            return deaths;
        }

        public void AssertVectorMatchesScalar(bool powerLaw)
        {
            foreach (int bits in VectorWidth.Available)
            {
                AssertVectorMatchesScalar(powerLaw, bits);
            }
        }

        private void AssertVectorMatchesScalar(bool powerLaw, int bits)
        {
            KernelCase vector = Clone();
            KernelCase scalar = Clone();
            int vectorDeaths = vector.Run(powerLaw, bits);
            int scalarDeaths = scalar.RunScalar(powerLaw);
            YearScalars p = Scalars;

            Assert.Equal(scalarDeaths, vectorDeaths);
            Assert.Equal(scalar.Alive, vector.Alive);
            int n = Asm.Length;
            for (int i = 0; i < n; i++)
            {
                AssertClose(scalar.Asm[i], vector.Asm[i], "asm", i);
                AssertClose(scalar.Loss[i], vector.Loss[i], "loss", i);
                AssertClose(scalar.Grip[i], vector.Grip[i], "grip", i);
                AssertClose(scalar.Gait[i], vector.Gait[i], "gait", i);

                // The documented rule, applied to the vector's own outputs, must give the vector's combination exactly.
                int own = vector.Alive[i] == 0
                    ? 8
                    : (vector.Asm[i] * MassScale[i] < p.MassBound ? 1 : 0)
                      | (vector.Grip[i] < p.GripBound ? 2 : 0)
                      | (vector.Gait[i] < p.GaitBound ? 4 : 0);
                Assert.True(own == vector.Combination[i], $"combination {vector.Combination[i]} != rule {own} at {i}");

                // And the scalar twin's: with bit-identical values no cut-off can fall between them.
                Assert.True(scalar.Combination[i] == vector.Combination[i], $"combination {vector.Combination[i]} != scalar {scalar.Combination[i]} at {i}");
                Assert.Equal(scalar.Sarcopenic[i], vector.Sarcopenic[i]);

                if (p.Mortality)
                {
                    int expected = ((p.SarcopenicCombinations >> vector.Combination[i]) & 1) != 0 ? -1 : 0;
                    Assert.Equal(expected, vector.Sarcopenic[i]);
                }
                else
                {
                    Assert.Equal(Sarcopenic[i], vector.Sarcopenic[i]);
                }
            }

            // Mortality: a person alive before dies exactly when u < q · (HR if sarcopenic last year).
            if (p.Mortality)
            {
                for (int i = 0; i < n; i++)
                {
                    bool wasAlive = Alive[i] != 0;
                    float q = Sarcopenic[i] != 0 ? p.DeathProbability * p.HazardRatio : p.DeathProbability;
                    bool shouldDie = wasAlive && Death[i] < q;
                    Assert.Equal(wasAlive && !shouldDie, vector.Alive[i] != 0);
                }
            }
            else
            {
                Assert.Equal(Alive, vector.Alive);
            }

            // Every combination occurs in long inputs, so the comparison above is not vacuous.
            if (n >= 4096)
            {
                for (int c = 0; c <= 8; c++)
                {
                    Assert.Contains(c, vector.Combination);
                }
            }
        }

        private static void AssertClose(float expected, float actual, string what, int i)
        {
            long ulps = ScalarReference.UlpDistance(expected, actual);
            Assert.True(ulps <= MaxUlps, $"{what}[{i}]: scalar {expected:R} vs vector {actual:R} ({ulps} ulp)");
        }
    }
}
