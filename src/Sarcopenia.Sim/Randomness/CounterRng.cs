using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sarcopenia.Sim.Numerics;

namespace Sarcopenia.Sim.Randomness;

/// <summary>
/// The simulation's source of randomness: every draw is a pure function of (seed, stream, person, counter), computed
/// by <see cref="Philox4x32"/> (10 rounds unless the model asks for fewer), so any person's numbers can be recomputed
/// alone, in any order, on any thread.
/// </summary>
/// <remarks>
/// <para>
/// <b>Counter layout.</b> This mapping defines the project's results and must never change (the turning of words into
/// normals did change once, with results files' format version 3). The Philox key is
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
/// <b>Normals.</b> Box–Muller on the pairs (x0, x1) and (x2, x3) of one block's words. The first word of a pair
/// gives the radius r = sqrt(-2 ln u) from its uniform u; the second gives the direction: its bits 6..28 pick one of
/// 2^23 equal cells of an eighth of a turn, a = (cell + 0.5) * 2^-23 * pi/4, and its top three bits place that angle in
/// one of the circle's eight octants (bit 29 swaps sin a and cos a, bits 31 and 30 negate the first and second
/// normal). So z0 = ±r·cos a and z1 = ±r·sin a, or the other way round, and likewise z2, z3 from (x2, x3); the
/// direction is uniform on the circle and independent of r. Because u is at least 2^-24, the tails are truncated at
/// |z| &lt;= sqrt(-2 ln 2^-24) ~ 5.77 standard deviations (probability beyond: about 8e-9).
/// </para>
/// <para>
/// <b>Reproducibility.</b> The logarithm and sine/cosine are <c>FloatMath</c>'s own polynomials (a table-driven log2,
/// Cephes' single-precision sine and cosine rescaled to eighths of a turn) built only from IEEE-754 operations that are
/// correctly rounded on every platform (add, multiply, fused multiply-add, square root, bit manipulation, table lookup). The scalar methods and the
/// vectorised span fills therefore agree bit for bit, whatever the SIMD width, instruction set, operating system or C
/// runtime. The normals are within 6.5e-7 of double-precision Box–Muller on the same words (CounterRngTests).
/// </para>
/// </remarks>
public readonly struct CounterRng
{
    // 0 in a default-constructed struct, which stands for the default rounds.
    private readonly int _rounds;
    private readonly int _vectorBits;

    /// <summary>Bits dropped from a word before it becomes a uniform: keeping 23 leaves room for the + 0.5 in float's 24-bit significand.</summary>
    private const int UniformShift = 9;

    /// <summary>2^-23: the width of one uniform cell.</summary>
    private const float UniformScale = 1f / (1 << 23);

    /// <summary>The bits of 1.0f: its exponent, with an empty significand.</summary>
    private const uint OneBits = 0x3F80_0000;

    /// <summary>−2 ln 2: turns log₂ u into Box–Muller's −2 ln u.</summary>
    private const float MinusTwoLn2 = -1.3862944f;

    /// <summary>The angle word's bit that swaps sine and cosine.</summary>
    private const uint SwapBit = 1u << 29;

    /// <summary>The float sign bit; the angle word's bit 31 (and bit 30, shifted up) negate the two normals.</summary>
    private const uint SignBit = 0x8000_0000;

    /// <summary>Drops the angle word's six unused low bits, leaving its bits 6..28, the angle's cell, at the bottom.</summary>
    private const int AngleShift = 6;

    /// <summary>The 23 bits of the angle's cell, once shifted down.</summary>
    private const uint AngleCellMask = 0x007F_FFFF;

    /// <summary>Creates the generator for one simulation seed.</summary>
    /// <param name="seed">The 64-bit seed; its low and high halves are the Philox key.</param>
    /// <param name="rounds">Philox rounds, 7 to 10 (see <see cref="Philox4x32"/>); 10 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is outside 7 to 10.</exception>
    public CounterRng(ulong seed, int rounds = Philox4x32.DefaultRounds)
    {
        Philox4x32.CheckRounds(rounds);
        Seed = seed;
        _rounds = rounds;
    }

    /// <summary>Gets the 64-bit seed.</summary>
    public ulong Seed { get; }

    /// <summary>Gets the number of Philox rounds (10 for <c>new CounterRng()</c>, which is seed 0).</summary>
    public int Rounds => _rounds == 0 ? Philox4x32.DefaultRounds : _rounds;

    /// <summary>
    /// The vector width the fills run at, in bits (<see cref="VectorWidth"/>): the machine's widest unless the run caps
    /// it (0, the default, means the widest). The draws do not depend on it.
    /// </summary>
    internal int VectorBits
    {
        get => _vectorBits == 0 ? VectorWidth.Widest : _vectorBits;
        init => _vectorBits = value;
    }

    private uint Key0 => (uint)Seed;

    private uint Key1 => (uint)(Seed >> 32);

    /// <summary>Returns the raw 128-bit Philox block for one (stream, person, counter).</summary>
    /// <param name="stream">The decision the draw belongs to; counter word 3.</param>
    /// <param name="person">The person id; counter words 0 (low half) and 1 (high half).</param>
    /// <param name="counter">The draw counter within the stream; counter word 2.</param>
    public Philox4x32Block Bits(RandomStream stream, ulong person, uint counter) =>
        Philox4x32.Generate((uint)person, (uint)(person >> 32), counter, (uint)stream, Key0, Key1, Rounds);

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
    /// <param name="lane">0 and 1: the Box–Muller pair of words 0 and 1; 2 and 3: the pair of words 2 and 3 (see the type's remarks).</param>
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
        BoxMuller(radiusBits, angleBits, out float z0, out float z1);
        return (lane & 1) == 0 ? z0 : z1;
    }

    /// <summary>
    /// Fills, for each element i, the four uniforms of (stream, person i, counter), where person i is
    /// ((ulong)<paramref name="idHi"/>[i] &lt;&lt; 32) | <paramref name="idLo"/>[i]. Element i of
    /// <paramref name="u0"/> .. <paramref name="u3"/> equals <see cref="Uniform"/> with lanes 0 .. 3, bit for bit.
    /// </summary>
    /// <remarks>
    /// All spans must have the same length and the four outputs must not overlap (they hold raw words between the two
    /// passes of the fill); this is asserted, not checked, because this is the engine's hot path.
    /// </remarks>
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
        Fill<UniformWriter>(stream, counter, idLo, idHi, u0, u1, u2, u3);
    }

    /// <summary>
    /// Fills, for each element i, the four standard normals of (stream, person i, counter), where person i is
    /// ((ulong)<paramref name="idHi"/>[i] &lt;&lt; 32) | <paramref name="idLo"/>[i]. Element i of
    /// <paramref name="z0"/> .. <paramref name="z3"/> equals <see cref="Normal"/> with lanes 0 .. 3, bit for bit.
    /// </summary>
    /// <remarks>
    /// All spans must have the same length and the four outputs must not overlap (they hold raw words between the two
    /// passes of the fill); this is asserted, not checked, because this is the engine's hot path.
    /// </remarks>
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
        Fill<NormalWriter>(stream, counter, idLo, idHi, z0, z1, z2, z3);
    }

    /// <summary>
    /// The loop behind <see cref="FillUniforms"/> and <see cref="FillNormals"/>, at <see cref="VectorBits"/>;
    /// <typeparamref name="TWriter"/> turns blocks into outputs. The results do not depend on the width.
    /// </summary>
    private void Fill<TWriter>(
        RandomStream stream,
        uint counter,
        ReadOnlySpan<uint> idLo,
        ReadOnlySpan<uint> idHi,
        Span<float> o0,
        Span<float> o1,
        Span<float> o2,
        Span<float> o3)
        where TWriter : struct, IBlockWriter
    {
        VectorWidth.Dispatch<FillCall<TWriter>, bool>(VectorBits, new FillCall<TWriter>(this, stream, counter, idLo, idHi, o0, o1, o2, o3));
    }

    /// <summary><see cref="Fill{TWriter}"/> at the width of <typeparamref name="TSimd"/>.</summary>
    /// <remarks>
    /// Never inlined: its callers are small, and when the JIT recompiles a hot caller it would otherwise pull this loop
    /// in and could run out of inlining budget before reaching ln and sin/cos, leaving them as calls in the hottest loop
    /// (measured: 10–15 % slower end to end, depending on unrelated code size).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Fill<TWriter, TSimd, TF, TI, TU>(
        RandomStream stream,
        uint counter,
        ReadOnlySpan<uint> idLo,
        ReadOnlySpan<uint> idHi,
        Span<float> o0,
        Span<float> o1,
        Span<float> o2,
        Span<float> o3)
        where TWriter : struct, IBlockWriter
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        int length = idLo.Length;
        Debug.Assert(idHi.Length == length, "idHi must match idLo.");
        Debug.Assert(o0.Length == length && o1.Length == length && o2.Length == length && o3.Length == length, "Outputs must match idLo.");
        Debug.Assert(
            !o0.Overlaps(o1) && !o0.Overlaps(o2) && !o0.Overlaps(o3) && !o1.Overlaps(o2) && !o1.Overlaps(o3) && !o2.Overlaps(o3),
            "Outputs must not overlap: they hold raw words between the two passes.");

        uint key0 = Key0;
        uint key1 = Key1;
        int i = 0;
        if (TSimd.IsHardwareAccelerated)
        {
            // Two passes: Philox's words are stored in the outputs as raw bits, then turned into floats in place. Each
            // loop then holds few enough values in registers to keep several vectors in flight; fused, the transform
            // spilled to the stack and its long dependency chains stalled the generator (RW1 on one thread, 512 bits:
            // 3.49 → 2.97 ns per person-year, best of 4 alternating runs).
            // Two vectors per Philox step (see Philox4x32.Generate); a last odd vector is generated twice and stored once.
            Span<uint> w0 = MemoryMarshal.Cast<float, uint>(o0), w1 = MemoryMarshal.Cast<float, uint>(o1);
            Span<uint> w2 = MemoryMarshal.Cast<float, uint>(o2), w3 = MemoryMarshal.Cast<float, uint>(o3);
            int width = TSimd.Lanes;
            var keys = new PhiloxKeySchedule(key0, key1, Rounds);
            while (i <= length - width)
            {
                bool pair = i + 2 * width <= length;
                int j = pair ? i + width : i;
                Philox4x32.Generate<TSimd, TF, TI, TU>(
                    TSimd.Load(idLo, i), TSimd.Load(idHi, i), TSimd.Load(idLo, j), TSimd.Load(idHi, j),
                    counter, (uint)stream, keys, out VectorBlock<TU> a, out VectorBlock<TU> b);
                StoreWords<TSimd, TF, TI, TU>(a, w0, w1, w2, w3, i);
                StoreWords<TSimd, TF, TI, TU>(b, w0, w1, w2, w3, j);
                i += pair ? 2 * width : width;
            }

            TWriter.Transform<TSimd, TF, TI, TU>(o0[..i], o1[..i], o2[..i], o3[..i]);
        }

        for (; i < length; i++)
        {
            TWriter.Write(Philox4x32.Generate(idLo[i], idHi[i], counter, (uint)stream, key0, key1, Rounds), out o0[i], out o1[i], out o2[i], out o3[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWords<TSimd, TF, TI, TU>(in VectorBlock<TU> block, Span<uint> w0, Span<uint> w1, Span<uint> w2, Span<uint> w3, int at)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TSimd.Store(block.X0, w0, at);
        TSimd.Store(block.X1, w1, at);
        TSimd.Store(block.X2, w2, at);
        TSimd.Store(block.X3, w3, at);
    }

    /// <summary>Maps a 32-bit word to ((x &gt;&gt; 9) + 0.5) * 2^-23, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float ToUniform(uint bits) => ((bits >> UniformShift) + 0.5f) * UniformScale;

    /// <summary>The lane-wise twin of <see cref="ToUniform(uint)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TF ToUniform<TSimd, TF, TI, TU>(TU bits)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        // The 23-bit cell as the significand of a float in [1, 2), 1 + cell·2^-23, minus (1 − 2^-24): the difference,
        // (cell + 0.5)·2^-23, has at most 24 significant bits, so the subtraction is exact and the bits equal the scalar
        // form's. An or and a subtraction instead of a conversion and a multiply-add: conversions share a port with
        // the shifts and multiplies around them.
        TF oneToTwo = TSimd.AsSingle(TSimd.Or(TSimd.ShiftRightLogical(bits, UniformShift), TSimd.Broadcast(OneBits)));
        return TSimd.Subtract(oneToTwo, TSimd.Broadcast(1f - (0.5f * UniformScale)));
    }

    /// <summary>
    /// Box–Muller on one pair of words: r = sqrt(−2 ln u) with u = <see cref="ToUniform(uint)"/> of
    /// <paramref name="radiusBits"/>, and an angle drawn from <paramref name="angleBits"/> as an eighth of a turn
    /// (from the word's bits 6..28) placed in one of the circle's eight octants by its top three bits.
    /// </summary>
    /// <remarks>
    /// With a the angle within the octant, s = sin a and c = cos a: bit 29 swaps them, bit 31 negates the first result
    /// and bit 30 the second, so the pair is r·(±c, ±s) or r·(±s, ±c). These are the eight reflections of the point at
    /// angle a, one per octant, so the direction is uniform on the circle, and the bits set the signs and the swap
    /// directly, with no quadrant arithmetic.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BoxMuller(uint radiusBits, uint angleBits, out float z0, out float z1)
    {
        float radius = MathF.Sqrt(FloatMath.Log2(ToUniform(radiusBits)) * MinusTwoLn2);
        float eighths = BitConverter.UInt32BitsToSingle(((angleBits >> AngleShift) & AngleCellMask) | OneBits) - (1f - (0.5f * UniformScale));
        FloatMath.SinCosEighthTurn(eighths, out float sin, out float cos);
        (float first, float second) = (angleBits & SwapBit) == 0 ? (cos, sin) : (sin, cos);
        z0 = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(radius * first) ^ (angleBits & SignBit));
        z1 = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(radius * second) ^ ((angleBits << 1) & SignBit));
    }

    /// <summary>The lane-wise twin of <see cref="BoxMuller(uint, uint, out float, out float)"/>, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BoxMuller<TSimd, TF, TI, TU>(TU radiusBits, TU angleBits, out TF z0, out TF z1)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        TF radius = TSimd.SquareRoot(TSimd.Multiply(FloatMath.Log2<TSimd, TF, TI, TU>(ToUniform<TSimd, TF, TI, TU>(radiusBits)), TSimd.Broadcast(MinusTwoLn2)));

        // The cell's 23 bits as the significand of a float in [1, 2), minus (1 − 2^-24): (cell + 0.5)·2^-23 exactly, the
        // angle within its octant in eighths of a turn.
        TF cell = TSimd.AsSingle(TSimd.Or(TSimd.And(TSimd.ShiftRightLogical(angleBits, AngleShift), TSimd.Broadcast(AngleCellMask)), TSimd.Broadcast(OneBits)));
        FloatMath.SinCosEighthTurn<TSimd, TF, TI, TU>(TSimd.Subtract(cell, TSimd.Broadcast(1f - (0.5f * UniformScale))), out TF sin, out TF cos);
        // One select on the swap bit's comparison (a masked blend on AVX-512); the other result is whichever of sin and
        // cos the select did not take, sin ^ cos ^ first bit for bit, one three-way xor instead of a second select.
        TF first = TSimd.SelectWhereZero(TSimd.AsInt32(TSimd.And(angleBits, TSimd.Broadcast(SwapBit))), cos, sin);
        TF second = TSimd.AsSingle(TSimd.Xor(TSimd.Xor(TSimd.AsUInt32(sin), TSimd.AsUInt32(cos)), TSimd.AsUInt32(first)));
        z0 = TSimd.AsSingle(TSimd.Xor(TSimd.AsUInt32(TSimd.Multiply(radius, first)), TSimd.And(angleBits, TSimd.Broadcast(SignBit))));
        z1 = TSimd.AsSingle(TSimd.Xor(TSimd.AsUInt32(TSimd.Multiply(radius, second)), TSimd.And(TSimd.ShiftLeft(angleBits, 1), TSimd.Broadcast(SignBit))));
    }
}

