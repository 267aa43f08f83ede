using System.Globalization;

namespace Sarcopenia.Sim.Heritability;

/// <summary>A named measurement of both twins of every pair: a trait's values, or a SNP's genotype counts.</summary>
/// <typeparam name="T">The value type: <see cref="double"/> for traits, <see cref="byte"/> (0, 1 or 2 copies of the coded allele) for genotypes.</typeparam>
public sealed class TwinColumn<T>
{
    private readonly T[] _twin1;
    private readonly T[] _twin2;

    /// <summary>Creates the column; the arrays are copied.</summary>
    /// <param name="name">The name, as in the wide file's <c>name_T1</c> and <c>name_T2</c> columns.</param>
    /// <param name="twin1">Twin 1's values, one per pair.</param>
    /// <param name="twin2">Twin 2's values, one per pair.</param>
    public TwinColumn(string name, IReadOnlyList<T> twin1, IReadOnlyList<T> twin2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(twin1);
        ArgumentNullException.ThrowIfNull(twin2);
        if (twin1.Count != twin2.Count)
        {
            throw new ArgumentException($"Column '{name}': twin 1 has {twin1.Count} values and twin 2 has {twin2.Count}; expected one value per pair for each twin.", nameof(twin2));
        }

        Name = name;
        _twin1 = [.. twin1];
        _twin2 = [.. twin2];
    }

    /// <summary>The name, without the <c>_T1</c>/<c>_T2</c> suffix.</summary>
    public string Name { get; }

    /// <summary>Twin 1's values, one per pair.</summary>
    public IReadOnlyList<T> Twin1 => _twin1;

    /// <summary>Twin 2's values, one per pair.</summary>
    public IReadOnlyList<T> Twin2 => _twin2;

    internal T[] Twin1Array => _twin1;

    internal T[] Twin2Array => _twin2;

    internal TwinColumn<T> Subset(IReadOnlyList<int> rows) =>
        new(Name, rows.Select(r => _twin1[r]).ToArray(), rows.Select(r => _twin2[r]).ToArray());
}

/// <summary>
/// A table of twin pairs, one row per pair: zygosity, each twin's sex, the pair's age and ancestry, trait values and
/// (optionally) genotypes of both twins. It is the input of the estimators (<see cref="TwinCorrelations"/>,
/// <see cref="TwinModels"/>, <see cref="SnpAssociation"/>), whether it comes from a simulation or from a wide file
/// (<c>Sarcopenia.Sim.IO.TwinCsv</c>).
/// </summary>
public sealed class TwinPairs
{
    /// <summary>The largest number of copies of the coded allele a genotype can hold.</summary>
    public const byte MaxAlleleCount = 2;

    private readonly Zygosity[] _zygosity;
    private readonly Sex[] _sex1;
    private readonly Sex[] _sex2;
    private readonly double[] _age;
    private readonly Ancestry[] _ancestry;

