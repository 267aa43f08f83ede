using System.Diagnostics;
using System.Numerics;

namespace Sarcopenia.Sim.Randomness;

/// <summary>
/// The simulation's source of randomness: every draw is a pure function of (seed, stream, person, counter), computed
/// by <see cref="Philox4x32"/>, so any person's numbers can be recomputed alone, in any order, on any thread.
/// </summary>
/// <remarks>
/// <para>
/// <b>Counter layout.</b> This mapping defines the project's results and must never change. The Philox key is
/// (k0, k1) = (low 32 bits of the seed, high 32 bits of the seed). The counter is
/// (c0, c1, c2, c3) = (low 32 bits of the person id, high 32 bits of the person id, draw counter, (uint)stream).
/// One counter value yields one 128-bit block: four uniforms or four normals.
/// </para>
/// <para>
/// <b>Uniforms.</b> A 32-bit word x maps to u = ((x &gt;&gt; 9) + 0.5) * 2^-23: the top 23 bits pick one of 2^23 equal
/// cells of [0, 1) and u is the cell's midpoint. Every step is exact in <see cref="float"/>, so u lies strictly inside
/// (0, 1), is never 0 or 1, and is symmetric about 1/2.
/// </para>
/// <para>
/// <b>Normals.</b> Box–Muller on the pairs (u0, u1) and (u2, u3) of one block: r = sqrt(-2 ln u0),
/// z0 = r cos(2 pi u1), z1 = r sin(2 pi u1), and likewise z2, z3 from (u2, u3). Because u is at least 2^-24, the
/// tails are truncated at |z| &lt;= sqrt(-2 ln 2^-24) ~ 5.77 standard deviations (probability beyond: about 8e-9).
/// </para>
/// <para>
/// <b>Reproducibility.</b> The logarithm and sine/cosine are this type's own polynomials (Cephes single-precision
/// coefficients) built only from IEEE-754 operations that are correctly rounded on every platform (add, multiply,
/// square root, round, bit manipulation; never fused multiply-add). The scalar methods and the vectorised span fills
/// therefore agree bit for bit, whatever the SIMD width, instruction set, operating system or C runtime. Over all
/// 2^23 possible uniforms the polynomials' measured errors are at most 8.1e-8 relative for ln and 9.1e-8 absolute for
/// sin and cos, and the normals are within 6.8e-7 of double-precision Box–Muller on the same uniforms.
/// </para>
/// </remarks>
public readonly struct CounterRng
{
    /// <summary>Bits dropped from a word before it becomes a uniform: keeping 23 leaves room for the + 0.5 in float's 24-bit significand.</summary>
    private const int UniformShift = 9;

    /// <summary>2^-23: the width of one uniform cell.</summary>
    private const float UniformScale = 1f / (1 << 23);

    /// <summary>IEEE-754 single-precision bits that select the significand.</summary>
    private const int SignificandMask = 0x007F_FFFF;

    /// <summary>The exponent bits of 0.5: or-ed onto a significand they give a value in [0.5, 1).</summary>
    private const int HalfExponentBits = 0x3F00_0000;

    /// <summary>The exponent bias, plus one because the significand is scaled to [0.5, 1) rather than [1, 2).</summary>
    private const int ExponentBiasForHalf = 126;

    /// <summary>sqrt(1/2): significands below it are doubled so that the log polynomial's argument stays in [sqrt(1/2) - 1, sqrt(2) - 1].</summary>
    private const float SqrtHalf = 0.70710677f;

    // Cephes logf: ln(1 + f) = f - f^2 / 2 + f^3 P(f), with ln 2 split into LogQ2 + LogQ1 so that e * LogQ2 is exact.
    private const float LogP0 = 7.0376836292E-2f;
    private const float LogP1 = -1.1514610310E-1f;
    private const float LogP2 = 1.1676998740E-1f;
    private const float LogP3 = -1.2420140846E-1f;
    private const float LogP4 = 1.4249322787E-1f;
    private const float LogP5 = -1.6668057665E-1f;
    private const float LogP6 = 2.0000714765E-1f;
    private const float LogP7 = -2.4999993993E-1f;
    private const float LogP8 = 3.3333331174E-1f;
    private const float LogQ1 = -2.12194440E-4f;
    private const float LogQ2 = 0.693359375f;

    // Cephes sinf / cosf minimax polynomials on [-pi/4, pi/4].
    private const float SinP0 = -1.9515295891E-4f;
    private const float SinP1 = 8.3321608736E-3f;
    private const float SinP2 = -1.6666654611E-1f;
    private const float CosP0 = 2.443315711809948E-5f;
    private const float CosP1 = -1.388731625493765E-3f;
    private const float CosP2 = 4.166664568298827E-2f;

    /// <summary>2 pi rounded to float; the reduced angle is at most pi/4, so its rounding error stays near one ulp.</summary>
    private const float TwoPi = 6.2831855f;

    /// <summary>Shift that moves bit 1 of the quadrant number onto the float sign bit.</summary>
    private const int QuadrantBitToSign = 30;

    /// <summary>Creates the generator for one simulation seed.</summary>
    /// <param name="seed">The 64-bit seed; its low and high halves are the Philox key.</param>
    public CounterRng(ulong seed)
    {
        Seed = seed;
    }

    /// <summary>Gets the 64-bit seed.</summary>
    public ulong Seed { get; }

    private uint Key0 => (uint)Seed;

    private uint Key1 => (uint)(Seed >> 32);

    /// <summary>Returns the raw 128-bit Philox block for one (stream, person, counter).</summary>
    /// <param name="stream">The decision the draw belongs to; counter word 3.</param>
    /// <param name="person">The person id; counter words 0 (low half) and 1 (high half).</param>
    /// <param name="counter">The draw counter within the stream; counter word 2.</param>
    public Philox4x32Block Bits(RandomStream stream, ulong person, uint counter) =>
        Philox4x32.Generate((uint)person, (uint)(person >> 32), counter, (uint)stream, Key0, Key1);

    /// <summary>Returns the uniform in (0, 1) made from word <paramref name="lane"/> of the block.</summary>
    /// <param name="stream">The decision the draw belongs to.</param>
    /// <param name="person">The person id.</param>
    /// <param name="counter">The draw counter within the stream.</param>
    /// <param name="lane">Which of the block's four words to use, 0 to 3.</param>
    /// <returns>((x &gt;&gt; 9) + 0.5) * 2^-23 for the chosen word x; never 0 or 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is not in 0 to 3.</exception>
    public float Uniform(RandomStream stream, ulong person, uint counter, int lane) =>
        ToUniform(Bits(stream, person, counter)[lane]);

    /// <summary>Returns standard normal <paramref name="lane"/> of the four that Box–Muller makes from the block.</summary>
    /// <param name="stream">The decision the draw belongs to.</param>
    /// <param name="person">The person id.</param>
    /// <param name="counter">The draw counter within the stream.</param>
    /// <param name="lane">
    /// 0: r01 cos(2 pi u1); 1: r01 sin(2 pi u1); 2: r23 cos(2 pi u3); 3: r23 sin(2 pi u3), where
    /// r01 = sqrt(-2 ln u0) and r23 = sqrt(-2 ln u2).
    /// </param>
    /// <returns>A standard normal variate, truncated at about 5.77 in absolute value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is not in 0 to 3.</exception>
    public float Normal(RandomStream stream, ulong person, uint counter, int lane)
    {
        if ((uint)lane > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(lane), lane, "A Philox4x32 block yields normals 0 to 3.");
        }

        Philox4x32Block block = Bits(stream, person, counter);
        (uint radiusBits, uint angleBits) = lane < 2 ? (block.X0, block.X1) : (block.X2, block.X3);
        BoxMuller(radiusBits, angleBits, out float zCos, out float zSin);
        return (lane & 1) == 0 ? zCos : zSin;
    }

    /// <summary>
    /// Fills, for each element i, the four uniforms of (stream, person i, counter), where person i is
    /// ((ulong)<paramref name="idHi"/>[i] &lt;&lt; 32) | <paramref name="idLo"/>[i]. Element i of
    /// <paramref name="u0"/> .. <paramref name="u3"/> equals <see cref="Uniform"/> with lanes 0 .. 3, bit for bit.
    /// </summary>
    /// <remarks>All spans must have the same length; this is asserted, not checked, because this is the engine's hot path.</remarks>
    internal void FillUniforms(
        RandomStream stream,
        uint counter,
        ReadOnlySpan<uint> idLo,
        ReadOnlySpan<uint> idHi,
        Span<float> u0,
        Span<float> u1,
        Span<float> u2,
        Span<float> u3)
    {
        int length = idLo.Length;
        Debug.Assert(idHi.Length == length, "idHi must match idLo.");
        Debug.Assert(u0.Length == length && u1.Length == length && u2.Length == length && u3.Length == length, "Outputs must match idLo.");

        uint key0 = Key0;
        uint key1 = Key1;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= length - Vector<uint>.Count; i += Vector<uint>.Count)
            {
                Philox4x32.Generate(
                    new Vector<uint>(idLo[i..]),
                    new Vector<uint>(idHi[i..]),
                    counter,
                    (uint)stream,
                    key0,
                    key1,
                    out Vector<uint> x0,
                    out Vector<uint> x1,
                    out Vector<uint> x2,
                    out Vector<uint> x3);
                ToUniform(x0).CopyTo(u0[i..]);
                ToUniform(x1).CopyTo(u1[i..]);
                ToUniform(x2).CopyTo(u2[i..]);
                ToUniform(x3).CopyTo(u3[i..]);
            }
        }

        for (; i < length; i++)
        {
            Philox4x32Block block = Philox4x32.Generate(idLo[i], idHi[i], counter, (uint)stream, key0, key1);
            u0[i] = ToUniform(block.X0);
            u1[i] = ToUniform(block.X1);
            u2[i] = ToUniform(block.X2);
            u3[i] = ToUniform(block.X3);
        }
    }

    /// <summary>
    /// Fills, for each element i, the four standard normals of (stream, person i, counter), where person i is
    /// ((ulong)<paramref name="idHi"/>[i] &lt;&lt; 32) | <paramref name="idLo"/>[i]. Element i of
    /// <paramref name="z0"/> .. <paramref name="z3"/> equals <see cref="Normal"/> with lanes 0 .. 3, bit for bit.
    /// </summary>
    /// <remarks>All spans must have the same length; this is asserted, not checked, because this is the engine's hot path.</remarks>
    internal void FillNormals(
        RandomStream stream,
        uint counter,
        ReadOnlySpan<uint> idLo,
        ReadOnlySpan<uint> idHi,
        Span<float> z0,
        Span<float> z1,
        Span<float> z2,
        Span<float> z3)
    {
        int length = idLo.Length;
        Debug.Assert(idHi.Length == length, "idHi must match idLo.");
        Debug.Assert(z0.Length == length && z1.Length == length && z2.Length == length && z3.Length == length, "Outputs must match idLo.");

        uint key0 = Key0;
        uint key1 = Key1;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= length - Vector<uint>.Count; i += Vector<uint>.Count)
            {
                Philox4x32.Generate(
                    new Vector<uint>(idLo[i..]),
                    new Vector<uint>(idHi[i..]),
                    counter,
                    (uint)stream,
                    key0,
                    key1,
                    out Vector<uint> x0,
                    out Vector<uint> x1,
                    out Vector<uint> x2,
                    out Vector<uint> x3);
                BoxMuller(x0, x1, out Vector<float> n0, out Vector<float> n1);
                BoxMuller(x2, x3, out Vector<float> n2, out Vector<float> n3);
                n0.CopyTo(z0[i..]);
                n1.CopyTo(z1[i..]);
                n2.CopyTo(z2[i..]);
                n3.CopyTo(z3[i..]);
            }
        }

        for (; i < length; i++)
        {
            Philox4x32Block block = Philox4x32.Generate(idLo[i], idHi[i], counter, (uint)stream, key0, key1);
            BoxMuller(block.X0, block.X1, out z0[i], out z1[i]);
            BoxMuller(block.X2, block.X3, out z2[i], out z3[i]);
        }
    }

    /// <summary>Maps a 32-bit word to ((x &gt;&gt; 9) + 0.5) * 2^-23, exactly.</summary>
    internal static float ToUniform(uint bits) => ((bits >> UniformShift) + 0.5f) * UniformScale;

    /// <summary>The lane-wise twin of <see cref="ToUniform(uint)"/>.</summary>
    internal static Vector<float> ToUniform(Vector<uint> bits)
    {
        // The shifted word is below 2^23, so the signed conversion (one instruction on every target) is exact.
        Vector<float> cell = Vector.ConvertToSingle(Vector.AsVectorInt32(bits >> UniformShift));
        return (cell + new Vector<float>(0.5f)) * new Vector<float>(UniformScale);
    }

    /// <summary>Box–Muller: (r cos(2 pi u_b), r sin(2 pi u_b)) with r = sqrt(-2 ln u_a), u from <see cref="ToUniform(uint)"/>.</summary>
    internal static void BoxMuller(uint radiusBits, uint angleBits, out float zCos, out float zSin)
    {
        float radius = MathF.Sqrt(-2f * Log(ToUniform(radiusBits)));
        SinCosTurns(ToUniform(angleBits), out float sin, out float cos);
        zCos = radius * cos;
        zSin = radius * sin;
    }

    /// <summary>The lane-wise twin of <see cref="BoxMuller(uint, uint, out float, out float)"/>, bit for bit.</summary>
    internal static void BoxMuller(Vector<uint> radiusBits, Vector<uint> angleBits, out Vector<float> zCos, out Vector<float> zSin)
    {
        Vector<float> radius = Vector.SquareRoot(new Vector<float>(-2f) * Log(ToUniform(radiusBits)));
        SinCosTurns(ToUniform(angleBits), out Vector<float> sin, out Vector<float> cos);
        zCos = radius * cos;
        zSin = radius * sin;
    }

    /// <summary>
    /// Natural logarithm of a positive, normal (not subnormal), finite float; measured max relative error 8.1e-8.
    /// Zero, negatives, subnormals, infinities and NaN are outside the domain and give meaningless results.
    /// </summary>
    internal static float Log(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int exponent = (bits >>> 23) - ExponentBiasForHalf;
        float significand = BitConverter.Int32BitsToSingle((bits & SignificandMask) | HalfExponentBits);
        float doubled = 0f;
        if (significand < SqrtHalf)
        {
            exponent--;
            doubled = significand;
        }

        float f = significand - 1f + doubled;
        float f2 = f * f;
        float y = LogP0;
        y = y * f + LogP1;
        y = y * f + LogP2;
        y = y * f + LogP3;
        y = y * f + LogP4;
        y = y * f + LogP5;
        y = y * f + LogP6;
        y = y * f + LogP7;
        y = y * f + LogP8;
        y = y * f * f2;
        float e = exponent;
        y += e * LogQ1;
        y -= f2 * 0.5f;
        return f + y + e * LogQ2;
    }

    /// <summary>The lane-wise twin of <see cref="Log(float)"/>, bit for bit.</summary>
    internal static Vector<float> Log(Vector<float> x)
    {
        Vector<int> bits = Vector.AsVectorInt32(x);
        Vector<int> exponent = (bits >>> 23) - new Vector<int>(ExponentBiasForHalf);
        Vector<float> significand = Vector.AsVectorSingle((bits & new Vector<int>(SignificandMask)) | new Vector<int>(HalfExponentBits));
        Vector<int> below = Vector.LessThan(significand, new Vector<float>(SqrtHalf));

        // The comparison mask is -1 where true, so adding it decrements those exponents.
        exponent += below;
        Vector<float> doubled = Vector.ConditionalSelect(below, significand, Vector<float>.Zero);

        Vector<float> f = significand - Vector<float>.One + doubled;
        Vector<float> f2 = f * f;
        Vector<float> y = new(LogP0);
        y = y * f + new Vector<float>(LogP1);
        y = y * f + new Vector<float>(LogP2);
        y = y * f + new Vector<float>(LogP3);
        y = y * f + new Vector<float>(LogP4);
        y = y * f + new Vector<float>(LogP5);
        y = y * f + new Vector<float>(LogP6);
        y = y * f + new Vector<float>(LogP7);
        y = y * f + new Vector<float>(LogP8);
        y = y * f * f2;
        Vector<float> e = Vector.ConvertToSingle(exponent);
        y += e * new Vector<float>(LogQ1);
        y -= f2 * new Vector<float>(0.5f);
        return f + y + e * new Vector<float>(LogQ2);
    }

    /// <summary>
    /// sin(2 pi t) and cos(2 pi t) for t in [0, 1]; measured max absolute error 9.1e-8.
    /// </summary>
    /// <remarks>
    /// The argument is in turns, so the reduction to the nearest quarter turn, t - q/4, is exact; only the reduced
    /// angle (at most pi/4) is multiplied by 2 pi, which keeps the error near one ulp with no Cody–Waite constants.
    /// </remarks>
    internal static void SinCosTurns(float t, out float sin, out float cos)
    {
        float quadrant = MathF.Round(t * 4f);
        float x = (t - quadrant * 0.25f) * TwoPi;
        float z = x * x;
        float s = ((SinP0 * z + SinP1) * z + SinP2) * z * x + x;
        float c = ((CosP0 * z + CosP1) * z + CosP2) * z * z - z * 0.5f + 1f;

        // Rotating by q quarter turns: odd q swaps sin and cos; sin is negated for q in {2, 3}, cos for q in {1, 2}.
        int q = (int)quadrant;
        if ((q & 1) != 0)
        {
            (s, c) = (c, s);
        }

        sin = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(s) ^ ((q & 2) << QuadrantBitToSign));
        cos = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(c) ^ (((q + 1) & 2) << QuadrantBitToSign));
    }

    /// <summary>The lane-wise twin of <see cref="SinCosTurns(float, out float, out float)"/>, bit for bit.</summary>
    internal static void SinCosTurns(Vector<float> t, out Vector<float> sin, out Vector<float> cos)
    {
        Vector<float> quadrant = Vector.Round(t * new Vector<float>(4f));
        Vector<float> x = (t - quadrant * new Vector<float>(0.25f)) * new Vector<float>(TwoPi);
        Vector<float> z = x * x;
        Vector<float> s = ((new Vector<float>(SinP0) * z + new Vector<float>(SinP1)) * z + new Vector<float>(SinP2)) * z * x + x;
        Vector<float> c = ((new Vector<float>(CosP0) * z + new Vector<float>(CosP1)) * z + new Vector<float>(CosP2)) * z * z
            - z * new Vector<float>(0.5f) + Vector<float>.One;

        Vector<int> q = Vector.ConvertToInt32(quadrant);
        Vector<int> swap = Vector.Equals(q & Vector<int>.One, Vector<int>.One);
        Vector<int> two = new(2);
        Vector<int> sinSign = (q & two) << QuadrantBitToSign;
        Vector<int> cosSign = ((q + Vector<int>.One) & two) << QuadrantBitToSign;
        sin = Vector.AsVectorSingle(Vector.AsVectorInt32(Vector.ConditionalSelect(swap, c, s)) ^ sinSign);
        cos = Vector.AsVectorSingle(Vector.AsVectorInt32(Vector.ConditionalSelect(swap, s, c)) ^ cosSign);
    }
}