/// <summary>Turns Philox blocks into four output floats per person (the operator-struct pattern: no delegate per element).</summary>
internal interface IBlockWriter
{
    /// <summary>
    /// Turns the Philox words stored as raw bits in <paramref name="o0"/> .. <paramref name="o3"/> (word k of person i
    /// in element i of o<i>k</i>) into the outputs, in place. The spans have the same length, a multiple of
    /// <see cref="ISimd{TSelf, TF, TI, TU}.Lanes"/> of <typeparamref name="TSimd"/>, and do not overlap.
    /// </summary>
    static abstract void Transform<TSimd, TF, TI, TU>(Span<float> o0, Span<float> o1, Span<float> o2, Span<float> o3)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>;

    /// <summary>The scalar twin: one person's four outputs.</summary>
    static abstract void Write(in Philox4x32Block block, out float o0, out float o1, out float o2, out float o3);
}

/// <summary>One call of <see cref="CounterRng"/>'s fill, carried to the width <see cref="VectorWidth.Dispatch"/> picks.</summary>
internal readonly ref struct FillCall<TWriter>(
    CounterRng rng,
    RandomStream stream,
    uint counter,
    ReadOnlySpan<uint> idLo,
    ReadOnlySpan<uint> idHi,
    Span<float> o0,
    Span<float> o1,
    Span<float> o2,
    Span<float> o3) : IWidthGeneric<bool>
    where TWriter : struct, IBlockWriter
{
    private readonly ReadOnlySpan<uint> _idLo = idLo;
    private readonly ReadOnlySpan<uint> _idHi = idHi;
    private readonly Span<float> _o0 = o0;
    private readonly Span<float> _o1 = o1;
    private readonly Span<float> _o2 = o2;
    private readonly Span<float> _o3 = o3;

    public bool Invoke<TSimd, TF, TI, TU>()
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        rng.Fill<TWriter, TSimd, TF, TI, TU>(stream, counter, _idLo, _idHi, _o0, _o1, _o2, _o3);
        return true;
    }
}

