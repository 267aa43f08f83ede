using System.CommandLine;
using System.Globalization;
using System.Text;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.IO;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim twins-fit FILE.csv [--trait T] [--by sex,ageband,ancestry] [--age-bands 40,60,80] [--models ACE,AE,…]</c>:
/// reads a wide twin file (the format OpenMx and umx read), prints the twin correlations and the table of
/// variance-component models for every subgroup, and writes that table as CSV.
/// </summary>
internal static class TwinsFitCommand
{
    private const string Sex = "sex";
    private const string AgeBand = "ageband";
    private const string Ancestry = "ancestry";

    // Without --age-bands, bands are decades: wide enough for a few hundred pairs each in a typical registry sample.
    private const int DefaultBandYears = 10;

    private static readonly TwinModel[] s_defaultModels = [TwinModel.Ace, TwinModel.Ade, TwinModel.Ae, TwinModel.Ce, TwinModel.E];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The wide twin CSV: zygosity, sex_T1, sex_T2, age, ancestry and <trait>_T1, <trait>_T2 columns (docs/heritability.md)." };
        var trait = new Option<string?>("--trait") { Description = "The trait to fit (the stem of its _T1/_T2 columns); needed when the file holds several." };
        var by = new Option<string?>("--by") { Description = $"Fit separately by {Sex}, {AgeBand} and/or {Ancestry}, comma-separated, e.g. {Sex},{AgeBand}." };
        var ageBands = new Option<string?>("--age-bands") { Description = $"The age bands' lower edges, ascending, e.g. 40,60,80 (the last band is open); by default decades from the youngest pair's. Implies --by {AgeBand}." };
        var models = new Option<string?>("--models") { Description = $"The models to fit, comma-separated, from {string.Join(",", s_defaultModels.Select(m => m.Name()))} (the default: all)." };
        var means = CliOptions.Choice("--means", "What the mean depends on: Common, Sex (the default) or SexAndAge.", MeanModel.Sex, Enum.GetValues<MeanModel>());
        var noIntervals = new Option<bool>("--no-intervals") { Description = "Skip the profile-likelihood confidence intervals (faster for many subgroups)." };
        var output = new Option<string?>("--out", "-o") { Description = "The CSV file to write the model table to; by default FILE with .fit.csv in place of .csv." };
        var command = new Command("twins-fit", "Fit ACE, ADE, AE, CE and E twin models by maximum likelihood to a wide twin file (as OpenMx/umx read), print the model table with intervals, -2LL, AIC and likelihood-ratio tests, and write it as CSV.");
        command.Arguments.Add(file);
        command.Options.Add(trait);
        command.Options.Add(by);
        command.Options.Add(ageBands);
        command.Options.Add(models);
        command.Options.Add(means);
        command.Options.Add(noIntervals);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path} does not exist; give a wide twin CSV file (docs/heritability.md describes its columns).");
            }

            TwinModel[] fitted = ParseModels(parse.GetValue(models));
            HashSet<string> groups = ParseBy(parse.GetValue(by));
            IReadOnlyList<double>? edges = ParseEdges(parse.GetValue(ageBands));
            TwinPairs data = TwinCsv.Read(path);
            string traitName = Trait(data, parse.GetValue(trait), path);
            var grouping = new TwinGrouping
            {
                BySex = groups.Contains(Sex),
                ByAncestry = groups.Contains(Ancestry),
                AgeBandEdges = edges ?? (groups.Contains(AgeBand) ? Decades(data) : []),
            };
            var options = new TwinFitOptions { Trait = traitName, Means = parse.GetValue(means), Intervals = !parse.GetValue(noIntervals) };
            IReadOnlyList<TwinSubsetFit> fits = TwinModels.FitBy(data, grouping, fitted, options);
            foreach (TwinSubsetFit fit in fits)
            {
                Print(context, traitName, fit);
            }

            string outputPath = parse.GetValue(output) ?? Path.ChangeExtension(path, null) + ".fit.csv";
            AtomicFile.Write(outputPath, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
                TwinFitCsv.Write(fits, writer);
            });
            context.WriteLine($"wrote {outputPath}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(CliContext context, string trait, TwinSubsetFit fit)
    {
        TwinPairs pairs = fit.Subset.Pairs;
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{trait}, {fit.Subset.Label}: {pairs.CountOf(Zygosity.Monozygotic):N0} MZ, {pairs.CountOf(Zygosity.DizygoticSameSex):N0} DZ same-sex, {pairs.CountOf(Zygosity.DizygoticOppositeSex):N0} DZ opposite-sex pairs"));
        foreach (TwinCorrelation r in fit.Correlations)
        {
            context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  r {Short(r.Zygosity)} = {r.Correlation:0.000} (95% CI {r.Lower:0.000} to {r.Upper:0.000}, {r.Pairs:N0} pairs)"));
        }

        if (TwinCorrelations.Falconer(fit.Correlations) is { } falconer)
        {
            context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Falconer: h2 = {falconer.A:0.000}, c2 = {falconer.C:0.000}, e2 = {falconer.E:0.000}"));
        }

        if (fit.Models is not { } table)
        {
            context.WriteLine($"  skipped: {fit.Skipped}.");
            return;
        }

        // Two narrow tables rather than one wide one, so that neither wraps on an 80-column terminal (or a redirected one).
        TableBorder border = context.Console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii;
        VarianceComponent[] shown = [.. Enum.GetValues<VarianceComponent>().Where(c => table.Fits.Any(f => f[c] is not null))];
        var estimates = new Table().Border(border).Title("Standardized components (95% profile CI)").AddColumn("Model");
        foreach (VarianceComponent component in shown)
        {
            estimates.AddColumn(new TableColumn($"{char.ToLowerInvariant(component.Letter())}2").RightAligned());
        }

        var tests = new Table().Border(border).Title("Fit and likelihood-ratio tests").AddColumn("Model");
        foreach (string column in new[] { "-2LL", "AIC", "vs", "chi2 (df)", "p", "p bound." })
        {
            tests.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (TwinFit model in table.Fits)
        {
            string name = model.Model.Name() + (model == table.Best ? " *" : "");
            estimates.AddRow([Markup.Escape(name), .. shown.Select(c => Markup.Escape(model[c] is { } e ? Estimate(e) : "0\n(fixed)"))]);
            string[] comparison = table.FirstComparison(model.Model) is { } c
                ? [c.Against.Name(), string.Create(CultureInfo.InvariantCulture, $"{c.Test.Statistic:0.00} ({c.Test.DegreesOfFreedom})"), P(c.Test.P), P(c.Test.BoundaryP)]
                : ["", "", "", ""];
            tests.AddRow([Markup.Escape(name), model.MinusTwoLogLikelihood.ToString("0.00", CultureInfo.InvariantCulture), model.Aic.ToString("0.00", CultureInfo.InvariantCulture),
                .. comparison.Select(Markup.Escape)]);
        }

        context.Console.Write(estimates);
        context.Console.Write(tests);
        context.WriteLine("  * lowest AIC. p bound.: the mixture of chi2 distributions that holds for variances tested on their boundary (Self & Liang 1987).");
    }

    /// <summary>A component's share with its interval below it (when intervals were computed), as the tables print it.</summary>
    internal static string Estimate(VarianceEstimate e) =>
        double.IsNaN(e.Lower)
            ? e.Proportion.ToString("0.000", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{e.Proportion:0.000}\n({e.Lower:0.000}-{e.Upper:0.000})");

    // Below 1e-15 the χ² tail is lost to rounding in 1 − CDF: say so rather than print a false zero.
    private static string P(double p) => p switch
    {
        < 1e-15 => "<1e-15",
        < 1e-4 => p.ToString("0.0e+0", CultureInfo.InvariantCulture),
        _ => p.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    private static string Short(Zygosity zygosity) => zygosity switch
    {
        Zygosity.Monozygotic => "MZ",
        Zygosity.DizygoticSameSex => "DZ",
        _ => "DZOS",
    };

    private static string Trait(TwinPairs data, string? name, string path)
    {
        string traits = string.Join(", ", data.Traits.Select(t => t.Name));
        if (name is null)
        {
            return data.Traits.Count == 1 ? data.Traits[0].Name : throw new UsageException($"{path} holds the traits {traits}; name one with --trait.");
        }

        return data.Traits.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))?.Name
            ?? throw new UsageException($"--trait {name} is not allowed; expected one of the traits in {path}: {traits}.");
    }

    private static TwinModel[] ParseModels(string? text)
    {
        if (text is null)
        {
            return s_defaultModels;
        }

        try
        {
            TwinModel[] models = [.. text.Split(',').Select(TwinModelInfo.Parse)];
            return models.Distinct().Count() == models.Length
                ? models
                : throw new UsageException($"--models {text} is not allowed; expected each model once.");
        }
        catch (ArgumentException)
        {
            throw new UsageException($"--models {text} is not allowed; expected a comma-separated list from {string.Join(",", s_defaultModels.Select(m => m.Name()))}, e.g. ACE,AE.");
        }
    }

    private static HashSet<string> ParseBy(string? text)
    {
        HashSet<string> groups = text is null ? [] : [.. text.Split(',').Select(g => g.Trim().ToLowerInvariant())];
        string[] unknown = [.. groups.Where(g => g is not (Sex or AgeBand or Ancestry))];
        return unknown.Length == 0
            ? groups
            : throw new UsageException($"--by {text} is not allowed; expected a comma-separated list from {Sex}, {AgeBand}, {Ancestry}, e.g. {Sex},{AgeBand}.");
    }

    private static double[]? ParseEdges(string? text)
    {
        if (text is null)
        {
            return null;
        }

        double[] edges = [.. text.Split(',').Select(e => double.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : double.NaN)];
        return edges.All(double.IsFinite) && edges.Zip(edges.Skip(1)).All(p => p.First < p.Second)
            ? edges
            : throw new UsageException($"--age-bands {text} is not allowed; expected ages in strictly ascending order, comma-separated, e.g. 40,60,80.");
    }

    private static double[] Decades(TwinPairs data)
    {
        double first = Math.Floor(data.Age.Min() / DefaultBandYears) * DefaultBandYears, last = data.Age.Max();
        return [.. Enumerable.Range(0, (int)((last - first) / DefaultBandYears) + 1).Select(i => first + i * DefaultBandYears)];
    }
}
