using System.Runtime.InteropServices;
using Sarcopenia.Sim.Cli;
using Spectre.Console;

// First of all, before any output or handler exists: on AVX-512 Linux machines, the commands that simulate restart
// once with 512-bit vectors (the others would only pay the second start-up).
if (args is ["run" or "chart", ..])
{
    WideVectors.RestartIfNarrow();
}

// Ctrl-C and SIGTERM cancel the run between chunks; the command then deletes anything half-written and exits 130.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupt.Cancel();
});

return await SarcosimCli.RunAsync(args, AnsiConsole.Console, Console.Out, Console.Error, interrupt.Token);
