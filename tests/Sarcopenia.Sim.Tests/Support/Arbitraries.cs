using FsCheck;
using FsCheck.Fluent;

namespace Sarcopenia.Sim.Tests.Support;

/// <summary>One person's measurements, as the classifier takes them.</summary>
public sealed record Measurements(Sex Sex, double AsmKg, double HeightM, double Bmi, double GripKg, double GaitMps)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Sex} ASM {AsmKg} kg, height {HeightM} m, BMI {Bmi}, grip {GripKg} kg, gait {GaitMps} m/s");
}

/// <summary>How much lower each measurement is in a second observation (each ≥ 0; zero in about a third of cases).</summary>
public sealed record Decrements(double AsmKg, double GripKg, double GaitMps);

/// <summary>FsCheck generators shared by the property tests (register with <c>Arbitrary = [typeof(Arbitraries)]</c>).</summary>
public static class Arbitraries
{
    /// <summary>Measurements spanning every shipped cut-off on both sides, including values exactly at a threshold.</summary>
    public static Arbitrary<Measurements> Measurements()
    {
        Gen<Measurements> gen =
            from sex in Gen.Elements(Sex.Female, Sex.Male)
            from asm in Around(3, 35, [5.5, 7.0, 7.26, 5.4])
            from height in Gen.Elements(1.0, 1.5, 1.62, 1.75, 1.9)
            from bmi in Gen.Elements(1.0, 18.5, 25.0, 32.0)
            from grip in Around(5, 60, [16, 18, 20, 26, 27, 28, 30])
            from gait in Around(0.2, 1.8, [0.8, 1.0])
            select new Measurements(sex, asm, height, bmi, grip, gait);
        return Arb.From(gen);
    }

    /// <summary>Non-negative decrements, often zero, sometimes tiny (one float step) and sometimes large.</summary>
    public static Arbitrary<Decrements> Decrements()
    {
        Gen<double> step = Gen.Frequency(
            (3, Gen.Constant(0.0)),
            (2, Gen.Constant(1e-6)),
            (5, Gen.Choose(1, 2000).Select(k => k / 100.0)));
        Gen<Decrements> gen =
            from a in step
            from g in step
            from v in step
            select new Decrements(a, g, v / 20);
        return Arb.From(gen);
    }

    /// <summary>Uniform values in [lo, hi], with the listed thresholds themselves drawn often.</summary>
    private static Gen<double> Around(double lo, double hi, double[] thresholds) => Gen.Frequency(
        (4, Gen.Choose(0, 100_000).Select(k => lo + ((hi - lo) * k / 100_000.0))),
        (1, Gen.Elements(thresholds)));
}
