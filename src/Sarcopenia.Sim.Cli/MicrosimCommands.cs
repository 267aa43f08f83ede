using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sarcopenia.Sim.Demography;
using Sarcopenia.Sim.Fitting;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Projection;
using Sarcopenia.Sim.Scenarios;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// The microsimulation projection's side of the tool: <c>sarcosim project [file]</c> without <c>--prevalence</c>, and
/// <c>sarcosim compare baseline.json scenario.json</c>. Files are projection files (scenario files with a population
/// section, docs/scenario-files.md); without one, the embedded default projection: Japan 2020–2050 at 1:1,000
/// (<c>Scenarios/default-projection.json</c>).
/// </summary>
internal static class MicrosimCommands
{
    public const string SummaryFile = "summary.csv";
    public const string StagesFile = "stages.csv";
    public const string TransitionsFile = "transitions.csv";
    public const string ComparisonFile = "comparison.csv";
    public const string ManifestFile = "manifest.json";

    // Replicates when neither the file nor --replicates gives a number: enough for rough 2.5/97.5 % points in seconds.
    private const int DefaultReplicates = 20;

    // The printed summary shows the base year, every tenth year and the horizon.
    private const int PrintStep = 10;

    public static Option<long?> Replicates { get; } = CliOptions.Count("--replicates", "-r", $"Monte Carlo replicates, each with its own derived seed and parameter draws (default: the file's, else {DefaultReplicates}).", 1, 10_000);

    public static Option<bool> Parquet { get; } = new("--parquet") { Description = "Also write stages.parquet and transitions.parquet (the same tables typed, for R's arrow and pandas) into --out." };

    public static Option<double?> Scale { get; } = new("--scale") { Description = "Real people per simulated person (overrides population.scale), e.g. 1000 for 1:1000, 1 for full scale." };

    /// <summary>Reads the projection file (or the default), with the options that override it.</summary>
    public static ProjectionFile Load(string? path, ParseResult parse)
    {
        ProjectionFile file = path is null
            ? ProjectionFile.Parse(DefaultProjectionJson(), DefaultProjectionName, Directory.GetCurrentDirectory())
            : File.Exists(path) ? ProjectionFile.Load(path) : throw new UsageException($"scenario {path} is not allowed; expected an existing projection or scenario file (no file has that name).");
        // As for 'run': the model's description says what the file changed from its preset (lists it replaced included).
        Scenario described = ScenarioDescription.Describe(file.Scenario, []);
        file = file with { Scenario = described, Setup = file.Setup with { Scenario = described } };
        if (parse.GetValue(Scale) is double scale)
        {
            if (!(scale >= 1 && scale <= 1e9))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--scale {scale} is not allowed; expected a number from 1 to 1e9 (real people per simulated person)."));
            }

            file = file with { Setup = file.Setup with { Scale = scale } };
        }

