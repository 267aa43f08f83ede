using Sarcopenia.Sim.Common;
using Sarcopenia.Sim.Parameters;

namespace Sarcopenia.Sim.Demography;

/// <summary>
/// A period life table: the usual <c>q(x)</c>, the probability that a person alive at exact age <c>x</c> dies before
/// age <c>x + 1</c>, given at knot ages and interpolated linearly in <c>ln q</c> between them (mortality rises roughly
/// exponentially with age, so log-linear interpolation is the Gompertz-consistent choice). The year that ends at age
/// <c>a</c> uses <c>q(a − 1)</c>.
/// </summary>
/// <param name="Name">Identifier, e.g. <c>UnitedStates2021</c>.</param>
/// <param name="Source">Citation of the table.</param>
/// <param name="Ages">Knot ages, strictly increasing.</param>
/// <param name="Female">Annual probability of death for women at each knot.</param>
/// <param name="Male">Annual probability of death for men at each knot.</param>
public sealed record LifeTable(string Name, string Source, EquatableArray<double> Ages, EquatableArray<double> Female, EquatableArray<double> Male)
{
    /// <summary>The annual probability of death for <paramref name="sex"/> at <paramref name="age"/>.</summary>
    public double ProbabilityOfDeath(Sex sex, double age)
    {
        ReadOnlySpan<double> q = (sex == Sex.Female ? Female : Male).AsSpan();
        if (age <= Ages[0])
        {
            return q[0];
        }

        for (int i = 1; i < Ages.Length; i++)
        {
            if (age <= Ages[i])
            {
                double t = (age - Ages[i - 1]) / (Ages[i] - Ages[i - 1]);
                return Math.Exp(Math.Log(q[i - 1]) + t * (Math.Log(q[i]) - Math.Log(q[i - 1])));
            }
        }

        return q[^1];
    }

    internal void Validate(ParameterValidator v, string path)
    {
        if (Ages.Length == 0 || Female.Length != Ages.Length || Male.Length != Ages.Length)
        {
            v.Fail(path, "(malformed table)", "ages, female and male arrays of the same, non-zero length");
            return;
        }

        for (int i = 0; i < Ages.Length; i++)
        {
            v.Range($"{path}.ages[{i}]", Ages[i], 0, 150);
            if (i > 0 && !(Ages[i] > Ages[i - 1]))
            {
                v.Fail($"{path}.ages[{i}]", ParameterValidator.Format(Ages[i]), "an age greater than the previous knot");
            }

            // q must be positive for log interpolation; 1 is allowed (certain death in the last interval).
            v.Positive($"{path}.female[{i}]", Female[i], 1);
            v.Positive($"{path}.male[{i}]", Male[i], 1);
        }
    }
}

/// <summary>Life tables shipped with the library, each with its source.</summary>
public static class LifeTables
{
    /// <summary>
    /// United States, 2021 (NCHS, United States Life Tables 2021, NVSR 72(12), Tables 2–3), single-year <c>q_x</c>
    /// at the knot ages, as transcribed in the science fact sheet (epidemiology §7).
    /// </summary>
    public static LifeTable UnitedStates2021 { get; } = new(
        "UnitedStates2021",
        "NCHS United States Life Tables, 2021 (NVSR 72(12), Tables 2-3); single-year qx",
        [30, 40, 50, 60, 65, 70, 75, 80, 85, 90, 95, 99, 100],
        [0.001111, 0.002048, 0.003935, 0.008703, 0.012041, 0.017475, 0.027933, 0.046336, 0.079149, 0.137893, 0.225991, 0.312227, 1.0],
        [0.002569, 0.003772, 0.006679, 0.014341, 0.019576, 0.026908, 0.040497, 0.063954, 0.104319, 0.175874, 0.272559, 0.359544, 1.0]);

    /// <summary>
    /// China, 2015–2020 (UN World Population Prospects 2024, period 5mx, via PPgp/wpp2024 data-raw/mxM5.txt and
    /// mxF5.txt), converted to annual probabilities <c>q = 1 − exp(−m)</c> at the middle of each five-year band.
    /// </summary>
    public static LifeTable China2015To2020 { get; } = new(
        "China2015To2020",
        "UN WPP 2024, China 2015-2020 period 5mx (PPgp/wpp2024 data-raw/mxM5.txt, mxF5.txt); annual q = 1 - exp(-m) at band midpoints",
        [32.5, 37.5, 42.5, 47.5, 52.5, 57.5, 62.5, 67.5, 72.5, 77.5, 82.5, 87.5, 92.5, 97.5],
        [.. new[] { 0.00061, 0.00075, 0.00115, 0.00168, 0.00274, 0.00386, 0.00697, 0.01194, 0.02121, 0.03718, 0.07029, 0.12255, 0.21537, 0.35918 }.Select(m => 1 - Math.Exp(-m))],
        [.. new[] { 0.00106, 0.00132, 0.00222, 0.00347, 0.00580, 0.00833, 0.01485, 0.02323, 0.03711, 0.06014, 0.10358, 0.17260, 0.29298, 0.51176 }.Select(m => 1 - Math.Exp(-m))]);