    /// <summary>Creates the table, checking that every column has one value per pair and that the values are consistent.</summary>
    /// <param name="zygosity">Each pair's zygosity.</param>
    /// <param name="sex1">Twin 1's sex.</param>
    /// <param name="sex2">Twin 2's sex.</param>
    /// <param name="age">The pair's age in years (twins are measured at the same age).</param>
    /// <param name="ancestry">The pair's ancestry.</param>
    /// <param name="traits">At least one trait, each named once; every value finite.</param>
    /// <param name="genotypes">SNP genotypes (0, 1 or 2 copies of the coded allele), each named once; may be empty.</param>
    /// <exception cref="ArgumentException">A column's length differs, a name repeats, a trait value is not finite, a
    /// genotype is above 2, an age is negative or not finite, or a pair's sexes contradict its zygosity (monozygotic and
    /// same-sex dizygotic twins share their sex, opposite-sex twins do not); the message names the row and value.</exception>
    public TwinPairs(IReadOnlyList<Zygosity> zygosity, IReadOnlyList<Sex> sex1, IReadOnlyList<Sex> sex2, IReadOnlyList<double> age,
        IReadOnlyList<Ancestry> ancestry, IReadOnlyList<TwinColumn<double>> traits, IReadOnlyList<TwinColumn<byte>> genotypes)
    {
        ArgumentNullException.ThrowIfNull(zygosity);
        ArgumentNullException.ThrowIfNull(sex1);
        ArgumentNullException.ThrowIfNull(sex2);
        ArgumentNullException.ThrowIfNull(age);
        ArgumentNullException.ThrowIfNull(ancestry);
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(genotypes);
        int count = zygosity.Count;
        RequireLength(nameof(sex1), sex1.Count, count);
        RequireLength(nameof(sex2), sex2.Count, count);
        RequireLength(nameof(age), age.Count, count);
        RequireLength(nameof(ancestry), ancestry.Count, count);
        if (traits.Count == 0)
        {
            throw new ArgumentException("Twin pairs need at least one trait; none was given.", nameof(traits));
        }

        string[] names = [.. traits.Select(t => t.Name), .. genotypes.Select(g => g.Name)];
        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"The name '{repeated.Key}' is used by more than one trait or genotype; expected each name once.", nameof(traits));
        }

        foreach (TwinColumn<double> trait in traits)
        {
            RequireLength(trait.Name, trait.Twin1.Count, count);
            RequireAll(trait, v => double.IsFinite(v), "a finite number");
        }

        foreach (TwinColumn<byte> genotype in genotypes)
        {
            RequireLength(genotype.Name, genotype.Twin1.Count, count);
            RequireAll(genotype, v => v <= MaxAlleleCount, "a genotype of 0, 1 or 2 copies of the coded allele");
        }

        for (int row = 0; row < count; row++)
        {
            if (!double.IsFinite(age[row]) || age[row] < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Pair {row}: age {age[row]} is not allowed; expected a finite number of years, at least 0."), nameof(age));
            }

            bool sameSex = sex1[row] == sex2[row];
            if (sameSex != (zygosity[row] != Heritability.Zygosity.DizygoticOppositeSex))
            {
                throw new ArgumentException($"Pair {row}: a {zygosity[row]} pair of a {sex1[row]} and a {sex2[row]} twin is not allowed; expected "
                    + (sameSex ? "same-sex twins to be Monozygotic or DizygoticSameSex." : "opposite-sex twins to be DizygoticOppositeSex."), nameof(zygosity));
            }
        }

        _zygosity = [.. zygosity];
        _sex1 = [.. sex1];
        _sex2 = [.. sex2];
        _age = [.. age];
        _ancestry = [.. ancestry];
        Traits = [.. traits];
        Genotypes = [.. genotypes];
    }

    /// <summary>The number of pairs.</summary>
    public int Count => _zygosity.Length;

    /// <summary>Each pair's zygosity.</summary>
    public IReadOnlyList<Zygosity> Zygosity => _zygosity;

    /// <summary>Twin 1's sex.</summary>
    public IReadOnlyList<Sex> Sex1 => _sex1;

    /// <summary>Twin 2's sex.</summary>
    public IReadOnlyList<Sex> Sex2 => _sex2;

    /// <summary>Each pair's age in years.</summary>
    public IReadOnlyList<double> Age => _age;

    /// <summary>Each pair's ancestry.</summary>
    public IReadOnlyList<Ancestry> Ancestry => _ancestry;

    /// <summary>The traits, in file order.</summary>
    public IReadOnlyList<TwinColumn<double>> Traits { get; }

    /// <summary>The SNP genotypes, in file order; empty when there are none.</summary>
    public IReadOnlyList<TwinColumn<byte>> Genotypes { get; }

    internal Zygosity[] ZygosityArray => _zygosity;

    internal Sex[] Sex1Array => _sex1;

    internal Sex[] Sex2Array => _sex2;

    internal double[] AgeArray => _age;

    /// <summary>The number of pairs of the given zygosity.</summary>
    public int CountOf(Zygosity zygosity) => _zygosity.Count(z => z == zygosity);

    /// <summary>The trait called <paramref name="name"/> (case ignored), or the only trait when <paramref name="name"/> is <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">No trait has that name, or the name is left out although there are several traits; the message lists them.</exception>
    public TwinColumn<double> Trait(string? name)
    {
        if (name is null)
        {
            return Traits.Count == 1
                ? Traits[0]
                : throw new ArgumentException($"These pairs hold {Traits.Count} traits ({string.Join(", ", Traits.Select(t => t.Name))}); name the one to use.", nameof(name));
        }

        return Traits.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Trait '{name}' is not allowed; expected one of the traits these pairs hold: {string.Join(", ", Traits.Select(t => t.Name))}.", nameof(name));
    }

    /// <summary>The SNP called <paramref name="name"/> (case ignored).</summary>
    /// <exception cref="ArgumentException">No SNP has that name; the message lists them.</exception>
    public TwinColumn<byte> Genotype(string name) =>
        Genotypes.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"SNP '{name}' is not allowed; expected one of the SNPs these pairs hold: "
                + (Genotypes.Count == 0 ? "(none)" : string.Join(", ", Genotypes.Select(g => g.Name))) + ".", nameof(name));

    /// <summary>The pairs for which <paramref name="keep"/> holds, in order, with every column.</summary>
    /// <param name="keep">Given a row index, whether to keep that pair.</param>
    public TwinPairs Where(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        int[] rows = [.. Enumerable.Range(0, Count).Where(keep)];
        return new TwinPairs(
            [.. rows.Select(r => _zygosity[r])], [.. rows.Select(r => _sex1[r])], [.. rows.Select(r => _sex2[r])],
            [.. rows.Select(r => _age[r])], [.. rows.Select(r => _ancestry[r])],
            [.. Traits.Select(t => t.Subset(rows))], [.. Genotypes.Select(g => g.Subset(rows))]);
    }

    private static void RequireLength(string column, int length, int count)
    {
        if (length != count)
        {
            throw new ArgumentException($"Column '{column}' has {length} values; expected one per pair ({count}).", column);
        }
    }

    private static void RequireAll<T>(TwinColumn<T> column, Func<T, bool> allowed, string expected)
    {
        foreach ((string twin, T[] values) in new[] { ("T1", column.Twin1Array), ("T2", column.Twin2Array) })
        {
            int row = Array.FindIndex(values, v => !allowed(v));
            if (row >= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Pair {row}, {column.Name}_{twin}: {values[row]} is not allowed; expected {expected}."), column.Name);
            }
        }
    }
}
