using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Shows a run's progress: a live bar with throughput and time left on an interactive terminal, plain lines every
/// tenth of the way when output is redirected (logs and CI have no cursor to move).
/// </summary>
internal static class ProgressDisplay
{
    private const int PlainSteps = 10;
    private static readonly TimeSpan s_refresh = TimeSpan.FromMilliseconds(100);

    public static async Task<SimulationResult> ShowAsync(IAnsiConsole console, Task<SimulationResult> run, ProgressCounter counter, long people, int years)
    {
        var clock = Stopwatch.StartNew();
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    ProgressTask task = progress.AddTask("Simulating", maxValue: people);
                    while (!run.IsCompleted)
                    {
                        await Task.WhenAny(run, Task.Delay(s_refresh));
                        long done = counter.Done;
                        task.Value = done;
                        task.Description = $"Simulating, {Rate(done, years, clock.Elapsed)} person-years/s";
                    }

                    task.Value = people;
                });
        }
        else
        {
            int reported = 0;
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(s_refresh));
                long done = counter.Done;
                int step = (int)(done * PlainSteps / people);
                if (step > reported && done < people)
                {
                    reported = step;
                    console.WriteLine(Line(done, people, years, clock.Elapsed));
                }
            }

            // A log should say the run finished, even one too quick for any intermediate line.
            if (run.IsCompletedSuccessfully)
            {
                console.WriteLine(Line(people, people, years, clock.Elapsed));
            }
        }

        return await run;
    }

    /// <summary>"progress: 40 % (40,000/100,000 people), 1.2e+08 person-years/s, 3 s left".</summary>
    internal static string Line(long done, long people, int years, TimeSpan elapsed)
    {
        double fraction = (double)done / people;
        double left = fraction > 0 ? elapsed.TotalSeconds * (1 - fraction) / fraction : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"progress: {fraction * 100:0} % ({done:N0}/{people:N0} people), {Rate(done, years, elapsed)} person-years/s, {(double.IsFinite(left) ? $"{Math.Ceiling(left):0} s" : "?")} left");
    }

    private static string Rate(long done, int years, TimeSpan elapsed) =>
        elapsed.TotalSeconds > 0 ? ((double)done * years / elapsed.TotalSeconds).ToString("0.0e+0", CultureInfo.InvariantCulture) : "-";
}
