using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using X86 = System.Runtime.Intrinsics.X86;

namespace Sarcopenia.Sim.Numerics;

/// <summary>
/// Single-precision log₂, 2^x and sin/cos with scalar and lane-wise forms that agree bit for bit.
/// </summary>
/// <remarks>
/// Built only from operations that are correctly rounded on every platform (add, multiply, fused multiply-add, bit
/// manipulation, table lookup), so results do not depend on SIMD width, instruction set or C runtime, and a person
/// computed in any lane of any vector gets the same bits. Fused multiply-add is used wherever the scalar and lane-wise
/// forms can both use it (every step of a polynomial): it is one rounding instead of two, is exact IEEE-754 on every
/// platform (.NET computes it in software where the CPU lacks it), and halves the work of the polynomials. The
/// built-in vector transcendentals are a few ulp apart from <see cref="MathF"/> and between instruction sets; these are
/// not. The functions work in base 2 because the engine needs logarithms and exponentials only where it can scale by
/// ln 2 or log₂e beforehand (Box–Muller's radius, the year factor, the personal rate, the general gait power law):
/// base 2 needs no ln 2 reduction, which saves about a third of the operations of the natural-base forms.
/// </remarks>
internal static class FloatMath
{
    // log₂(1 + r) = r · Q(r) with Q the Taylor series of log₂(1 + r) / r to degree 5: Qk = (−1)^(k+1) / (k ln 2). For
    // |r| ≤ 1/16 the first term left out, r⁷ / (7 ln 2), is below 8e-10.
    private const float Log2Q1 = 1.442695f;
    private const float Log2Q2 = -0.7213475f;
    private const float Log2Q3 = 0.48089835f;
    private const float Log2Q4 = -0.36067376f;
    private const float Log2Q5 = 0.28853902f;
    private const float Log2Q6 = -0.24044918f;

    // Cephes exp2f (S. L. Moshier, Cephes Math Library 2.2, 1992): 2^f = 1 + f · P(f) on |f| ≤ 1/2.
    private const float Exp2P0 = 1.535336188319500E-4f;
    private const float Exp2P1 = 1.339887440266574E-3f;
    private const float Exp2P2 = 9.618437357674640E-3f;
    private const float Exp2P3 = 5.550332471162809E-2f;
    private const float Exp2P4 = 2.402264791363012E-1f;
    private const float Exp2P5 = 6.931472028550421E-1f;

    // Cephes sinf / cosf minimax polynomials on [−π/4, π/4]: sin x = x + x·z·(SinP2 + z·(SinP1 + z·SinP0)) and
    // cos x = 1 − z/2 + z²·(CosP2 + z·(CosP1 + z·CosP0)) with z = x².
    private const double SinP0 = -1.9515295891E-4;
    private const double SinP1 = 8.3321608736E-3;
    private const double SinP2 = -1.6666654611E-1;
    private const double CosP0 = 2.443315711809948E-5;
    private const double CosP1 = -1.388731625493765E-3;
    private const double CosP2 = 4.166664568298827E-2;

    /// <summary>π/4: the angle of an eighth of a turn.</summary>
    private const double QuarterPi = Math.PI / 4;

    /// <summary>(π/4)², the factor between z = x² and w = t² for x = (π/4)·t.</summary>
    private const double QuarterPiSquared = QuarterPi * QuarterPi;

    // The same polynomials in t = x / (π/4) and w = t², with the powers of π/4 folded into the coefficients (computed in
    // double at compile time, then rounded once): sin = t·(S0 + w·(S1 + w·(S2 + w·S3))) and
    // cos = 1 + w·(C1 + w·(C2 + w·(C3 + w·C4))). Taking t saves the multiplication by π/4 and cos its separate 1 − z/2.
    private const float SinS0 = (float)QuarterPi;
    private const float SinS1 = (float)(QuarterPi * QuarterPiSquared * SinP2);
    private const float SinS2 = (float)(QuarterPi * QuarterPiSquared * QuarterPiSquared * SinP1);
    private const float SinS3 = (float)(QuarterPi * QuarterPiSquared * QuarterPiSquared * QuarterPiSquared * SinP0);
    private const float CosC1 = (float)(-0.5 * QuarterPiSquared);
    private const float CosC2 = (float)(QuarterPiSquared * QuarterPiSquared * CosP2);
    private const float CosC3 = (float)(QuarterPiSquared * QuarterPiSquared * QuarterPiSquared * CosP1);
    private const float CosC4 = (float)(QuarterPiSquared * QuarterPiSquared * QuarterPiSquared * QuarterPiSquared * CosP0);

