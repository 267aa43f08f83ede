using Sarcopenia.Sim.Randomness;

namespace Sarcopenia.Sim.Engine.Modules;

/// <summary>
/// Step 4: each year's random numbers, a standard normal for the year's loss noise and, with mortality, a uniform for
/// death. One Philox counter yields four numbers per person, so the draws of four consecutive years are made at once,
/// every fourth year, into four columns each; year row r reads column r % 4. When staging uses measured values, the
/// year's three measurement errors (mass, grip, gait) come from the Measurement stream the same way: three counters
/// every fourth year fill twelve columns, and row r reads columns 3·(r % 4) + 0, 1, 2.
/// </summary>
internal sealed class YearDraws(ModuleContext context) : ChunkModule
{
    /// <summary>Years served by one counter's draws.</summary>
    public const int YearsPerCounter = 4;

    /// <summary>The year noise of rows r ≡ 0, 1, 2, 3 (mod 4): standard normals.</summary>
    public static readonly ColumnKey<float>[] Noise = [.. Enumerable.Range(0, YearsPerCounter).Select(k => new ColumnKey<float>($"year noise, row ≡ {k} (mod 4)"))];

    /// <summary>The death uniforms of rows r ≡ 0, 1, 2, 3 (mod 4), drawn only with mortality.</summary>
    public static readonly ColumnKey<float>[] DeathUniform = [.. Enumerable.Range(0, YearsPerCounter).Select(k => new ColumnKey<float>($"death uniform, row ≡ {k} (mod 4)"))];

    /// <summary>Measurement errors per person and year: mass, grip and gait of row r are columns 3·(r % 4) + 0, 1, 2.</summary>
    public static readonly ColumnKey<float>[] MeasurementError =
        [.. Enumerable.Range(0, MeasurementsPerYear * YearsPerCounter).Select(k => new ColumnKey<float>($"measurement error {k % MeasurementsPerYear}, row ≡ {k / MeasurementsPerYear} (mod 4)"))];

    /// <summary>Measurements a year: mass, grip, gait.</summary>
    public const int MeasurementsPerYear = 3;

    private readonly CounterRng _rng = context.Rng;
    private readonly bool _mortality = context.Plan.Mortality;
    private readonly uint[] _idLow = context.Columns.Get(ChunkLayout.IdLow);
    private readonly uint[] _idHigh = context.Columns.Get(ChunkLayout.IdHigh);
    private readonly float[][] _noise = [.. Noise.Select(context.Columns.Get)];
    private readonly float[][] _death = context.Plan.Mortality ? [.. DeathUniform.Select(context.Columns.Get)] : [];
    private readonly float[][] _measurement = context.Plan.Measured ? [.. MeasurementError.Select(context.Columns.Get)] : [];

    /// <inheritdoc/>
    public override bool HasYearWork => true;

    /// <inheritdoc/>
    public override void BeforeYear(Slice block, int row)
    {
        if (row % YearsPerCounter != 0)
        {
            return;
        }

        (int start, int length) = (block.Start, block.Length);
        ReadOnlySpan<uint> low = _idLow.AsSpan(start, length);
        ReadOnlySpan<uint> high = _idHigh.AsSpan(start, length);
        uint counter = (uint)(row / YearsPerCounter);
        _rng.FillNormals(RandomStream.YearNoise, counter, low, high,
            _noise[0].AsSpan(start, length), _noise[1].AsSpan(start, length), _noise[2].AsSpan(start, length), _noise[3].AsSpan(start, length));
        if (_mortality)
        {
            _rng.FillUniforms(RandomStream.Mortality, counter, low, high,
                _death[0].AsSpan(start, length), _death[1].AsSpan(start, length), _death[2].AsSpan(start, length), _death[3].AsSpan(start, length));
        }

        for (int k = 0; k < _measurement.Length; k += YearsPerCounter)
        {
            _rng.FillNormals(RandomStream.Measurement, (counter * MeasurementsPerYear) + (uint)(k / YearsPerCounter), low, high,
                _measurement[k].AsSpan(start, length), _measurement[k + 1].AsSpan(start, length), _measurement[k + 2].AsSpan(start, length), _measurement[k + 3].AsSpan(start, length));
        }
    }
}
