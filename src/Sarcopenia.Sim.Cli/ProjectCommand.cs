using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Projection;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// <c>sarcosim project</c>: projects cases of sarcopenia over calendar years. With <c>--prevalence</c>, the spreadsheet
/// method (an age–sex prevalence table times a population projection); without it, the microsimulation projection of
/// a projection file (<see cref="MicrosimCommands"/>), sharing the output options.
/// </summary>
internal static class ProjectCommand
{
    public const string CasesFile = "cases.csv";
    public const string SummaryFile = "summary.csv";
    public const string ManifestFile = "manifest.json";

    // Ethgen et al. 2017's projection (EU-28, 2016 to 2045), the published table the spreadsheet method reproduces.
    private const string DefaultPopulation = "EU-28";
    private const int DefaultFrom = 2016;
    private const int DefaultTo = 2045;

    // The summary prints the first year, every fifth year after it that WPP tabulates, and the last year.
    private const int SummaryStep = 5;

    public static Command Create(CliContext context)
    {
        // Options every mode shares: where, which variant, which years, where the files go.
        var population = new Option<string?>("--population") { Description = $"The country, area or aggregate, by name or UN code ('sarcosim populations' lists them), or EU-27, EU-28; default {DefaultPopulation} (Ethgen et al. 2017). With --population-file, which of the file's locations to use." };
        var populationFile = new Option<string?>("--population-file") { Description = "Use your own population table (long CSV: country,year,sex,age,population; docs/projection.md) instead of WPP 2019." };
        var variant = CliOptions.Choice("--variant", "WPP 2019's projection variant after 2020: Medium (default), Low or High.", PopulationVariant.Medium, PopulationVariant.Medium, PopulationVariant.Low, PopulationVariant.High);
        var from = CliOptions.Count("--from", null, $"The first calendar year (default {DefaultFrom}).", 1, 9999);
        var to = CliOptions.Count("--to", null, $"The last calendar year (default {DefaultTo}).", 1, 9999);
        var output = new Option<string?>("--out", "-o") { Description = "Write cases.csv, summary.csv and manifest.json into this folder (its parent must exist); without it only the summary is printed." };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder if it exists (only once the new files are complete)." };

        // The spreadsheet method's own option.
        var prevalence = new Option<string?>("--prevalence") { Description = "Apply this age-sex prevalence table (CSV: sex,age_low,age_high,prevalence; prevalence as 0.125 or 12.5%) to the population projection: the spreadsheet method." };

        var file = new Argument<string?>("scenario") { Description = "A projection file (a scenario file with a population section; docs/scenario-files.md). Without it: the embedded default, Japan 2020-2050 (AWGS 2019, East Asian ancestry) at 1:1000 with 20 replicates.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("project", "Project cases over calendar years from a population projection (WPP 2019 or your own table): "
            + "the microsimulation of a projection file, with intervals over replicates; or, with --prevalence, the spreadsheet method, a fixed age-sex prevalence table times the population.");
        command.Arguments.Add(file);
        foreach (Option option in (Option[])[prevalence, MicrosimCommands.Replicates, MicrosimCommands.Scale, MicrosimCommands.Shard, MicrosimCommands.Parquet, population, populationFile, variant, from, to, output, force])
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellation) =>
        {
            string? prevalenceFile = parse.GetValue(prevalence);
            string? outputFolder = parse.GetValue(output);
            bool replace = parse.GetValue(force);
            if (outputFolder is not null)
            {
                OutputDirectory.EnsureCanPublish(outputFolder, replace);
            }

            if (prevalenceFile is null)
            {
                foreach (Option spreadsheetOnly in (Option[])[population, populationFile, variant, from, to])
                {
                    if (parse.GetResult(spreadsheetOnly) is { Implicit: false, IdentifierToken: not null } given)
                    {
                        throw new UsageException($"{given.IdentifierToken.Value} is not allowed without --prevalence; the microsimulation takes its population and years from the projection file's population section (docs/scenario-files.md).");
                    }
                }

                if (parse.GetValue(MicrosimCommands.Parquet) && outputFolder is null)
                {
                    throw new UsageException("--parquet is not allowed without --out; expected --out DIR, the folder the tables are written to.");
                }

                string? path = parse.GetValue(file);
                ProjectionFile projectionFile = MicrosimCommands.Load(path, parse);
                int replicates = MicrosimCommands.ReplicatesOf(projectionFile, parse);
                string name = path is null ? MicrosimCommands.DefaultProjectionName : Path.GetFileName(path);
                if (parse.GetValue(MicrosimCommands.Shard) is { } unit)
                {
                    return parse.GetValue(MicrosimCommands.Parquet)
                        ? throw new UsageException($"--parquet is not allowed with --shard {unit}; a unit writes only its partial projection file: ask 'sarcosim merge --parquet' for the tables.")
                        : Task.FromResult(MicrosimCommands.RunUnit(context, [(projectionFile, MicrosimCommands.ResolvedText(path, parse.GetValue(MicrosimCommands.Scale), replicates), name)], replicates, unit, outputFolder, replace, cancellation));
                }

                return Task.FromResult(MicrosimCommands.Project(context, projectionFile, replicates, outputFolder, replace, parse.GetValue(MicrosimCommands.Parquet), name, cancellation));
            }

            if (parse.GetValue(file) is string givenScenario)
            {
                throw new UsageException($"scenario {givenScenario} is not allowed with --prevalence; the spreadsheet method takes no scenario (drop one of them).");
            }

            if (parse.GetValue(MicrosimCommands.Shard) is { } spreadsheetUnit)
            {
                throw new UsageException($"--shard {spreadsheetUnit} is not allowed with --prevalence; the spreadsheet method has no replicates to split (drop one of them).");
            }

            PrevalenceTable table = PrevalenceCsv.Read(ExistingFile("--prevalence", prevalenceFile));
            PopulationTable people = Population(parse.GetValue(population), parse.GetValue(populationFile), parse.GetValue(variant));
            int first = (int)(parse.GetValue(from) ?? DefaultFrom);
            int last = (int)(parse.GetValue(to) ?? DefaultTo);
            CheckYears(people, first, last);
            CaseProjection projection = SpreadsheetProjection.Project(table, people, first, last);

            if (outputFolder is not null)
            {
                DateTimeOffset started = DateTimeOffset.UtcNow;
                OutputDirectory.Publish(outputFolder, replace, staging => Write(staging, projection, prevalenceFile, parse.GetValue(variant), started, cancellation));
            }

            Print(context, projection, outputFolder);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string ExistingFile(string option, string path) =>
        File.Exists(path) ? path : throw new UsageException($"{option} {path} is not allowed; expected an existing CSV file (no file has that name).");

    private static PopulationTable Population(string? name, string? file, PopulationVariant variant)
    {
        if (file is not null)
        {
            IReadOnlyList<PopulationTable> tables = DemographyCsv.ReadPopulation(ExistingFile("--population-file", file));
            if (name is null)
            {
                return tables.Count == 1
                    ? tables[0]
                    : throw new UsageException($"--population-file {file} holds {tables.Count} locations ({string.Join(", ", tables.Select(t => t.Location.Name))}); choose one with --population.");
            }

            return tables.FirstOrDefault(t => Wpp2019.TryFindLocation(name, out Location? l) && l == t.Location)
                ?? throw new UsageException($"--population {name} is not allowed; expected one of the locations in {file}: {string.Join(", ", tables.Select(t => t.Location.Name))}.");
        }

        try
        {
            return Wpp2019.Population(Wpp2019.FindLocation(name ?? DefaultPopulation), variant);
        }
        catch (ArgumentException e)
        {
            // The library's message names the value and what is allowed; the option is named as typed.
            throw new UsageException($"{(e.ParamName == "variant" ? "--variant" : "--population")} {e.Message[..e.Message.LastIndexOf(" (Parameter", StringComparison.Ordinal)]}");
        }
    }

    private static void CheckYears(PopulationTable people, int first, int last)
    {
        string range = string.Create(CultureInfo.InvariantCulture, $"a year from {people.FirstYear} to {people.LastYear} (the years of {people.Location.Label}'s population)");
        if (first < people.FirstYear || first > people.LastYear)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--from {first} is not allowed; expected {range}."));
        }

        if (last < people.FirstYear || last > people.LastYear)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--to {last} is not allowed; expected {range}."));
        }

        if (last < first)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--to {last} is not allowed; expected a year no earlier than --from {first}."));
        }
    }

    private static void Write(string directory, CaseProjection projection, string prevalenceFile, PopulationVariant variant, DateTimeOffset started, CancellationToken cancellation)
    {
        RunOutputs.WriteText(directory, CasesFile, writer => ProjectionCsv.WriteCases(projection, writer), cancellation);
        RunOutputs.WriteText(directory, SummaryFile, writer => ProjectionCsv.WriteSummary(projection, writer), cancellation);
        var manifest = new ProjectionManifest(
            RunManifest.VersionOf(typeof(SarcosimCli).Assembly),
            RunManifest.VersionOf(typeof(Simulation).Assembly),
            "spreadsheet",
            projection.Population.Location.Label,
            projection.Population.Description,
            projection.Population.Location.Kind == LocationKind.Union || projection.Population.Source == Wpp2019.Citation ? variant.ToString() : null,
            projection.FirstYear,
            projection.LastYear,
            prevalenceFile,
            [projection.Population.Source, .. projection.Population.Location.Kind == LocationKind.Union ? [projection.Population.Location.Source] : Array.Empty<string>(), projection.Prevalence.Source],
            started,
            [OutputFileInfo.Of(Path.Combine(directory, CasesFile)) with { Name = CasesFile }, OutputFileInfo.Of(Path.Combine(directory, SummaryFile)) with { Name = SummaryFile }]);
        RunOutputs.WriteText(directory, ManifestFile, writer => writer.Write(JsonSerializer.Serialize(manifest, ScenarioJson.Options) + "\n"), cancellation);
    }

    private static void Print(CliContext context, CaseProjection projection, string? outputFolder)
    {
        int first = projection.FirstYear, last = projection.LastYear;
        int[] years = [.. Enumerable.Range(first, last - first + 1).Where(y => y == first || y == last || y % SummaryStep == 0)];
        double baseCases = projection.Cases(first, minimumAge: SpreadsheetProjection.OlderAge);
        double basePeople = projection.People(first, minimumAge: SpreadsheetProjection.OlderAge);
        Table table = ListCommands.NewTable(context.Console)
            .Title(Markup.Escape($"Cases aged {SpreadsheetProjection.OlderAge}+ in {projection.Population.Location.Label} (women, men, all; share of people {SpreadsheetProjection.OlderAge}+), spreadsheet method"))
            .AddColumn("Year")
            .AddColumn(new TableColumn($"People {SpreadsheetProjection.OlderAge}+").RightAligned())
            .AddColumn(new TableColumn("Women").RightAligned())
            .AddColumn(new TableColumn("Men").RightAligned())
            .AddColumn(new TableColumn("Cases").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned())
            .AddColumn(new TableColumn($"People vs {first}").RightAligned())
            .AddColumn(new TableColumn($"Cases vs {first}").RightAligned());
        foreach (int year in years)
        {
            double people = projection.People(year, minimumAge: SpreadsheetProjection.OlderAge);
            double cases = projection.Cases(year, minimumAge: SpreadsheetProjection.OlderAge);
            table.AddRow(
                year.ToString(CultureInfo.InvariantCulture),
                Millions(people),
                Millions(projection.Cases(year, Sex.Female, SpreadsheetProjection.OlderAge)),
                Millions(projection.Cases(year, Sex.Male, SpreadsheetProjection.OlderAge)),
                Millions(cases),
                (cases / people).ToString("P1", CultureInfo.InvariantCulture),
                Change(people, basePeople),
                Change(cases, baseCases));
        }

        context.Console.Write(table);
        context.WriteLine($"population: {projection.Population.Location.Label}, {projection.Population.Description}");
        context.WriteLine($"prevalence: {projection.Prevalence.Name} ({projection.Prevalence.Bands.Length} age-sex bands)");
        context.WriteLine($"source: {projection.Source}");
        context.WriteLine(outputFolder is null ? "files: none (add --out DIR to write cases.csv, summary.csv and manifest.json)" : $"files: {outputFolder}");
    }

    private static string Millions(double people) => (people / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " M";

    private static string Change(double value, double baseline) =>
        baseline > 0 ? (value / baseline - 1).ToString("+0.0 %;-0.0 %;0.0 %", CultureInfo.InvariantCulture) : "";
}

/// <summary>What <c>sarcosim project --out DIR</c> wrote and from what, for <c>DIR/manifest.json</c>.</summary>
/// <param name="ToolVersion">The tool's version.</param>
/// <param name="LibraryVersion">The library's version.</param>
/// <param name="Method">The projection method, <c>spreadsheet</c>.</param>
/// <param name="Population">The location, with its UN code when it has one.</param>
/// <param name="PopulationTable">What the population table is.</param>
/// <param name="Variant">WPP 2019's variant, or <see langword="null"/> for a user's table.</param>
/// <param name="From">The first year.</param>
/// <param name="To">The last year.</param>
/// <param name="Prevalence">The prevalence file as given.</param>
/// <param name="Sources">The citations of the data (WPP 2019's licence asks for it), the union's member list and the prevalences.</param>
/// <param name="StartedUtc">When the command started.</param>
/// <param name="Files">The other files, with size and SHA-256.</param>
internal sealed record ProjectionManifest(
    string ToolVersion, string LibraryVersion, string Method, string Population, string PopulationTable, string? Variant, int From, int To,
    string Prevalence, IReadOnlyList<string> Sources, DateTimeOffset StartedUtc, IReadOnlyList<OutputFileInfo> Files);