    /// <summary>IEEE-754 single-precision bits that select the significand.</summary>
    private const int SignificandMask = 0x007F_FFFF;

    /// <summary>The bits of 1.0f: or-ed onto a significand they give a value in [1, 2).</summary>
    private const int OneBits = 0x3F80_0000;

    /// <summary>Shift that brings the top four significand bits, which pick a <see cref="Log2Inverse"/> entry, to the bottom.</summary>
    private const int Log2IndexShift = SignificandBits - 4;

    /// <summary>The last entry of a 16-entry table.</summary>
    private const int TableMask = 15;

    /// <summary>
    /// <see cref="Exp2(float)"/> clamps its argument to ±this, so that 2^n stays a normal float with room for the
    /// polynomial's factor (at most √2) below the largest float.
    /// </summary>
    private const float Exp2Limit = 126f;

    /// <summary>Single-precision exponent bias.</summary>
    internal const int ExponentBias = 127;

    /// <summary>Bits below the exponent field.</summary>
    internal const int SignificandBits = 23;

    /// <summary>
    /// For significands m in [1 + j/16, 1 + (j+1)/16): 1/c rounded to float, where c is the interval's midpoint, except
    /// c = 1 for the first interval and c = 2 for the last, so that values near 1 (and significands near 2, which are
    /// values just below a power of two) reduce exactly and keep their full relative precision.
    /// </summary>
    private static ReadOnlySpan<float> Log2Inverse =>
    [
        1f, 0.9142857f, 0.8648649f, 0.82051283f, 0.7804878f, 0.74418604f, 0.7111111f, 0.68085104f,
        0.6530612f, 0.627451f, 0.6037736f, 0.58181816f, 0.5614035f, 0.5423729f, 0.52459013f, 0.5f,
    ];

    /// <summary>−log₂ of each <see cref="Log2Inverse"/> entry, rounded to float (0 and 1 exactly at the ends).</summary>
    private static ReadOnlySpan<float> Log2Offset =>
    [
        0f, 0.12928301f, 0.20945333f, 0.2854022f, 0.35755205f, 0.42626476f, 0.49185306f, 0.5545889f,
        0.61470985f, 0.67242527f, 0.7279204f, 0.78135973f, 0.83289f, 0.88264304f, 0.93073744f, 1f,
    ];

