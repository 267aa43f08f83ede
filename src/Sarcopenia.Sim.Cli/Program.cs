using System.Runtime.InteropServices;
using Sarcopenia.Sim.Cli;
using Spectre.Console;

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
