namespace Sarcopenia.Sim.Tests.Support;

/// <summary>
/// An independent, straightforward scalar implementation of the reference workload RW1, written from
/// docs/reference-workload.md alone, in double precision with <see cref="Random"/> (tests only). Results are compared
/// with the engine statistically, never bit for bit.
/// </summary>
internal sealed class Rw1Reference
{
    /// <summary>RW1 stage numbering 0..3 mapped to the library's stages.</summary>
    public static readonly Stage[] Stages = [Stage.None, Stage.Presarcopenia, Stage.Sarcopenia, Stage.Severe];

    private const int FirstAge = 30;
    private const int LastAge = 100;

    private readonly double[,] _sum = new double[LastAge - FirstAge + 1, 2];
    private readonly double[,] _sumOfSquares = new double[LastAge - FirstAge + 1, 2];
    private readonly long[,,] _stages = new long[LastAge - FirstAge + 1, 2, 4];

    private Rw1Reference(int peoplePerSex) => PeoplePerSex = peoplePerSex;

    /// <summary>People simulated of each sex.</summary>
    public int PeoplePerSex { get; }

    /// <summary>Runs <paramref name="peoplePerSex"/> women and as many men from 30 to 100.</summary>
    public static Rw1Reference Run(int peoplePerSex, int seed)
    {
        var result = new Rw1Reference(peoplePerSex);
        var random = new Random(seed);
        foreach (Sex sex in new[] { Sex.Female, Sex.Male })
        {
            bool female = sex == Sex.Female;
            double height = female ? 1.62 : 1.75;
            double lambda = female ? 0.008 : 0.010;
            double massCut = female ? 5.5 : 7.0;
            double gripCut = female ? 16 : 27;
            for (int i = 0; i < peoplePerSex; i++)
            {
                double asm0 = female ? Normal(random, 17.0, 2.2) : Normal(random, 25.5, 3.2);
                double grip0 = female ? Normal(random, 31, 5) : Normal(random, 49, 7);
                double gait0 = Normal(random, 1.35, 0.15);
                double rate = Math.Clamp(Math.Exp(Math.Log(0.015) + (0.35 * MonteCarlo.StandardNormal(random))), 0.01, 0.05);
                double asm = asm0;
                for (int age = FirstAge; age <= LastAge; age++)
                {
                    if (age > FirstAge)
                    {
                        double acc = 1 + (female && age >= 50 ? 0.5 : 0) + (age >= 70 ? 0.5 : 0);
                        double e = MonteCarlo.StandardNormal(random);
                        double loss = Math.Min(rate * acc * Math.Exp((0.25 * e) - 0.03125), 0.2);
                        asm *= 1 - loss;
                    }

                    double q = Math.Exp(-lambda * (age - 30));
                    double grip = grip0 * (asm / asm0) * q;
                    double gait = gait0 * Math.Sqrt(grip / grip0);
                    bool lowMass = asm / (height * height) < massCut;
                    bool lowStrength = grip < gripCut;
                    bool lowPerformance = gait <= 0.8;
                    int stage = !lowMass ? 0 : !lowStrength ? 1 : !lowPerformance ? 2 : 3;

                    int row = age - FirstAge;
                    result._sum[row, (int)sex] += asm;
                    result._sumOfSquares[row, (int)sex] += asm * asm;
                    result._stages[row, (int)sex, stage]++;
                }
            }
        }

        return result;
    }

    /// <summary>Mean and SD of ASM at <paramref name="age"/>.</summary>
    public (double Mean, double Sd) Asm(int age, Sex sex)
    {
        double mean = _sum[age - FirstAge, (int)sex] / PeoplePerSex;
        double variance = (_sumOfSquares[age - FirstAge, (int)sex] / PeoplePerSex) - (mean * mean);
        return (mean, Math.Sqrt(Math.Max(variance, 0)));
    }

    /// <summary>Share of people at <paramref name="age"/> in RW1 stage <paramref name="stage"/> (0..3).</summary>
    public double Prevalence(int age, Sex sex, int stage) => (double)_stages[age - FirstAge, (int)sex, stage] / PeoplePerSex;

    private static double Normal(Random random, double mean, double sd) => mean + (sd * MonteCarlo.StandardNormal(random));
}
