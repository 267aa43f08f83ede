using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Sarcopenia.Sim.Numerics;
using Sarcopenia.Sim.Randomness;
using Sarcopenia.Sim.Tests.Support;
using ChiSquared = MathNet.Numerics.Distributions.ChiSquared;
using StandardNormal = MathNet.Numerics.Distributions.Normal;

namespace Sarcopenia.Sim.Tests.Randomness;

public sealed class CounterRngTests
{
    private const ulong Seed = 0x0123_4567_89AB_CDEF;

    /// <summary>People in each Monte Carlo sample; four draws each gives 2^20 (about 10^6) draws, a few milliseconds of work.</summary>
    private const int People = 1 << 18;

    /// <summary>Draws in each Monte Carlo sample.</summary>
    private const int Draws = 4 * People;

    /// <summary>
    /// Statistical checks accept an estimate within this many standard errors of the truth. The seeds are fixed, so the
    /// checks are deterministic; with a fresh seed a correct generator would fail any one check with probability 6e-7.
    /// </summary>
    private const double Sigmas = 5.0;

    /// <summary>Two-sided false-alarm probability matching <see cref="Sigmas"/>, for the chi-square test.</summary>
    private const double FalseAlarm = 5.7e-7;

    /// <summary>2^-24: the smallest uniform, and half the width of a uniform cell.</summary>
    private const float HalfCell = 1f / (1 << 24);

    private static readonly CounterRng s_rng = new(Seed);

    /// <summary>sqrt(-2 ln 2^-24) = sqrt(48 ln 2): the largest |z| Box–Muller can produce from the smallest uniform.</summary>
    private static readonly double s_truncation = Math.Sqrt(48 * Math.Log(2));

    public static IEnumerable<object[]> FillLengths =>
        Lengths.UpToFourVectorsPlusThree.Concat([[1027], [4099]]);

    [Fact]
    public void Bits_FollowsTheDocumentedCounterLayout()
    {
        const ulong Person = 0x0000_0007_0000_0003;
        const uint Counter = 11;

        // key = (low, high) halves of the seed; counter = (person low, person high, draw counter, stream).
        Philox4x32Block expected = Philox4x32.Generate(0x3, 0x7, Counter, (uint)RandomStream.Personal, 0x89AB_CDEF, 0x0123_4567);

        Assert.Equal(expected, s_rng.Bits(RandomStream.Personal, Person, Counter));
        Assert.Equal(Seed, s_rng.Seed);
    }

    [Fact]
    public void DefaultInstance_IsSeedZeroWithTenRounds()
    {
        var defaultRng = default(CounterRng);
        var seedZero = new CounterRng(0);

        Assert.Equal(Philox4x32.DefaultRounds, defaultRng.Rounds);
        Assert.Equal(seedZero.Bits(RandomStream.YearNoise, 12, 3), defaultRng.Bits(RandomStream.YearNoise, 12, 3));
        Assert.Equal(seedZero.Normal(RandomStream.YearNoise, 12, 3, 1), defaultRng.Normal(RandomStream.YearNoise, 12, 3, 1));
    }

    [Fact]
    public void ToUniform_MapsWordsToCellMidpoints()
    {
        Assert.Equal(HalfCell, CounterRng.ToUniform(0));
        Assert.Equal(HalfCell, CounterRng.ToUniform(0x1FF));
        Assert.Equal(0.5f + HalfCell, CounterRng.ToUniform(0x8000_0000));
        Assert.Equal(0.5f - HalfCell, CounterRng.ToUniform(0x7FFF_FFFF));
        Assert.Equal(1f - HalfCell, CounterRng.ToUniform(uint.MaxValue));
        Assert.True(CounterRng.ToUniform(uint.MaxValue) < 1f);
    }

