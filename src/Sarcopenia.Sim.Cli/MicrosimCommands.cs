using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    public static Option<ShardSpec?> Shard { get; } = CliOptions.Shard("--shard", "Run only work unit k of N (k/N, 0-based): replicates floor(k*R/N) up to floor((k+1)*R/N) of the R, into a partial projection file in --out DIR, for 'sarcosim merge'; the units add up to the single run bit for bit.");

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

    /// <summary>
    /// The projection a work unit ran, as a projection file's text that needs nothing else: the file (or the default)
    /// with its table paths made absolute, <c>--scale</c> and the replicate count written in. Reading it back with
    /// <see cref="FromText"/> gives the projection <see cref="Load"/> gave, which the projection hash checks.
    /// </summary>
    public static string ResolvedText(string? path, double? scale, int replicates)
    {
        string text = path is null ? DefaultProjectionJson() : File.ReadAllText(path);
        string folder = path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var root = (JsonObject)JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        foreach (string field in (string[])["file", "lifeTables"])
        {
            if (root["population"] is JsonObject section && section[field] is JsonValue value && value.TryGetValue(out string? relative))
            {
                section[field] = Path.GetFullPath(Path.Combine(folder, relative));
            }
        }

        if (scale is double given)
        {
            if (root["population"] is not JsonObject population)
            {
                root["population"] = population = [];
            }

            population["scale"] = given;
        }

        root["replicates"] = replicates;
        return root.ToJsonString(ScenarioJson.Options);
    }

    /// <summary>Reads a projection back from the text <see cref="ResolvedText"/> wrote, named <paramref name="name"/> as the original was.</summary>
    public static ProjectionFile FromText(string text, string name)
    {
        ProjectionFile file = ProjectionFile.Parse(text, name, Directory.GetCurrentDirectory());
        Scenario described = ScenarioDescription.Describe(file.Scenario, []);
        return file with { Scenario = described, Setup = file.Setup with { Scenario = described } };
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

    /// <summary>The replicates to run: <c>--replicates</c> if given (and <paramref name="parse"/> is given), else the file's, else the default.</summary>
    public static int ReplicatesOf(ProjectionFile file, ParseResult? parse) => (int)(parse?.GetValue(Replicates) ?? file.Replicates ?? DefaultReplicates);

    /// <summary><c>sarcosim project [file]</c>: runs the replicates, writes the tables if asked, prints the summary.</summary>
    public static int Project(CliContext context, ProjectionFile file, int replicates, string? outputFolder, bool replace, bool parquet, string source, CancellationToken cancellation)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        ProjectionRuns runs = ProjectionRuns.Run(file.Setup, replicates, Draws(file, replicates, source), new RunOptions { Cancellation = cancellation });
        return Report(context, file, runs, outputFolder, replace, parquet, started, cancellation);
    }

    /// <summary>Writes the projection's tables if asked and prints its summary: the single run's and the merged units' outputs alike.</summary>
    public static int Report(CliContext context, ProjectionFile file, ProjectionRuns runs, string? outputFolder, bool replace, bool parquet, DateTimeOffset started, CancellationToken cancellation)
    {
        int replicates = runs.Replicates.Count;
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
        foreach (Option option in (Option[])[Replicates, Scale, Shard, output, force])
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

            string baselineName = Path.GetFileName(parse.GetValue(baseline)!);
            ProjectionFile b = Load(parse.GetValue(baseline), parse);
            ProjectionFile s = Load(parse.GetValue(scenario), parse);
            int replicates = ReplicatesOf(b, parse);
            if (parse.GetValue(Shard) is { } unit)
            {
                // Both arms of each replicate in one unit: the pairs stay on common random numbers wherever they run.
                return Task.FromResult(RunUnit(context, [(b, ResolvedText(parse.GetValue(baseline), parse.GetValue(Scale), replicates), baselineName),
                    (s, ResolvedText(parse.GetValue(scenario), parse.GetValue(Scale), replicates), Path.GetFileName(parse.GetValue(scenario)!))], replicates, unit, folder, replace, cancellation));
            }

            DateTimeOffset started = DateTimeOffset.UtcNow;
            ProjectionComparison comparison = ProjectionComparison.Run(b.Setup, s.Setup, replicates, Draws(b, replicates, baselineName), new RunOptions { Cancellation = cancellation });
            return Task.FromResult(ReportComparison(context, b, s, comparison, folder, replace, started, cancellation));
        });
        return command;
    }

    /// <summary>Writes the comparison's table if asked and prints its summary: the single run's and the merged units' outputs alike.</summary>
    public static int ReportComparison(CliContext context, ProjectionFile b, ProjectionFile s, ProjectionComparison comparison, string? folder, bool replace, DateTimeOffset started, CancellationToken cancellation)
    {
        int replicates = comparison.Baseline.Replicates.Count;
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
        return ExitCodes.Success;
    }

    /// <summary>
    /// Runs work unit <paramref name="unit"/> of the replicates of each arm (one for <c>project</c>, two for
    /// <c>compare</c>) and writes its partial projection file into <paramref name="folder"/>.
    /// </summary>
    public static int RunUnit(CliContext context, IReadOnlyList<(ProjectionFile File, string Text, string Name)> arms, int replicates, ShardSpec unit, string? folder, bool replace, CancellationToken cancellation)
    {
        if (folder is null)
        {
            throw new UsageException($"--shard {unit} needs --out DIR: a unit writes only its partial projection file, and the tables, which need every replicate, come from 'sarcosim merge'.");
        }

        if (unit.Count > replicates)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--shard {unit} is not allowed; expected at most {replicates} units, one replicate each at least (the projection has {replicates} replicates; --replicates raises them)."));
        }

        ReplicateRange range = ReplicateRange.OfUnit(replicates, unit.Index, unit.Count);
        var options = new RunOptions { Cancellation = cancellation };
        if (arms.Count > 1)
        {
            // As 'compare' checks before it runs: only interventions may differ between the arms.
            ProjectionComparison.CheckArms(arms[0].File.Setup, arms[1].File.Setup);
        }

        // Every arm runs with the first arm's (the baseline's) draws, as 'compare' does.
        ReplicateDraws? draws = Draws(arms[0].File, range.End, arms[0].Name);
        ProjectionArm[] done = [.. arms.Select(arm => new ProjectionArm(arm.Name, arm.Text, ProjectionIdentity.Hash(arm.File.Setup, arm.File.Uncertainty), arm.File.Scenario.Seed,
            [.. ProjectionRuns.RunRange(arm.File.Setup, range, draws, options).Select(ReplicateCounts.Of)]))];
        var partial = new ProjectionPartial(ProjectionPartialFile.DefaultFileName, replicates, range, unit.Index, unit.Count, done);
        OutputDirectory.Publish(folder, replace, staging => ProjectionPartialFile.Write(partial, Path.Combine(staging, ProjectionPartialFile.DefaultFileName)));
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unit {unit}: {range} of {replicates}{(arms.Count > 1 ? ", both arms" : "")}, {done[0].Replicates.Sum(r => r.SimulatedPeople):N0} simulated people; wrote {ProjectionPartialFile.DefaultFileName} into {folder} (merge the units with 'sarcosim merge')"));
        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>sarcosim merge</c> of partial projection files: reads the projection back from each arm's text, checks that
    /// it still is the projection that ran (its hash), and writes what the single <c>project</c> or <c>compare</c> writes.
    /// </summary>
    public static int Merge(CliContext context, IReadOnlyList<ProjectionPartial> units, string outputFolder, bool replace, bool parquet, CancellationToken cancellation)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        ProjectionPartial first = units[0];
        ProjectionFile[] files = [.. first.Arms.Select(arm => FromText(arm.Projection, arm.Name))];
        var runs = new ProjectionRuns[first.Arms.Count];

        // Every arm ran with the first arm's (the baseline's) draws, as 'compare' runs them.
        ReplicateDraws? draws = Draws(files[0], first.Replicates, first.Arms[0].Name);
        for (int a = 0; a < files.Length; a++)
        {
            ProjectionArm arm = first.Arms[a];
            if (ProjectionIdentity.Hash(files[a].Setup, files[a].Uncertainty) != arm.ProjectionHash)
            {
                throw new UsageException($"{first.Source}: its projection {arm.Name} no longer reads back as the projection that ran (its projection hash differs: a population or life-table file it names has changed, or another library version reads it); run the units again.");
            }

            MicrosimSetup setup = files[a].Setup;
            try
            {
                runs[a] = ProjectionRuns.FromReplicates(
                    [.. units.SelectMany(u => u.Arms[a].Replicates).Select(r => r.ToResult(setup with { Scenario = draws?.ScenarioOf(r.Replicate) ?? setup.Scenario }))], draws);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{first.Source} cannot be used: {e.Message}", e);
            }
        }

        context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {units.Count} partial projections: {first.Replicates} replicates of {first.Arms[0].Name}{(files.Length > 1 ? $" and {first.Arms[1].Name}" : "")}"));
        if (files.Length == 1)
        {
            return Report(context, files[0], runs[0], outputFolder, replace, parquet, started, cancellation);
        }

        if (parquet)
        {
            throw new UsageException("--parquet is not allowed when merging a comparison's units; a comparison writes comparison.csv only.");
        }

        return ReportComparison(context, files[0], files[1], ProjectionComparison.FromRuns(runs[0], runs[1]), outputFolder, replace, started, cancellation);
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
