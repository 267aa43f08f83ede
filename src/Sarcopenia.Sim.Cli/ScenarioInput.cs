using System.CommandLine;
using System.Reflection;
using Sarcopenia.Sim.IO;

namespace Sarcopenia.Sim.Cli;

/// <summary>The scenario argument and the options that override a scenario's values, shared by run, person and validate.</summary>
internal sealed class ScenarioInput
{
    /// <summary>How errors name the embedded scenario.</summary>
    public const string DefaultScenarioName = "default scenario";

    private const string DefaultScenarioResource = "Sarcopenia.Sim.Cli.default.json";

    public Argument<string?> File { get; } = new("scenario")
    {
        Description = "A scenario JSON file (see docs/scenario-files.md). Without it, the embedded default: US adults aged 30-100, Evidence preset, EWGSOP2.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<long?> People { get; } = new("--people", "-n") { Description = "Number of people (overrides cohort.people)." };

    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed (overrides seed); the same seed gives the same result on any machine and thread count." };

    public Option<string?> Preset { get; } = new("--preset") { Description = "Preset the scenario is laid over (overrides basedOn): Evidence, Review2014 or ReferenceWorkload; see 'sarcosim presets'." };

    public Option<string?> Definition { get; } = new("--definition") { Description = "Sarcopenia definition (overrides model.definition), e.g. EWGSOP2010, EWGSOP2, AWGS2019, FNIH; see 'sarcosim definitions'." };

    /// <summary>The embedded default scenario's text.</summary>
    public static string DefaultScenarioJson()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultScenarioResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultScenarioResource} is missing from the build.");
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

    /// <summary>Loads the file (or the default scenario) with the command line's overrides.</summary>
    /// <exception cref="ScenarioException">The scenario is invalid.</exception>
    public Scenario Load(ParseResult parse)
    {
        var overrides = new ScenarioOverrides(parse.GetValue(Preset), parse.GetValue(Definition), parse.GetValue(People), parse.GetValue(Seed));
        return parse.GetValue(File) is { } path
            ? ScenarioFile.Load(path, overrides)
            : ScenarioFile.Parse(DefaultScenarioJson(), DefaultScenarioName, overrides);
    }

    /// <summary>The name errors and summaries use for the scenario.</summary>
    public string SourceName(ParseResult parse) => parse.GetValue(File) is { } path ? Path.GetFileName(path) : DefaultScenarioName;
}