    /// <summary>Every shipped table.</summary>
    public static IReadOnlyList<LifeTable> All { get; } = [UnitedStates2021, China2015To2020];

    /// <summary>Finds a table by name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No table has that name; the message lists the names allowed.</exception>
    public static LifeTable Get(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown life table \"{name}\"; expected one of: {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
}

/// <summary>
/// Mortality that adds up: in the year from age <c>a − 1</c> to <c>a</c> a living person dies with probability
/// <c>q₀(a − 1) · HR</c> if last year's (measured) stage was <see cref="Stage.Sarcopenia"/> or <see cref="Stage.Severe"/>,
/// else <c>q₀(a − 1)</c>. The baseline <c>q₀ = q / (1 + p · (HR − 1))</c> is scaled at every age so that the population's
/// deaths reproduce the life table's <c>q</c>, where <c>p</c> is the simulated share sarcopenic among the living (the
/// approach of DYNAMO-HIA, Boshuizen 2012; life-course fact sheet §6): the hazard ratio moves deaths towards people with
/// sarcopenia instead of adding deaths on top of the table.
/// </summary>
/// <param name="Table">The life table, or <see langword="null"/> for no deaths.</param>
/// <param name="SarcopeniaHazardRatio">Hazard ratio for people with sarcopenia under a definition not listed in <see cref="HazardRatios"/>.</param>
public sealed record Mortality(LifeTable? Table, double SarcopeniaHazardRatio)
{
    /// <summary>Nobody dies (the reference workload).</summary>
    public static Mortality None { get; } = new(null, 1.0);

    /// <summary>Hazard ratios for particular definitions (matched by name), each with its source.</summary>
    public EquatableArray<DefinitionHazardRatio> HazardRatios { get; init; }

    /// <summary>The hazard ratio that applies under <paramref name="definition"/> (its own entry, else <see cref="SarcopeniaHazardRatio"/>).</summary>
    public double HazardRatioFor(string definition) =>
        HazardRatios.FirstOrDefault(h => string.Equals(h.Definition, definition, StringComparison.OrdinalIgnoreCase))?.HazardRatio ?? SarcopeniaHazardRatio;

    // Hazard ratios outside 0.1–20 are far beyond any published estimate for sarcopenia (pooled 1.5–3.6).
    private const double MinHazardRatio = 0.1;
    private const double MaxHazardRatio = 20;

    internal void Validate(ParameterValidator v, string path)
    {
        Table?.Validate(v, $"{path}.table");
        v.Range($"{path}.sarcopeniaHazardRatio", SarcopeniaHazardRatio, MinHazardRatio, MaxHazardRatio);
        for (int i = 0; i < HazardRatios.Length; i++)
        {
            if (HazardRatios[i] is not { } h)
            {
                v.Fail($"{path}.hazardRatios[{i}]", "null", "a definition's hazard ratio");
                continue;
            }

            if (string.IsNullOrWhiteSpace(h.Definition))
            {
                v.Fail($"{path}.hazardRatios[{i}].definition", $"\"{h.Definition}\"", "a definition's name");
            }
            else if (HazardRatios.Take(i).Any(o => string.Equals(o?.Definition, h.Definition, StringComparison.OrdinalIgnoreCase)))
            {
                v.Fail($"{path}.hazardRatios[{i}].definition", h.Definition, "a definition not listed before");
            }

            v.Range($"{path}.hazardRatios[{i}].hazardRatio", h.HazardRatio, MinHazardRatio, MaxHazardRatio);
        }
    }
}

/// <summary>The all-cause mortality hazard ratio of sarcopenia under one definition.</summary>
/// <param name="Definition">The definition's name, e.g. <c>EWGSOP2</c>.</param>
/// <param name="HazardRatio">The hazard ratio.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record DefinitionHazardRatio(string Definition, double HazardRatio, string Source);