/// <summary>Four uniforms per block.</summary>
internal readonly struct UniformWriter : IBlockWriter
{
    public static void Transform<TSimd, TF, TI, TU>(Span<float> o0, Span<float> o1, Span<float> o2, Span<float> o3)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        Uniforms(o0);
        Uniforms(o1);
        Uniforms(o2);
        Uniforms(o3);

        static void Uniforms(Span<float> o)
        {
            Span<uint> words = MemoryMarshal.Cast<float, uint>(o);
            for (int i = 0; i < o.Length; i += TSimd.Lanes)
            {
                TSimd.Store(CounterRng.ToUniform<TSimd, TF, TI, TU>(TSimd.Load(words, i)), o, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(in Philox4x32Block block, out float o0, out float o1, out float o2, out float o3)
    {
        o0 = CounterRng.ToUniform(block.X0);
        o1 = CounterRng.ToUniform(block.X1);
        o2 = CounterRng.ToUniform(block.X2);
        o3 = CounterRng.ToUniform(block.X3);
    }
}

/// <summary>Four standard normals per block (Box–Muller on words 0–1 and 2–3).</summary>
internal readonly struct NormalWriter : IBlockWriter
{
    public static void Transform<TSimd, TF, TI, TU>(Span<float> o0, Span<float> o1, Span<float> o2, Span<float> o3)
        where TSimd : struct, ISimd<TSimd, TF, TI, TU>
    {
        Pairs(o0, o1);
        Pairs(o2, o3);

        static void Pairs(Span<float> radius, Span<float> angle)
        {
            Span<uint> radiusWords = MemoryMarshal.Cast<float, uint>(radius), angleWords = MemoryMarshal.Cast<float, uint>(angle);
            for (int i = 0; i < radius.Length; i += TSimd.Lanes)
            {
                CounterRng.BoxMuller<TSimd, TF, TI, TU>(TSimd.Load(radiusWords, i), TSimd.Load(angleWords, i), out TF z0, out TF z1);
                TSimd.Store(z0, radius, i);
                TSimd.Store(z1, angle, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(in Philox4x32Block block, out float o0, out float o1, out float o2, out float o3)
    {
        CounterRng.BoxMuller(block.X0, block.X1, out o0, out o1);
        CounterRng.BoxMuller(block.X2, block.X3, out o2, out o3);
    }
}
