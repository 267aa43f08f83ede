using System.Globalization;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Results;

namespace Sarcopenia.Sim.Projection;

/// <summary>
/// One replicate of a microsimulation projection: exact integer counts of simulated people by calendar year, age,
/// group and stage, and of transitions between stages (entering and death included), with their weighting to the
/// population projection.
/// </summary>
/// <remarks>
/// <para><b>Alignment</b> (docs/projection.md): in every calendar year, five-year age group (of the population table) and
/// sex, each simulated person alive weighs the projected people of the cell over the simulated people alive in it, so
/// weighted totals equal the population projection exactly while prevalences come from the simulation. This is weight
/// alignment (the "alignment by reweighting" of LIAM2 and JAS-mine, as opposed to selecting who experiences an event):
/// it changes no person's life, only what they stand for, and so absorbs migration, which the closed birth cohorts do
/// not have, and any gap between simulated and projected survival. Cells where nobody simulated is alive get weight 0
/// (<see cref="UnrepresentedPeople"/> counts the projected people there).</para>
/// <para><b>Stochastic error</b> of a weighted count: within a cell the simulated people are independent, so a weighted
/// count of cases has variance <c>W² · p(1 − p) / n</c> per cell (W projected people, n simulated, p the simulated share);
/// cells of one year are different birth cohorts, so their variances add (<see cref="CasesStochasticVariance"/>).</para>
/// </remarks>
public sealed class MicrosimResult
{
    private readonly MicrosimShape _shape;
    private readonly long[] _stages;
    private readonly long[] _transitions;

    // Weight of the simulated people of [year, population age group, sex]; 0 where nobody is simulated.
    private readonly double[] _weights;
    private readonly int[] _groupOfAge;

    internal MicrosimResult(MicrosimSetup setup, int replicate, MicrosimShape shape, long[] stages, long[] transitions, long simulatedPeople, long simulatedPersonYears, double[] strengthRatios, TimeSpan elapsed)
    {
        Setup = setup;
        Replicate = replicate;
        _shape = shape;
        _stages = stages;
        _transitions = transitions;
        SimulatedPeople = simulatedPeople;
        SimulatedPersonYears = simulatedPersonYears;
        InterventionStrengthRatios = strengthRatios;
        Elapsed = elapsed;
        IReadOnlyList<AgeGroup> groups = setup.Population.AgeGroups;
        _groupOfAge = [.. Enumerable.Range(0, setup.LastAge + 1).Select(age => Enumerable.Range(0, groups.Count).First(g => groups[g].Contains(age)))];
        _weights = new double[shape.Years * groups.Count * 2];
        for (int y = 0; y < shape.Years; y++)
        {
            foreach (Sex sex in (ReadOnlySpan<Sex>)[Sex.Female, Sex.Male])
            {
                for (int g = 0; g < groups.Count; g++)
                {
                    long simulated = 0;
                    double projected = 0;
                    for (int age = setup.FirstAge; age <= setup.LastAge; age++)
                    {
                        if (_groupOfAge[age] == g)
                        {
                            simulated += Alive(FirstYear + y, age, sex);
                            projected += setup.Population.AtAge(FirstYear + y, sex, age);
                        }
                    }

                    _weights[WeightIndex(y, g, sex)] = simulated > 0 ? projected / simulated : 0;
                    UnrepresentedPeople += simulated > 0 ? 0 : projected;
                }
            }
        }
    }

    /// <summary>
    /// A replicate from its exact counts, as <see cref="StageCounts"/> and <see cref="TransitionCounts"/> give them (read
    /// back from a partial projection file): weights, intervals and every query are those of the replicate that was run.
    /// </summary>
    /// <param name="setup">What was projected (the replicate's scenario, with its parameter draws).</param>
    /// <param name="replicate">The replicate's index.</param>
    /// <param name="stages">See <see cref="StageCounts"/>.</param>
    /// <param name="transitions">See <see cref="TransitionCounts"/>.</param>
    /// <param name="simulatedPeople">See <see cref="SimulatedPeople"/>.</param>
    /// <param name="simulatedPersonYears">See <see cref="SimulatedPersonYears"/>.</param>
    /// <param name="strengthRatios">See <see cref="InterventionStrengthRatios"/>.</param>
    /// <param name="elapsed">See <see cref="Elapsed"/>.</param>
    /// <exception cref="ArgumentException">A table's length is not the setup's, a count is negative, or the ratios are not one per intervention.</exception>
    public static MicrosimResult FromCounts(MicrosimSetup setup, int replicate, long[] stages, long[] transitions, long simulatedPeople, long simulatedPersonYears, IReadOnlyList<double> strengthRatios, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(strengthRatios);
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        ArgumentOutOfRangeException.ThrowIfNegative(simulatedPeople);
        ArgumentOutOfRangeException.ThrowIfNegative(simulatedPersonYears);
        var shape = new MicrosimShape(setup);
        Require(stages.Length == shape.StageCells, nameof(stages), $"has {stages.Length} counts where the setup's years, ages, groups and stages need {shape.StageCells}");
        Require(transitions.Length == shape.TransitionCells, nameof(transitions), $"has {transitions.Length} counts where the setup needs {shape.TransitionCells}");
        Require(!stages.Any(n => n < 0) && !transitions.Any(n => n < 0), nameof(stages), "holds a negative count");
        Require(strengthRatios.Count == setup.Interventions.Length, nameof(strengthRatios), $"has {strengthRatios.Count} ratios where the setup has {setup.Interventions.Length} interventions");
        return new MicrosimResult(setup, replicate, shape, [.. stages], [.. transitions], simulatedPeople, simulatedPersonYears, [.. strengthRatios], elapsed);

        static void Require(bool holds, string name, string problem)
        {
            if (!holds)
            {
                throw new ArgumentException($"{name} {problem}.", name);
            }
        }
    }