        return file;
    }

    /// <summary>How errors and summaries name the embedded default projection.</summary>
    public const string DefaultProjectionName = "default projection";

    /// <summary>The embedded default projection file's text: Japan 2020–2050 at 1:1,000.</summary>
    public static string DefaultProjectionJson()
    {
        using Stream stream = typeof(MicrosimCommands).Assembly.GetManifestResourceStream("Sarcopenia.Sim.Cli.default-projection.json")
            ?? throw new InvalidOperationException("The embedded default projection is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static int ReplicatesOf(ProjectionFile file, ParseResult parse) => (int)(parse.GetValue(Replicates) ?? file.Replicates ?? DefaultReplicates);

    /// <summary><c>sarcosim project [file]</c>: runs the replicates, writes the tables if asked, prints the summary.</summary>
    public static int Project(CliContext context, ProjectionFile file, int replicates, string? outputFolder, bool replace, bool parquet, string source, CancellationToken cancellation)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        ProjectionRuns runs = ProjectionRuns.Run(file.Setup, replicates, Draws(file, replicates, source), new RunOptions { Cancellation = cancellation });
        if (outputFolder is not null)
        {
            OutputDirectory.Publish(outputFolder, replace, staging =>
            {
                RunOutputs.WriteText(staging, SummaryFile, writer => MicrosimCsv.WriteSummary(runs, writer), cancellation);
                RunOutputs.WriteText(staging, StagesFile, writer => MicrosimCsv.WriteStages(runs, writer), cancellation);
                RunOutputs.WriteText(staging, TransitionsFile, writer => MicrosimCsv.WriteTransitions(runs, writer), cancellation);
                string[] written = [SummaryFile, StagesFile, TransitionsFile];
                if (parquet)
                {
                    foreach (string table in (string[])[StagesFile, TransitionsFile])
                    {
                        string name = Path.ChangeExtension(table, ".parquet");
                        ParquetTables.FromCsv(Path.Combine(staging, table), Path.Combine(staging, name));
                        written = [.. written, name];
                    }
                }

                WriteManifest(staging, file, replicates, started, "microsimulation", written, cancellation);
            });
        }

        MicrosimResult first = runs.Replicates[0];
        int older = Math.Max(MicrosimCsv.OlderAge, file.Setup.FirstAge);
        Table table = ListCommands.NewTable(context.Console)
            .Title(Markup.Escape($"Sarcopenia aged {older}+ in {file.Setup.Population.Location.Label} under {file.Scenario.Model.Definition.Name}, microsimulation (millions; means and 2.5-97.5 % points over {replicates} replicates; share = prevalence; MC = share of the variance that is Monte Carlo error)"))
            .AddColumn("Year")
            .AddColumn(new TableColumn("People").RightAligned())
            .AddColumn(new TableColumn("Women").RightAligned())
            .AddColumn(new TableColumn("Men").RightAligned())
            .AddColumn(new TableColumn("Cases").RightAligned())
            .AddColumn(new TableColumn("95 %").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned())
            .AddColumn(new TableColumn("MC").RightAligned());
        foreach (int year in Years(first))
        {
            Interval both = runs.Cases(year, null, older);
            table.AddRow(
                year.ToString(CultureInfo.InvariantCulture),
                Millions(first.People(year, null, older)),
                Millions(runs.Cases(year, Sex.Female, older).Mean),
                Millions(runs.Cases(year, Sex.Male, older).Mean),
                Millions(both.Mean),
                Range(both),
                runs.Prevalence(year, null, older).Mean.ToString("P1", CultureInfo.InvariantCulture),
                double.IsNaN(both.StochasticShare) ? "" : both.StochasticShare.ToString("P0", CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        Describe(context, file, runs.Replicates, replicates);
        context.WriteLine(file.Uncertainty.Count == 0
            ? "intervals: Monte Carlo error only (no parameter has a distribution); stochastic share = the binomial sampling variance over the replicates' variance"
            : $"intervals: Monte Carlo error and {file.Uncertainty.Count} parameter(s) drawn per replicate; stochastic share = expected within-draw variance over the total, the rest is parametric");
        context.WriteLine(outputFolder is null ? "files: none (add --out DIR to write summary.csv, stages.csv, transitions.csv and manifest.json)" : $"files: {outputFolder}");
        return ExitCodes.Success;
    }

    public static Command Compare(CliContext context)
    {
        var baseline = new Argument<string>("baseline") { Description = "The baseline's projection file." };
        var scenario = new Argument<string>("scenario") { Description = "The scenario's projection file: the same scenario, population and years, with interventions." };
        var output = new Option<string?>("--out", "-o") { Description = "Write comparison.csv and manifest.json into this folder." };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder if it exists." };
        var command = new Command("compare", "Compare a projection with interventions against its baseline on common random numbers: cases averted and life-years without sarcopenia gained, with paired intervals.");
        command.Arguments.Add(baseline);
        command.Arguments.Add(scenario);
        foreach (Option option in (Option[])[Replicates, Scale, output, force])
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellation) =>
        {
            string? folder = parse.GetValue(output);
            bool replace = parse.GetValue(force);
            if (folder is not null)
            {
                OutputDirectory.EnsureCanPublish(folder, replace);
            }

            ProjectionFile b = Load(parse.GetValue(baseline), parse);
            ProjectionFile s = Load(parse.GetValue(scenario), parse);
            int replicates = ReplicatesOf(b, parse);
            DateTimeOffset started = DateTimeOffset.UtcNow;
            ProjectionComparison comparison = ProjectionComparison.Run(b.Setup, s.Setup, replicates, Draws(b, replicates, Path.GetFileName(parse.GetValue(baseline)!)), new RunOptions { Cancellation = cancellation });
            if (folder is not null)
            {
                OutputDirectory.Publish(folder, replace, staging =>
                {
                    RunOutputs.WriteText(staging, ComparisonFile, writer => MicrosimCsv.WriteComparison(comparison, writer), cancellation);
                    WriteManifest(staging, s, replicates, started, "microsimulation comparison", [ComparisonFile], cancellation);
                });
            }

            MicrosimResult first = comparison.Baseline.Replicates[0];
            int older = Math.Max(MicrosimCsv.OlderAge, b.Setup.FirstAge);
            Table table = ListCommands.NewTable(context.Console)
                .Title(Markup.Escape($"{string.Join(" + ", s.Setup.Interventions.Select(i => i.Name).DefaultIfEmpty("no intervention"))} against the baseline, {s.Setup.Population.Location.Label}, aged {older}+ (means and 2.5-97.5 % points of paired differences over {replicates} replicates)"))
                .AddColumn("Year")
                .AddColumn(new TableColumn("Cases, baseline, M").RightAligned())
                .AddColumn(new TableColumn("Cases averted, M").RightAligned())
                .AddColumn(new TableColumn("Life-years without sarcopenia gained since the base year, M").RightAligned());
            foreach (int year in Years(first))
            {
                table.AddRow(year.ToString(CultureInfo.InvariantCulture), Band(comparison.Baseline.Cases(year, null, older)),
                    Band(comparison.CasesAverted(year, null, older)), Band(comparison.LifeYearsGained(year, null, older)));
            }

            context.Console.Write(table);
            Describe(context, s, comparison.Baseline.Replicates, replicates);
            context.WriteLine($"interventions: added to the model's {s.Scenario.Model.Mechanisms.Length} mechanisms (none replaced); " + string.Join("; ", s.Setup.Interventions.Select(i => $"{i.Name}{StagesOf(i, s.Scenario.Model.Definition)} ({i.Source})")));
            context.WriteLine(folder is null ? "files: none (add --out DIR to write comparison.csv and manifest.json)" : $"files: {folder}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static ReplicateDraws? Draws(ProjectionFile file, int replicates, string source) =>
        file.Uncertainty.Count > 0 ? ParameterDraws.Draw(file.Scenario, file.Uncertainty, replicates, source) : null;

    private static IEnumerable<int> Years(MicrosimResult r) =>
        Enumerable.Range(r.FirstYear, r.LastYear - r.FirstYear + 1).Where(y => y == r.FirstYear || y == r.LastYear || y % PrintStep == 0);

    private static void Describe(CliContext context, ProjectionFile file, IReadOnlyList<MicrosimResult> results, int replicates)
    {
        MicrosimSetup s = file.Setup;
        long simulated = results[0].SimulatedPeople;
        double seconds = results.Sum(r => r.Elapsed.TotalSeconds);
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"population: {s.Population.Location.Label}, {s.Population.Description}; {s.BaseYear}-{s.Horizon}, ages {s.FirstAge}-{s.LastAge} ({s.LastAge}: the open group), 1 simulated person : {s.Scale:N0} people ({simulated:N0} simulated per replicate, {replicates} replicates)"));
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine: {results.Sum(r => r.SimulatedPersonYears) / 1e6:N1} M person-years in {seconds:N1} s ({results.Sum(r => r.SimulatedPersonYears) / seconds / 1e6:N0} M person-years/s)"));
        if (ScenarioDescription.ChangesOf(file.Scenario) is string changes)
        {
            context.WriteLine($"model: changed from the {file.Scenario.BasedOn} preset: {changes}");
        }

        context.WriteLine("method: birth cohorts on the engine, deaths by cohort life tables from the period tables, weights aligned to the population projection by year, five-year age group and sex (docs/projection.md)");
        context.WriteLine($"source: {s.Population.Source}");
    }

    private static void WriteManifest(string directory, ProjectionFile file, int replicates, DateTimeOffset started, string method, string[] files, CancellationToken cancellation)
    {
        MicrosimSetup s = file.Setup;
        var manifest = new MicrosimManifest(
            RunManifest.VersionOf(typeof(SarcosimCli).Assembly),
            RunManifest.VersionOf(typeof(Simulation).Assembly),
            method,
            file.Scenario.Name,
            file.Scenario.Model.Definition.Name,
            file.Scenario.Seed,
            s.Population.Location.Label,
            s.Population.Description,
            s.BaseYear,
            s.Horizon,
            s.Scale,
            replicates,
            [.. file.Uncertainty.Select(u => $"{u.Path}: {u.Kind}({u.A}, {u.B}{(u.Kind == DistributionKind.Triangular ? $", {u.C}" : "")})")],
            [.. s.Interventions.Select(i => $"{i.Name}: SMD {i.StrengthSmd} (SE {i.StrengthSmdSe}), coverage {i.Coverage}, adherence {i.Adherence}, ages {i.MinAge}-{i.MaxAge}{StagesOf(i, file.Scenario.Model.Definition)}, from {i.StartYear ?? s.BaseYear}; {i.Source}")],
            [s.Population.Source, s.LifeTables.Source, .. s.Population.Location.Kind == LocationKind.Union ? [s.Population.Location.Source] : Array.Empty<string>()],
            started,
            [.. files.Select(f => OutputFileInfo.Of(Path.Combine(directory, f)) with { Name = f })]);
        RunOutputs.WriteText(directory, ManifestFile, writer => writer.Write(JsonSerializer.Serialize(manifest, ScenarioJson.Options) + "\n"), cancellation);
    }

    /// <summary>", stages Possible, Sarcopenia" for an intervention by stage (in the definition's words), else nothing.</summary>
    private static string StagesOf(Intervention intervention, Staging.SarcopeniaDefinition definition) =>
        intervention.Stages.Length > 0 ? $", stages {string.Join(", ", intervention.Stages.Select(definition.NameOf))}" : "";

    private static string Millions(double people) => (people / 1e6).ToString("F2", CultureInfo.InvariantCulture);

    private static string Range(Interval i) => string.Create(CultureInfo.InvariantCulture, $"{i.Lower / 1e6:F2}-{i.Upper / 1e6:F2}");

    // Escaped: the table reads cells as markup, where brackets are tags.
    private static string Band(Interval i) =>
        Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{i.Mean / 1e6:F2} ({i.Lower / 1e6:F2}-{i.Upper / 1e6:F2})"));
}

/// <summary>What <c>sarcosim project</c> (microsimulation) or <c>sarcosim compare</c> wrote and from what.</summary>
internal sealed record MicrosimManifest(
    string ToolVersion, string LibraryVersion, string Method, string Scenario, string Definition, ulong Seed, string Population, string PopulationTable,
    int BaseYear, int Horizon, double Scale, int Replicates, IReadOnlyList<string> Uncertainty, IReadOnlyList<string> Interventions,
    IReadOnlyList<string> Sources, DateTimeOffset StartedUtc, IReadOnlyList<OutputFileInfo> Files);