    [Fact]
    public void UniformAndNormal_AreFunctionsOfTheBlock()
    {
        for (uint counter = 0; counter < 64; counter++)
        {
            ulong person = (ulong)counter * 0x1_0000_0001;
            Philox4x32Block block = s_rng.Bits(RandomStream.YearNoise, person, counter);
            CounterRng.BoxMuller(block.X0, block.X1, out float z0, out float z1);
            CounterRng.BoxMuller(block.X2, block.X3, out float z2, out float z3);
            float[] normals = [z0, z1, z2, z3];

            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(CounterRng.ToUniform(block[lane]), s_rng.Uniform(RandomStream.YearNoise, person, counter, lane));
                Assert.Equal(normals[lane], s_rng.Normal(RandomStream.YearNoise, person, counter, lane));
            }
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MinValue)]
    public void UniformAndNormal_RejectLanesOutsideTheBlock(int lane)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => s_rng.Uniform(RandomStream.Demography, 0, 0, lane));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_rng.Normal(RandomStream.Demography, 0, 0, lane));
    }

    [Theory]
    [MemberData(nameof(FillLengths))]
    public void FillUniforms_EqualsScalarTwinBitForBit(int length)
    {
        (uint[] lo, uint[] hi) = MixedPersonIds(length);
        float[][] u = Outputs(length);

        s_rng.FillUniforms(RandomStream.Mortality, 9, lo, hi, u[0], u[1], u[2], u[3]);

        for (int i = 0; i < length; i++)
        {
            ulong person = ((ulong)hi[i] << 32) | lo[i];
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(Bits(s_rng.Uniform(RandomStream.Mortality, person, 9, lane)), Bits(u[lane][i]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(FillLengths))]
    public void FillNormals_EqualsScalarTwinBitForBit(int length)
    {
        // Tolerance 0 ulp: the log and sine polynomials use only correctly rounded IEEE operations, in the same order in
        // the scalar and the vector code, so the two agree exactly (measured: no differing bit at any length).
        (uint[] lo, uint[] hi) = MixedPersonIds(length);
        float[][] z = Outputs(length);

        s_rng.FillNormals(RandomStream.YearNoise, 3, lo, hi, z[0], z[1], z[2], z[3]);

        for (int i = 0; i < length; i++)
        {
            ulong person = ((ulong)hi[i] << 32) | lo[i];
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(Bits(s_rng.Normal(RandomStream.YearNoise, person, 3, lane)), Bits(z[lane][i]));
            }
        }
    }

    [Fact]
    public void FillNormals_DoesNotDependOnWhereTheSpanStarts()
    {
        // Shifting the start moves elements between the vector body and the scalar remainder; results must not move.
        const int Length = 301;
        const int Offset = 3;
        (uint[] lo, uint[] hi) = MixedPersonIds(Length);
        float[][] whole = Outputs(Length);
        float[][] shifted = Outputs(Length);

        s_rng.FillNormals(RandomStream.PeakTraits, 0, lo, hi, whole[0], whole[1], whole[2], whole[3]);
        s_rng.FillNormals(RandomStream.PeakTraits, 0, lo.AsSpan(0, Offset), hi.AsSpan(0, Offset), shifted[0].AsSpan(0, Offset), shifted[1].AsSpan(0, Offset), shifted[2].AsSpan(0, Offset), shifted[3].AsSpan(0, Offset));
        s_rng.FillNormals(RandomStream.PeakTraits, 0, lo.AsSpan(Offset), hi.AsSpan(Offset), shifted[0].AsSpan(Offset), shifted[1].AsSpan(Offset), shifted[2].AsSpan(Offset), shifted[3].AsSpan(Offset));

        for (int lane = 0; lane < 4; lane++)
        {
            Assert.Equal(whole[lane], shifted[lane]);
        }
    }

    [Fact]
    public void BoxMuller_MatchesDoublePrecisionFormulaAndRespectsTheTruncation()
    {
        // Measured max absolute error 6.5e-7, set by float rounding of |z| up to 5.77 (ulp 4.8e-7 there).
        const double Tolerance = 1.0e-6;
        double worst = 0;
        double largest = 0;
        for (uint i = 0; i < (1u << 20); i++)
        {
            // The radius word walks every 8th cell, including the smallest uniform; the angle word is scrambled.
            uint radiusBits = i << 12;
            uint angleBits = i * 0x9E3779B9;
            CounterRng.BoxMuller(radiusBits, angleBits, out float z0, out float z1);
            (double expected0, double expected1) = DoublePrecisionBoxMuller(radiusBits, angleBits);
            worst = Math.Max(worst, Math.Max(Math.Abs(z0 - expected0), Math.Abs(z1 - expected1)));
            largest = Math.Max(largest, Math.Max(Math.Abs(z0), Math.Abs(z1)));
        }

        Assert.True(worst <= Tolerance, $"max absolute error {worst:E3}");
        Assert.True(largest <= s_truncation + Tolerance, $"largest |z| {largest}");
        CounterRng.BoxMuller(0, 0, out float extreme, out _);
        Assert.Equal(s_truncation, extreme, Tolerance);
    }

    [Fact]
    public void BoxMuller_PutsTheAngleInTheOctantItsTopBitsName()
    {
        // The eight combinations of bits 31..29 are the eight reflections of one angle a in (0, π/4): each lands in its
        // own octant of the circle, so together they cover it once.
        const uint Cell = 0x0123_4567 & (0x007F_FFFF << 6);
        var octants = new HashSet<int>();
        for (uint top = 0; top < 8; top++)
        {
            CounterRng.BoxMuller(0x8000_0000, (top << 29) | Cell, out float z0, out float z1);
            double turn = Math.Atan2(z1, z0) / (2 * Math.PI);
            octants.Add((int)Math.Floor((turn < 0 ? turn + 1 : turn) * 8));
        }

        Assert.Equal(8, octants.Count);
    }

    /// <summary>The documented Box–Muller mapping of one pair of words, in double precision.</summary>
    private static (double Z0, double Z1) DoublePrecisionBoxMuller(uint radiusBits, uint angleBits)
    {
        double radius = Math.Sqrt(-2 * Math.Log(CounterRng.ToUniform(radiusBits)));
        double angle = (((angleBits >> 6) & 0x007F_FFFF) + 0.5) / (1 << 23) * (Math.PI / 4);
        bool swap = (angleBits & (1u << 29)) != 0;
        double first = radius * (swap ? Math.Sin(angle) : Math.Cos(angle));
        double second = radius * (swap ? Math.Cos(angle) : Math.Sin(angle));
        return ((angleBits & (1u << 31)) != 0 ? -first : first, (angleBits & (1u << 30)) != 0 ? -second : second);
    }

    [Property(Replay = "(20250613,1234567895)", MaxTest = 200)]
    public void SameInputs_GiveSameDrawsFromIndependentInstances(DoNotSize<ulong> seed, DoNotSize<uint> stream, DoNotSize<ulong> person, DoNotSize<uint> counter)
    {
        var first = new CounterRng(seed.Item);
        var second = new CounterRng(seed.Item);
        var s = (RandomStream)stream.Item;

        Assert.Equal(first.Bits(s, person.Item, counter.Item), second.Bits(s, person.Item, counter.Item));
        for (int lane = 0; lane < 4; lane++)
        {
            Assert.Equal(Bits(first.Uniform(s, person.Item, counter.Item, lane)), Bits(second.Uniform(s, person.Item, counter.Item, lane)));
            Assert.Equal(Bits(first.Normal(s, person.Item, counter.Item, lane)), Bits(second.Normal(s, person.Item, counter.Item, lane)));
        }
    }

    [Property(Replay = "(20250614,1234567897)", MaxTest = 500)]
    public bool ChangingAnyOneInput_ChangesTheBits(DoNotSize<ulong> seed, DoNotSize<uint> stream, DoNotSize<ulong> person, DoNotSize<uint> counter, byte bit)
    {
        // Flipping one bit of the stream, person or counter changes the Philox counter, and Philox is a bijection on
        // counters for a fixed key, so those blocks must differ. A different seed is a different key: a collision
        // there has probability 2^-128.
        var rng = new CounterRng(seed.Item);
        var s = (RandomStream)stream.Item;
        Philox4x32Block original = rng.Bits(s, person.Item, counter.Item);
        ulong mask64 = 1UL << (bit % 64);
        uint mask32 = 1u << (bit % 32);

        return original != new CounterRng(seed.Item ^ mask64).Bits(s, person.Item, counter.Item)
            && original != rng.Bits((RandomStream)(stream.Item ^ mask32), person.Item, counter.Item)
            && original != rng.Bits(s, person.Item ^ mask64, counter.Item)
            && original != rng.Bits(s, person.Item, counter.Item ^ mask32);
    }

    [Fact]
    public void Uniforms_StayInsideTheOpenIntervalWithUniformMoments()
    {
        float[] u = SequentialUniforms(RandomStream.RiskFactors, 0);
        Assert.All(u, x => Assert.True(x > 0f && x < 1f));

        Moments m = Moments.Of(u);

        // Var(U) = 1/12; Var((U - 1/2)^2) = 1/80 - 1/144 gives the standard error of the sample variance.
        Assert.Equal(0.5, m.Mean, Sigmas * Math.Sqrt(1.0 / 12 / Draws));
        Assert.Equal(1.0 / 12, m.Variance, Sigmas * Math.Sqrt(((1.0 / 80) - (1.0 / 144)) / Draws));
    }

    [Fact]
    public void Uniforms_PassChiSquareOn64Bins()
    {
        const int Bins = 64;
        float[] u = SequentialUniforms(RandomStream.Mortality, 5);
        var counts = new long[Bins];
        foreach (float x in u)
        {
            counts[(int)(x * Bins)]++;
        }

        double expected = (double)Draws / Bins;
        double statistic = counts.Sum(c => (c - expected) * (c - expected) / expected);

        // Reject both a poor fit and a suspiciously perfect one, each at half the false-alarm probability.
        Assert.InRange(statistic, ChiSquared.InvCDF(Bins - 1, FalseAlarm / 2), ChiSquared.InvCDF(Bins - 1, 1 - (FalseAlarm / 2)));
    }

    [Fact]
    public void Normals_HaveStandardMomentsAndTails()
    {
        float[] z = SequentialNormals(RandomStream.YearNoise, 0);
        Moments m = Moments.Of(z);

        // Large-sample standard errors for normal data: mean 1/sqrt(n), variance sqrt(2/n), skewness sqrt(6/n),
        // excess kurtosis sqrt(24/n). Truncation at 5.77 SD shifts these by less than 1e-6, far inside the tolerances.
        Assert.Equal(0.0, m.Mean, Sigmas * Math.Sqrt(1.0 / Draws));
        Assert.Equal(1.0, m.Variance, Sigmas * Math.Sqrt(2.0 / Draws));
        Assert.Equal(0.0, m.Skewness, Sigmas * Math.Sqrt(6.0 / Draws));
        Assert.Equal(0.0, m.ExcessKurtosis, Sigmas * Math.Sqrt(24.0 / Draws));

        // P(|Z| > 3) = 0.0027; the observed fraction is binomial with standard error sqrt(p (1 - p) / n).
        double p = 2 * StandardNormal.CDF(0, 1, -3);
        double tail = z.Count(x => Math.Abs(x) > 3) / (double)Draws;
        Assert.Equal(p, tail, Sigmas * Math.Sqrt(p * (1 - p) / Draws));
        Assert.All(z, x => Assert.True(Math.Abs(x) <= s_truncation + 1e-6));
    }

    [Fact]
    public void Normals_AreUncorrelatedAcrossStreamsPeopleLanesAndCounters()
    {
        (uint[] lo, uint[] hi) = SequentialPersonIds(People);
        float[][] a = Outputs(People);
        float[][] b = Outputs(People);
        float[][] c = Outputs(People);
        s_rng.FillNormals(RandomStream.Personal, 0, lo, hi, a[0], a[1], a[2], a[3]);
        s_rng.FillNormals(RandomStream.YearNoise, 0, lo, hi, b[0], b[1], b[2], b[3]);
        s_rng.FillNormals(RandomStream.Personal, 1, lo, hi, c[0], c[1], c[2], c[3]);

        // The sample correlation of independent pairs has standard error 1/sqrt(n).
        double tolerance = Sigmas / Math.Sqrt(People);
        Assert.Equal(0.0, Correlation(a[0], b[0]), tolerance);
        Assert.Equal(0.0, Correlation(a[0], c[0]), tolerance);
        Assert.Equal(0.0, Correlation(a[0], a[1]), tolerance);
        Assert.Equal(0.0, Correlation(a[0], a[2]), tolerance);
        Assert.Equal(0.0, Correlation(a[3], a[1]), tolerance);

        double adjacentTolerance = Sigmas / Math.Sqrt(People - 1);
        Assert.Equal(0.0, Correlation(a[0].AsSpan(1), a[0].AsSpan(0, People - 1)), adjacentTolerance);
        Assert.Equal(0.0, Correlation(a[3].AsSpan(1), a[3].AsSpan(0, People - 1)), adjacentTolerance);
    }

    [Fact]
    public void Uniforms_AreUncorrelatedAcrossStreamsAndPeople()
    {
        (uint[] lo, uint[] hi) = SequentialPersonIds(People);
        float[][] a = Outputs(People);
        float[][] b = Outputs(People);
        s_rng.FillUniforms(RandomStream.Demography, 0, lo, hi, a[0], a[1], a[2], a[3]);
        s_rng.FillUniforms(RandomStream.RiskFactors, 0, lo, hi, b[0], b[1], b[2], b[3]);

        double tolerance = Sigmas / Math.Sqrt(People - 1);
        Assert.Equal(0.0, Correlation(a[0], b[0]), tolerance);
        Assert.Equal(0.0, Correlation(a[2], b[2]), tolerance);
        Assert.Equal(0.0, Correlation(a[0].AsSpan(1), a[0].AsSpan(0, People - 1)), tolerance);
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    private static float[][] Outputs(int length) => [new float[length], new float[length], new float[length], new float[length]];

    /// <summary>Ids whose high words are zero, small, or near 2^32 - 1, so persons straddle 2^32 and reach 2^64 - 2^32.</summary>
    private static (uint[] Lo, uint[] Hi) MixedPersonIds(int length)
    {
        var lo = new uint[length];
        var hi = new uint[length];
        for (int i = 0; i < length; i++)
        {
            lo[i] = ((uint)i * 0x9E3779B9) + 17;
            hi[i] = (i % 3) switch
            {
                0 => 0,
                1 => (uint)i + 1,
                _ => uint.MaxValue - (uint)i,
            };
        }

        return (lo, hi);
    }

    /// <summary>Consecutive ids 2^32 .. 2^32 + n - 1, the way the engine numbers a cohort (offset to exercise the high word).</summary>
    private static (uint[] Lo, uint[] Hi) SequentialPersonIds(int length)
    {
        var lo = new uint[length];
        var hi = new uint[length];
        for (int i = 0; i < length; i++)
        {
            lo[i] = (uint)i;
            hi[i] = 1;
        }

        return (lo, hi);
    }

    private static float[] SequentialUniforms(RandomStream stream, uint counter)
    {
        (uint[] lo, uint[] hi) = SequentialPersonIds(People);
        float[][] u = Outputs(People);
        s_rng.FillUniforms(stream, counter, lo, hi, u[0], u[1], u[2], u[3]);
        return [.. u[0], .. u[1], .. u[2], .. u[3]];
    }

    private static float[] SequentialNormals(RandomStream stream, uint counter)
    {
        (uint[] lo, uint[] hi) = SequentialPersonIds(People);
        float[][] z = Outputs(People);
        s_rng.FillNormals(stream, counter, lo, hi, z[0], z[1], z[2], z[3]);
        return [.. z[0], .. z[1], .. z[2], .. z[3]];
    }

    private static double Correlation(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        Moments mx = Moments.Of(x);
        Moments my = Moments.Of(y);
        double covariance = 0;
        for (int i = 0; i < x.Length; i++)
        {
            covariance += (x[i] - mx.Mean) * (y[i] - my.Mean);
        }

        return covariance / x.Length / Math.Sqrt(mx.Variance * my.Variance);
    }

    /// <summary>Sample mean and central-moment shape statistics, accumulated in double.</summary>
    private readonly record struct Moments(double Mean, double Variance, double Skewness, double ExcessKurtosis)
    {
        public static Moments Of(ReadOnlySpan<float> values)
        {
            double mean = 0;
            foreach (float v in values)
            {
                mean += v;
            }

            mean /= values.Length;
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            foreach (float v in values)
            {
                double d = v - mean;
                double d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
                m4 += d2 * d2;
            }

            m2 /= values.Length;
            m3 /= values.Length;
            m4 /= values.Length;
            return new Moments(mean, m2, m3 / Math.Pow(m2, 1.5), (m4 / (m2 * m2)) - 3);
        }
    }
}