    /// <summary>
    /// The exact counts of simulated people alive, flat and row-major by [year − base year][age − first age][group][stage]
    /// (groups as <c>Results.ResultLayout</c> orders sex × ancestry; the five stages None … Severe).
    /// </summary>
    public ReadOnlySpan<long> StageCounts => _stages;

    /// <summary>
    /// The exact counts of transitions, flat and row-major by [year − base year][age − first age][sex][from][to], with six
    /// states: the five stages, then "entered" (as from) or "died" (as to).
    /// </summary>
    public ReadOnlySpan<long> TransitionCounts => _transitions;

    /// <summary>What was projected.</summary>
    public MicrosimSetup Setup { get; }

    /// <summary>The replicate's index.</summary>
    public int Replicate { get; }

    /// <summary>Simulated people, all birth cohorts together.</summary>
    public long SimulatedPeople { get; }

    /// <summary>Person-years the engine stepped, the years from the peak to entry included (the measure of its cost).</summary>
    public long SimulatedPersonYears { get; }

    /// <summary>This replicate's drawn strength ratio of each intervention, in the setup's order.</summary>
    public IReadOnlyList<double> InterventionStrengthRatios { get; }

    /// <summary>Projected people (summed over years) in cells where no simulated person was alive, so not represented (0 in a sound run).</summary>
    public double UnrepresentedPeople { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The base year.</summary>
    public int FirstYear => _shape.BaseYear;

    /// <summary>The horizon.</summary>
    public int LastYear => _shape.BaseYear + _shape.Years - 1;

    /// <summary>Simulated people alive at <paramref name="age"/> in <paramref name="year"/> in <paramref name="stage"/>, of <paramref name="sex"/> and <paramref name="ancestry"/> (all when <see langword="null"/>).</summary>
    public long Simulated(int year, int age, Stage stage, Sex? sex = null, Ancestry? ancestry = null)
    {
        long n = 0;
        for (int g = 0; g < ResultLayout.GroupCount; g++)
        {
            if ((sex is null || ResultLayout.SexOf(g) == sex) && (ancestry is null || ResultLayout.AncestryOf(g) == ancestry))
            {
                n += _stages[Cell(year, age, g, (int)stage)];
            }
        }

        return n;
    }

    /// <summary>Simulated people alive at <paramref name="age"/> in <paramref name="year"/>.</summary>
    public long Alive(int year, int age, Sex? sex = null)
    {
        long n = 0;
        for (int s = 0; s < MicrosimShape.StageCount; s++)
        {
            n += Simulated(year, age, (Stage)s, sex);
        }

        return n;
    }

    /// <summary>
    /// Simulated transitions in the year that ended at <paramref name="age"/> in <paramref name="year"/>: from last year's
    /// stage (<see langword="null"/> = entered the projection this year) to this year's (<see langword="null"/> = died).
    /// </summary>
    public long Transitions(int year, int age, Sex sex, Stage? from, Stage? to)
    {
        CheckYear(year);
        return _transitions[_shape.TransitionCell(year - FirstYear, age, (int)sex, from is Stage f ? (int)f : MicrosimShape.Entered, to is Stage t ? (int)t : MicrosimShape.Died)];
    }

    /// <summary>What one simulated person of <paramref name="sex"/> aged <paramref name="age"/> stands for in <paramref name="year"/>: the alignment weight.</summary>
    public double Weight(int year, int age, Sex sex)
    {
        CheckYear(year);
        return _weights[WeightIndex(year - FirstYear, _groupOfAge[age], sex)];
    }

    /// <summary>Projected people aged <paramref name="minimumAge"/> to <paramref name="maximumAge"/> (default: the simulated ages) in <paramref name="year"/>.</summary>
    public double People(int year, Sex? sex = null, int? minimumAge = null, int? maximumAge = null) =>
        Weighted(year, sex, minimumAge, maximumAge, (age, s) => Alive(year, age, s));

    /// <summary>Cases (people at <paramref name="atLeast"/> or a more advanced stage; default sarcopenia) weighted to the population.</summary>
    public double Cases(int year, Sex? sex = null, int? minimumAge = null, int? maximumAge = null, Stage atLeast = Stage.Sarcopenia) =>
        Weighted(year, sex, minimumAge, maximumAge, (age, s) => Sarcopenic(year, age, s, atLeast));

    /// <summary>People in exactly <paramref name="stage"/>, weighted.</summary>
    public double InStage(int year, Stage stage, Sex? sex = null, int? minimumAge = null, int? maximumAge = null, Ancestry? ancestry = null) =>
        Weighted(year, sex, minimumAge, maximumAge, (age, s) => Simulated(year, age, stage, s, ancestry));

    /// <summary>Cases over people.</summary>
    public double Prevalence(int year, Sex? sex = null, int? minimumAge = null, int? maximumAge = null, Stage atLeast = Stage.Sarcopenia)
    {
        double people = People(year, sex, minimumAge, maximumAge);
        return people > 0 ? Cases(year, sex, minimumAge, maximumAge, atLeast) / people : double.NaN;
    }

    /// <summary>The variance of <see cref="Cases"/> from the simulation's sampling alone (see the remarks).</summary>
    public double CasesStochasticVariance(int year, Sex? sex = null, int? minimumAge = null, int? maximumAge = null, Stage atLeast = Stage.Sarcopenia)
    {
        double variance = 0;
        foreach (Sex s in Sexes(sex))
        {
            for (int g = 0; g < Setup.Population.AgeGroups.Count; g++)
            {
                long n = 0, cases = 0;
                double projected = 0;
                foreach (int age in Ages(minimumAge, maximumAge).Where(a => _groupOfAge[a] == g))
                {
                    n += Alive(year, age, s);
                    cases += Sarcopenic(year, age, s, atLeast);
                    projected += Weight(year, age, s) * Alive(year, age, s);
                }

                if (n > 0)
                {
                    double p = (double)cases / n;
                    variance += projected * projected * p * (1 - p) / n;
                }
            }
        }

        return variance;
    }

    /// <summary>
    /// Prevalence standardised to <paramref name="standard"/> over the simulated ages from <paramref name="minimumAge"/>:
    /// the standard's groups' prevalences weighted by its weights, rescaled over the groups present.
    /// </summary>
    public double StandardisedPrevalence(int year, StandardPopulation standard, Sex? sex = null, int? minimumAge = null, Stage atLeast = Stage.Sarcopenia)
    {
        ArgumentNullException.ThrowIfNull(standard);
        var cases = new double[standard.Weights.Count];
        var people = new double[standard.Weights.Count];
        foreach (Sex s in Sexes(sex))
        {
            foreach (int age in Ages(minimumAge, null))
            {
                int k = StandardPopulation.GroupOf(age);
                double w = Weight(year, age, s);
                cases[k] += w * Sarcopenic(year, age, s, atLeast);
                people[k] += w * Alive(year, age, s);
            }
        }

        double sum = 0, weights = 0;
        for (int k = 0; k < cases.Length; k++)
        {
            if (people[k] > 0)
            {
                sum += standard.Weights[k] * cases[k] / people[k];
                weights += standard.Weights[k];
            }
        }

        return weights > 0 ? sum / weights : double.NaN;
    }

    /// <summary>
    /// New cases per 1,000 person-years in the year that ends in <paramref name="year"/>: people who were below
    /// <paramref name="atLeast"/> last year and reached it this year, over last year's people below it (those who died
    /// counted for half a year), weighted.
    /// </summary>
    public double IncidencePer1000(int year, Sex? sex = null, int? minimumAge = null, int? maximumAge = null, Stage atLeast = Stage.Sarcopenia)
    {
        double cases = 0, personYears = 0;
        foreach (Sex s in Sexes(sex))
        {
            foreach (int age in Ages(minimumAge, maximumAge))
            {
                double w = Weight(year, age, s);
                for (int from = 0; from < (int)atLeast; from++)
                {
                    for (int to = 0; to < MicrosimShape.StageCount; to++)
                    {
                        long n = Transitions(year, age, s, (Stage)from, (Stage)to);
                        personYears += w * n;
                        cases += to >= (int)atLeast ? w * n : 0;
                    }

                    personYears += w * Transitions(year, age, s, (Stage)from, null) / 2.0;
                }
            }
        }

        return personYears > 0 ? 1000 * cases / personYears : double.NaN;
    }

    /// <summary>Deaths in the year that ends in <paramref name="year"/> among people whose last stage was <paramref name="from"/> (all when <see langword="null"/>), weighted.</summary>
    public double Deaths(int year, Stage? from = null, Sex? sex = null, int? minimumAge = null, int? maximumAge = null)
    {
        double deaths = 0;
        foreach (Sex s in Sexes(sex))
        {
            foreach (int age in Ages(minimumAge, maximumAge))
            {
                double w = Weight(year, age, s);
                for (int f = 0; f < MicrosimShape.StageCount; f++)
                {
                    if (from is null || (int)from == f)
                    {
                        deaths += w * Transitions(year, age, s, (Stage)f, null);
                    }
                }
            }
        }

        return deaths;
    }

    /// <summary>A SHA-256 of every count (people by stage and transitions), in hex: equal exactly when the tables are equal bit for bit.</summary>
    public string CountsHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_stages.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_transitions.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Life-years lived without sarcopenia (below <paramref name="atLeast"/>) in <paramref name="year"/>: simulated people times the scale, not aligned, so that survival differences between arms count.</summary>
    public double LifeYearsWithout(int year, Sex? sex = null, int? minimumAge = null, Stage atLeast = Stage.Sarcopenia)
    {
        long n = 0;
        foreach (Sex s in Sexes(sex))
        {
            foreach (int age in Ages(minimumAge, null))
            {
                n += Alive(year, age, s) - Sarcopenic(year, age, s, atLeast);
            }
        }

        return n * Setup.Scale;
    }

    /// <summary>The population table's five-year age groups within the simulated ages, with their label (<see cref="AgeBandOf"/>) and their first and last simulated age.</summary>
    public IReadOnlyList<(string Label, int Low, int High)> AgeBands()
    {
        var bands = new List<(string Label, int Low, int High)>();
        int age = Setup.FirstAge;
        while (age <= Setup.LastAge)
        {
            int high = age;
            while (high + 1 <= Setup.LastAge && _groupOfAge[high + 1] == _groupOfAge[age])
            {
                high++;
            }

            bands.Add((AgeBandOf(age), age, high));
            age = high + 1;
        }

        return bands;
    }

    /// <summary>The ages of the population table's age group that holds <paramref name="age"/>, within the simulated ages, as a label (<c>65-69</c>, <c>100+</c>).</summary>
    public string AgeBandOf(int age)
    {
        AgeGroup group = Setup.Population.AgeGroups[_groupOfAge[age]];
        int low = Math.Max(group.Low, Setup.FirstAge);
        return group.High is int high
            ? (low == high ? low.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{low}-{Math.Min(high, Setup.LastAge)}"))
            : string.Create(CultureInfo.InvariantCulture, $"{low}+");
    }

    private long Sarcopenic(int year, int age, Sex sex, Stage atLeast)
    {
        long n = 0;
        for (int s = (int)atLeast; s < MicrosimShape.StageCount; s++)
        {
            n += Simulated(year, age, (Stage)s, sex);
        }

        return n;
    }

    private double Weighted(int year, Sex? sex, int? minimumAge, int? maximumAge, Func<int, Sex, long> count)
    {
        double total = 0;
        foreach (Sex s in Sexes(sex))
        {
            foreach (int age in Ages(minimumAge, maximumAge))
            {
                total += Weight(year, age, s) * count(age, s);
            }
        }

        return total;
    }

    private IEnumerable<int> Ages(int? minimumAge, int? maximumAge)
    {
        int first = Math.Max(Setup.FirstAge, minimumAge ?? Setup.FirstAge);
        int last = Math.Min(Setup.LastAge, maximumAge ?? Setup.LastAge);
        return first <= last ? Enumerable.Range(first, last - first + 1) : [];
    }

    private static Sex[] Sexes(Sex? sex) => sex is Sex one ? [one] : [Sex.Female, Sex.Male];

    private int Cell(int year, int age, int group, int stage)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(age, Setup.FirstAge);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(age, Setup.LastAge);
        return _shape.StageCell(year - FirstYear, age, group, stage);
    }

    private int WeightIndex(int yearIndex, int group, Sex sex) => ((yearIndex * Setup.Population.AgeGroups.Count) + group) * 2 + (int)sex;

    private void CheckYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
    }
}