    /// <summary><c>a·b + c</c> rounded once: correctly rounded on every platform (in software where the CPU has no FMA).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    /// <summary>
    /// <c>a·b + c</c> rounded once to float, in double precision: the product of two floats is exact in a double
    /// (24 + 24 ≤ 53 significant bits); the sum is rounded to nearest and its error recovered exactly (Knuth's TwoSum);
    /// where the sum was inexact and its last bit even, it is moved one unit towards the error, which rounds it to odd;
    /// and a double rounded to odd, then to float, is the correctly rounded result, because 53 ≥ 2·24 + 2 (Boldo and
    /// Melquiond 2008, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> FmaByRoundToOdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Vector128.Narrow(
            RoundedToOdd(Vector128.WidenLower(a) * Vector128.WidenLower(b), Vector128.WidenLower(c)),
            RoundedToOdd(Vector128.WidenUpper(a) * Vector128.WidenUpper(b), Vector128.WidenUpper(c)));

    /// <summary><c>p + c</c> rounded to odd (see <see cref="FmaByRoundToOdd"/>); infinities and NaNs pass through as the rounded sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> RoundedToOdd(Vector128<double> p, Vector128<double> c)
    {
        Vector128<double> sum = p + c;
        Vector128<double> v = sum - p;
        Vector128<double> error = (p - (sum - v)) + (c - v);
        Vector128<long> bits = sum.AsInt64();
        Vector128<long> inexact = ~Vector128.Equals(error, Vector128<double>.Zero).AsInt64();
        Vector128<long> even = Vector128.Equals(bits & Vector128<long>.One, Vector128<long>.Zero);
        Vector128<long> finite = Vector128.LessThan(Vector128.Abs(sum), Vector128.Create(double.PositiveInfinity)).AsInt64();

        // One unit away from zero where the error has the sum's sign, towards zero where it has the other (a nonzero
        // error means a nonzero sum): −1 where the signs differ, +1 where they agree.
        Vector128<long> step = (Vector128.LessThan(error, Vector128<double>.Zero).AsInt64() ^ Vector128.LessThan(sum, Vector128<double>.Zero).AsInt64()) | Vector128<long>.One;
        return (bits + (inexact & even & finite & step)).AsDouble();
    }

    /// <summary>
    /// log₂ x of a positive, normal (not subnormal), finite float; measured max relative error 1.3e-7 where
    /// |log₂ x| ≥ 1/2 or x is within 1/32 of 1, absolute error 4e-8 in between (FloatMathTests). Zero, negatives,
    /// subnormals, infinities and NaN are outside the domain and give meaningless results.
    /// </summary>
    /// <remarks>
    /// x = 2^e · m with m in [1, 2); the top four bits of m pick c from a 16-entry table, and
    /// log₂ x = (e + log₂ c) + log₂(1 + r) with r = m/c − 1, |r| ≤ 1/16, from a degree-6 polynomial. The table
    /// replaces the reduction to [√½, √2) and halves the polynomial of the classic (Cephes) form.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Log2(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int j = (bits >>> Log2IndexShift) & TableMask;
        float e = (bits >>> SignificandBits) - ExponentBias;
        float m = BitConverter.Int32BitsToSingle((bits & SignificandMask) | OneBits);
        float r = Fma(m, Log2Inverse[j], -1f);
        return Fma(r, Log2Polynomial(r), e + Log2Offset[j]);
    }

    /// <summary>The lane-wise twin of <see cref="Log2(float)"/>, bit for bit, at the width of <typeparamref name="TSimd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TF Log2<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TI bits = TSimd.AsInt32(x);

        // The lookups read only the low four bits of the index, which here are the top four significand bits.
        TI j = TSimd.ShiftRightLogical(bits, Log2IndexShift);
        TF e = TSimd.Exponent(x);
        TF m = TSimd.AsSingle(TSimd.Or(TSimd.And(bits, TSimd.Broadcast(SignificandMask)), TSimd.Broadcast(OneBits)));
        TF r = TSimd.FusedMultiplyAdd(m, TSimd.Lookup16(Log2Inverse, j), TSimd.Broadcast(-1f));
        return TSimd.FusedMultiplyAdd(r, Log2Polynomial<TSimd, TF, TI, TU>(r), TSimd.Add(e, TSimd.Lookup16(Log2Offset, j)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Log2Polynomial(float r)
    {
        float q = Log2Q6;
        q = Fma(q, r, Log2Q5);
        q = Fma(q, r, Log2Q4);
        q = Fma(q, r, Log2Q3);
        q = Fma(q, r, Log2Q2);
        return Fma(q, r, Log2Q1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Log2Polynomial<TSimd, TF, TI, TU>(TF r)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TF q = TSimd.Broadcast(Log2Q6);
        q = TSimd.FusedMultiplyAdd(q, r, TSimd.Broadcast(Log2Q5));
        q = TSimd.FusedMultiplyAdd(q, r, TSimd.Broadcast(Log2Q4));
        q = TSimd.FusedMultiplyAdd(q, r, TSimd.Broadcast(Log2Q3));
        q = TSimd.FusedMultiplyAdd(q, r, TSimd.Broadcast(Log2Q2));
        return TSimd.FusedMultiplyAdd(q, r, TSimd.Broadcast(Log2Q1));
    }

    /// <summary>2^x, with x clamped to [−126, 126]; measured max relative error 7.5e-8 (FloatMathTests).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Exp2(float x) => Exp2Bounded(MathF.Min(MathF.Max(x, -Exp2Limit), Exp2Limit));

    /// <summary>The lane-wise twin of <see cref="Exp2(float)"/>, bit for bit, at the width of <typeparamref name="TSimd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TF Exp2<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU> =>
        Exp2Bounded<TSimd, TF, TI, TU>(TSimd.MinNative(TSimd.MaxNative(x, TSimd.Broadcast(-Exp2Limit)), TSimd.Broadcast(Exp2Limit)));

    /// <summary>
    /// 2^x for |x| ≤ 126 without the clamp of <see cref="Exp2(float)"/>, for callers whose arguments are bounded by
    /// construction; outside that range the result is meaningless.
    /// </summary>
    /// <remarks>x = n + f with n = round(x), ties to even, and |f| ≤ 1/2 (f is exact), and 2^x = 2^n · 2^f from Cephes' polynomial.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Exp2Bounded(float x)
    {
        float n = MathF.Round(x);
        float f = x - n;
        float p = Exp2P0;
        p = Fma(p, f, Exp2P1);
        p = Fma(p, f, Exp2P2);
        p = Fma(p, f, Exp2P3);
        p = Fma(p, f, Exp2P4);
        p = Fma(p, f, Exp2P5);
        p = Fma(p, f, 1f);
        return p * BitConverter.Int32BitsToSingle(((int)n + ExponentBias) << SignificandBits);
    }

    /// <summary>The lane-wise twin of <see cref="Exp2Bounded(float)"/>, bit for bit, at the width of <typeparamref name="TSimd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TF Exp2Bounded<TSimd, TF, TI, TU>(TF x)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        // The fraction first (one vreducepps on AVX-512), then n = x − f, exact as well.
        TF f = TSimd.FractionFromNearest(x);
        TF n = TSimd.Subtract(x, f);
        TF p = TSimd.Broadcast(Exp2P0);
        p = TSimd.FusedMultiplyAdd(p, f, TSimd.Broadcast(Exp2P1));
        p = TSimd.FusedMultiplyAdd(p, f, TSimd.Broadcast(Exp2P2));
        p = TSimd.FusedMultiplyAdd(p, f, TSimd.Broadcast(Exp2P3));
        p = TSimd.FusedMultiplyAdd(p, f, TSimd.Broadcast(Exp2P4));
        p = TSimd.FusedMultiplyAdd(p, f, TSimd.Broadcast(Exp2P5));
        p = TSimd.FusedMultiplyAdd(p, f, TSimd.Broadcast(1f));
        return TSimd.ScaleByPowerOfTwo(p, n);
    }

    /// <summary>
    /// sin(t·π/4) and cos(t·π/4) for t in [0, 1], an angle in eighths of a turn (polynomials only, no range reduction);
    /// measured max absolute error 8.7e-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosEighthTurn(float t, out float sin, out float cos)
    {
        float w = t * t;
        sin = Fma(Fma(Fma(SinS3, w, SinS2), w, SinS1), w, SinS0) * t;
        cos = Fma(Fma(Fma(Fma(CosC4, w, CosC3), w, CosC2), w, CosC1), w, 1f);
    }

    /// <summary>The lane-wise twin of <see cref="SinCosEighthTurn(float, out float, out float)"/>, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosEighthTurn<TSimd, TF, TI, TU>(TF t, out TF sin, out TF cos)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TF w = TSimd.Multiply(t, t);
        TF sinPolynomial = TSimd.FusedMultiplyAdd(TSimd.FusedMultiplyAdd(TSimd.Broadcast(SinS3), w, TSimd.Broadcast(SinS2)), w, TSimd.Broadcast(SinS1));
        sin = TSimd.Multiply(TSimd.FusedMultiplyAdd(sinPolynomial, w, TSimd.Broadcast(SinS0)), t);
        TF cosPolynomial = TSimd.FusedMultiplyAdd(TSimd.FusedMultiplyAdd(TSimd.Broadcast(CosC4), w, TSimd.Broadcast(CosC3)), w, TSimd.Broadcast(CosC2));
        cos = TSimd.FusedMultiplyAdd(TSimd.FusedMultiplyAdd(cosPolynomial, w, TSimd.Broadcast(CosC1)), w, TSimd.Broadcast(1f));
    }
}
