namespace Sarcopenia.Sim.Cli;

/// <summary>An invalid combination or value of command-line options that the parser cannot see; exits with <see cref="ExitCodes.InvalidInput"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
