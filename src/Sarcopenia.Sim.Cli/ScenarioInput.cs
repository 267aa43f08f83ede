using System.CommandLine;
using System.Reflection;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;
using Sarcopenia.Sim.Staging;

namespace Sarcopenia.Sim.Cli;

/// <summary>The scenario argument and the options that override a scenario's values, shared by run, person and validate.</summary>
internal sealed class ScenarioInput
{
    /// <summary>How errors name the embedded scenario.</summary>
    public const string DefaultScenarioName = "default scenario";

    private const string DefaultScenarioResource = "Sarcopenia.Sim.Cli.default.json";

    /// <summary>
    /// What <c>--preset ReferenceWorkload</c> runs without a scenario file: RW1 with its own cohort and outputs, not the
    /// default scenario's population and histograms with RW1's model (docs/reference-workload.md).
    /// </summary>
    private const string ReferenceWorkloadResource = "Sarcopenia.Sim.Cli.reference-workload.json";

    public ScenarioInput()
    {
        // An option the command does not know would otherwise be taken for the scenario file's name.
        File.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: string value }] && value.StartsWith('-') && !System.IO.File.Exists(value))
            {
                string command = (result.Parent as System.CommandLine.Parsing.CommandResult)?.Command.Name ?? "";
                result.AddError($"Unknown option {value}; run 'sarcosim {command} --help' for the options this command accepts.");
            }
        });
    }

    public Argument<string?> File { get; } = new("scenario")
    {
        Description = "A scenario JSON file (see docs/scenario-files.md). Without it, the embedded default: US adults aged 30-100, Evidence preset, EWGSOP2 (with --preset ReferenceWorkload: RW1's own cohort and outputs).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<long?> People { get; } = CliOptions.Count("--people", "-n", "Number of people (overrides cohort.people); 100000, 100_000 and 1e5 are the same.", 1, CohortSpec.MaxPeople, ", e.g. 100000, 100_000 or 1e5");

    public Option<ulong?> Seed { get; } = CliOptions.Seed("--seed", "Seed (overrides seed); the same seed gives the same result on any machine and thread count.");

    public Option<string?> Preset { get; } = new("--preset") { Description = "Preset the scenario is laid over (overrides basedOn): Evidence, Review2014 or ReferenceWorkload; see 'sarcosim presets'." };

    public Option<string?> Definition { get; } = new("--definition") { Description = "Sarcopenia definition (overrides model.definition), e.g. EWGSOP2010, EWGSOP2, AWGS2019, FNIH; see 'sarcosim definitions'." };

    /// <summary>The embedded default scenario's text.</summary>
    public static string DefaultScenarioJson() => EmbeddedScenarioJson(DefaultScenarioResource);

    private static string EmbeddedScenarioJson(string resource)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void AddTo(Command command, bool withOverrides = true)
    {
        command.Arguments.Add(File);
        if (withOverrides)
        {
            command.Options.Add(People);
            command.Options.Add(Seed);
            command.Options.Add(Preset);
            command.Options.Add(Definition);
        }
    }

    /// <summary>
    /// Loads the file (or the default scenario) with the command line's overrides, its descriptions saying what will run
    /// (see <see cref="ScenarioDescription"/>).
    /// </summary>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    public Scenario Load(ParseResult parse)
    {
        ScenarioOverrides overrides = Overrides(parse);
        bool referenceWorkload = parse.GetValue(Preset) is { } preset && Presets.Get(preset) == Presets.ReferenceWorkload;
        Scenario scenario = parse.GetValue(File) is { } path
            ? ScenarioFile.Load(path, overrides)
            : ScenarioFile.Parse(EmbeddedScenarioJson(referenceWorkload ? ReferenceWorkloadResource : DefaultScenarioResource), DefaultScenarioName, overrides);
        string[] typed = [.. ((Option[])[Preset, Definition, People, Seed])
            .Select(option => parse.GetResult(option))
            .Where(result => result is { Implicit: false, IdentifierToken: not null, Tokens.Count: > 0 })
            .Select(result => $"{result!.IdentifierToken!.Value} {result.Tokens[0].Value}")];
        return ScenarioDescription.Describe(scenario, typed);
    }

    /// <summary>The command line's overrides of the scenario's values, its preset and definition names checked.</summary>
    /// <exception cref="UsageException">A preset or definition name is unknown (named by the option as typed).</exception>
    public ScenarioOverrides Overrides(ParseResult parse)
    {
        // Names given on the command line are looked up here, so that a mistake is named by the option as typed.
        CheckName(parse, Preset, Presets.All.Select(p => p.Name), name => Presets.Get(name));
        CheckName(parse, Definition, Definitions.All.Select(d => d.Name), name => Definitions.Get(name));
        return new ScenarioOverrides(parse.GetValue(Preset), parse.GetValue(Definition), parse.GetValue(People), parse.GetValue(Seed));
    }

    private static void CheckName(ParseResult parse, Option<string?> option, IEnumerable<string> names, Func<string, object> lookUp)
    {
        if (parse.GetValue(option) is not { } name)
        {
            return;
        }

        try
        {
            lookUp(name);
        }
        catch (ArgumentException)
        {
            string typed = parse.GetResult(option)?.IdentifierToken?.Value ?? option.Name;
            throw new UsageException($"{typed} {name} is not allowed; expected one of {string.Join(", ", names)}{NameSuggester.Hint(name, names)}");
        }
    }

    /// <summary>The name errors and summaries use for the scenario.</summary>
    public string SourceName(ParseResult parse) => parse.GetValue(File) is { } path ? Path.GetFileName(path) : DefaultScenarioName;
}
