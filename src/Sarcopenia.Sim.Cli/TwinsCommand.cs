using System.CommandLine;
using System.Globalization;
using System.Text;
using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim twins [scenario.json] --pairs N --ages 40,60,80</c>: simulates twin pairs through the life course,
/// prints the ACE fit (a², c², e² with profile intervals) of each trait by age and sex, and writes the wide twin file
/// that OpenMx and umx read (<c>--out</c>) and the heritability charts (<c>--charts</c>).
/// </summary>
internal static class TwinsCommand
{
    // Enough pairs for a² to about ±0.03 by age and sex (a third of the pairs are of each zygosity).
    private const long DefaultPairs = 20_000;

    // Each zygosity needs TwinModels.MinimumPairsPerZygosity pairs for a fit; a third of the pairs are of each.
    private const long MinimumPairs = 3 * TwinModels.MinimumPairsPerZygosity;

    // Beyond this the pairs' traits no longer fit comfortably in memory (four traits, each age, both twins).
    private const long MaximumPairs = 50_000_000;

    private static readonly int[] s_defaultAges = [40, 60, 80];

    public static Command Create(CliContext context)
    {
        var input = new ScenarioInput();
        var pairs = CliOptions.Count("--pairs", null, $"Twin pairs to simulate (default {DefaultPairs:N0}; a third each monozygotic, same-sex and opposite-sex dizygotic, unless the scenario's cohort.families says otherwise).", MinimumPairs, MaximumPairs);
        var ages = new Option<string?>("--ages") { Description = "The ages at which the twins are measured, ascending, comma-separated (default 40,60,80)." };
        var traits = new Option<string?>("--traits") { Description = $"The traits to fit, comma-separated, from {string.Join(",", Simulation.TwinTraits)} (default: all)." };
        var threads = CliOptions.Count("--threads", null, "Worker threads (default: every core). Results do not depend on it.", 1, RunCommand.MaxThreads);
        var vectorBits = CliOptions.MaxVectorBits();
        var noIntervals = new Option<bool>("--no-intervals") { Description = "Skip the profile-likelihood confidence intervals (faster)." };
        var output = new Option<string?>("--out", "-o") { Description = "The wide twin CSV to write (zygosity, sex_T1, sex_T2, age, ancestry, <trait>_T1/_T2 and genotype columns, one row per pair and age), as OpenMx and umx read it." };
        var charts = new Option<string?>("--charts") { Description = "A folder to draw heritability by age (with intervals, by sex) and the MZ/DZ scatter of each trait into, as PNG; created if missing." };
        var command = new Command("twins", "Simulate twin pairs through the life course and print the heritability (ACE fit with intervals) of ASM, ASM index, grip and gait by age and sex; write the OpenMx/umx wide file and charts.");
        input.AddTo(command, withOverrides: false);
        command.Options.Add(input.Seed);
        command.Options.Add(input.Preset);
        command.Options.Add(pairs);
        command.Options.Add(ages);
        command.Options.Add(traits);
        command.Options.Add(threads);
        command.Options.Add(vectorBits);
        command.Options.Add(noIntervals);
        command.Options.Add(output);
        command.Options.Add(charts);
        command.SetAction((parse, cancellation) =>
        {
            int[] measured = ParseAges(parse.GetValue(ages));
            string[] fitted = ParseTraits(parse.GetValue(traits));
            string? chartFolder = parse.GetValue(charts);
            if (parse.GetValue(output) is { } csv && Path.GetDirectoryName(Path.GetFullPath(csv)) is { } parent && !Directory.Exists(parent))
            {
                throw new OutputDirectoryException($"--out {csv} cannot be written: its folder does not exist; create it first or choose another --out.");
            }

            if (chartFolder is not null)
            {
                ImageFolder.Prepare(chartFolder);
            }

            Scenario scenario = input.Load(parse);

            // Without a scenario, a registry of one ancestry, as the Danish, Swedish and British registries behind the
            // published figures are (the default scenario's mix would add ancestries' mean differences to c²).
            CohortSpec cohort = TwinCohort(parse.GetValue(input.File) is null ? scenario.Cohort with { Ancestry = AncestryMix.European } : scenario.Cohort, parse.GetValue(pairs));
            if (measured[0] < cohort.StartAge || measured[^1] > cohort.EndAge)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--ages {string.Join(",", measured)} is not allowed; expected ages within the cohort's, {cohort.StartAge} to {cohort.EndAge}."));
            }

            var options = new RunOptions { Threads = (int?)parse.GetValue(threads), MaxVectorBits = parse.GetValue(vectorBits), Cancellation = cancellation };
            TwinPairs data = Simulation.SimulateTwins(scenario.Model, cohort, scenario.Seed, measured, options);
            context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Name} ({cohort.Ancestry.Name}): {cohort.Families!.Count:N0} twin pairs ({data.CountOf(Zygosity.Monozygotic):N0} MZ, {data.CountOf(Zygosity.DizygoticSameSex):N0} DZ same-sex, {data.CountOf(Zygosity.DizygoticOppositeSex):N0} DZ opposite-sex pair-ages with both twins alive), seed {scenario.Seed}"));
            // Within ancestry when there are several: their mean differences are neither genes nor a shared family environment.
            var grouping = new TwinGrouping { BySex = true, ByAncestry = data.Ancestry.Distinct().Skip(1).Any(), AgeBandEdges = [.. measured.Select(a => (double)a)] };
            foreach (string trait in fitted)
            {
                var fitOptions = new TwinFitOptions { Trait = trait, Intervals = !parse.GetValue(noIntervals) };
                IReadOnlyList<TwinSubsetFit> fits = TwinModels.FitBy(data, grouping, [TwinModel.Ace], fitOptions);
                Print(context, trait, fits);
                if (chartFolder is not null)
                {
                    ChartExport.SavePng(HeritabilityCharts.ByAgeBand(fits), Path.Combine(chartFolder, $"heritability-{trait}.png"));
                    ChartExport.SavePng(HeritabilityCharts.Scatter(data.Where(r => data.Age[r] == measured[0]), trait), Path.Combine(chartFolder, $"twin-scatter-{trait}-{measured[0]}.png"));
                }
            }

            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.Write(path, stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
                    TwinCsv.Write(data, writer);
                });
                context.WriteLine($"wrote {path}");
            }

            if (chartFolder is not null)
            {
                context.WriteLine($"wrote charts into {chartFolder}");
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>The scenario's cohort holding only its twin pairs: its families (or a third of each zygosity), with <paramref name="pairs"/> families if given.</summary>
    private static CohortSpec TwinCohort(CohortSpec cohort, long? pairs)
    {
        FamilySpec families = cohort.Families is { } given
            ? given with { Count = pairs ?? given.Count }
            : FamilySpec.TwinPairs(pairs ?? DefaultPairs);
        return cohort with { Families = families, People = Math.Max(1, families.Members) };
    }

    private static void Print(CliContext context, string trait, IReadOnlyList<TwinSubsetFit> fits)
    {
        TableBorder border = context.Console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii;
        bool byAncestry = fits.Any(f => f.Subset.Ancestry is not null);
        var table = new Table().Border(border).Title($"{trait}: ACE (95% profile CI)").AddColumn("Age").AddColumn("Sex")
            .AddColumn(new TableColumn("MZ").RightAligned()).AddColumn(new TableColumn("DZ").RightAligned())
            .AddColumn(new TableColumn("a2").RightAligned()).AddColumn(new TableColumn("c2").RightAligned()).AddColumn(new TableColumn("e2").RightAligned());
        if (byAncestry)
        {
            table.AddColumn("Ancestry");
        }

        foreach (TwinSubsetFit fit in fits.OrderBy(f => f.Subset.Ancestry).ThenBy(f => f.Subset.AgeLow).ThenBy(f => f.Subset.Sex))
        {
            TwinPairs pairs = fit.Subset.Pairs;
            string[] components = fit.Models?.Fits.FirstOrDefault(f => f.Model == TwinModel.Ace) is { } ace
                ? [.. new[] { VarianceComponent.Additive, VarianceComponent.SharedEnvironment, VarianceComponent.UniqueEnvironment }.Select(c => ace[c] is { } e ? TwinsFitCommand.Estimate(e) : "0")]
                : [$"skipped: {fit.Skipped}", "", ""];
            string[] row = [
                fit.Subset.AgeLow?.ToString("0", CultureInfo.InvariantCulture) ?? "all",
                fit.Subset.Sex?.ToString() ?? "both",
                pairs.CountOf(Zygosity.Monozygotic).ToString("N0", CultureInfo.InvariantCulture),
                pairs.CountOf(Zygosity.DizygoticSameSex).ToString("N0", CultureInfo.InvariantCulture),
                .. components];
            table.AddRow([.. row.Select(Markup.Escape), .. byAncestry ? [Markup.Escape(fit.Subset.Ancestry?.ToString() ?? "")] : Array.Empty<string>()]);
        }

        context.Console.Write(table);
    }

    private static int[] ParseAges(string? text)
    {
        if (text is null)
        {
            return s_defaultAges;
        }

        int[] ages = [.. text.Split(',').Select(a => int.TryParse(a.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : -1)];
        return ages.All(a => a >= 0) && ages.Zip(ages.Skip(1)).All(p => p.First < p.Second)
            ? ages
            : throw new UsageException($"--ages {text} is not allowed; expected whole ages in strictly ascending order, comma-separated, e.g. 40,60,80.");
    }

    private static string[] ParseTraits(string? text)
    {
        if (text is null)
        {
            return [.. Simulation.TwinTraits];
        }

        string[] traits = [.. text.Split(',').Select(t => t.Trim().ToLowerInvariant())];
        string[] unknown = [.. traits.Where(t => !Simulation.TwinTraits.Contains(t))];
        return unknown.Length == 0 && traits.Distinct().Count() == traits.Length
            ? traits
            : throw new UsageException($"--traits {text} is not allowed; expected each once from {string.Join(",", Simulation.TwinTraits)}, comma-separated, e.g. grip,asm.");
    }
}
