using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Sarcopenia.Sim.Cli;

/// <summary>
/// Shows a run's progress: a live bar with throughput and time left on an interactive terminal, plain lines at a steady
/// interval (<see cref="PlainInterval"/>) when output is redirected: logs and CI have no cursor to move, and a line per
/// tenth of the run said nothing for minutes on a large run and crowded the log of a short one.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>How often a redirected run prints a progress line: often enough to show a job is alive, rarely enough to keep a log readable.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan s_refresh = TimeSpan.FromMilliseconds(100);

    public static async Task<SimulationResult> ShowAsync(IAnsiConsole console, Task<SimulationResult> run, ProgressCounter counter, long people, int years)
    {
        var clock = Stopwatch.StartNew();
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TimeLeftColumn(), new SpinnerColumn())
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
            var schedule = new ProgressSchedule(PlainInterval);
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(s_refresh));
                long done = counter.Done;
                if (!run.IsCompleted && schedule.Due(clock.Elapsed))
                {
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

    /// <summary>"progress: 40 % (40,000/100,000 people), 1.2e+08 person-years/s, 3.0 s left".</summary>
    internal static string Line(long done, long people, int years, TimeSpan elapsed)
    {
        double fraction = (double)done / people;
        return string.Create(CultureInfo.InvariantCulture,
            $"progress: {fraction * 100:0} % ({done:N0}/{people:N0} people), {Rate(done, years, elapsed)} person-years/s, {Durations.Format(SecondsLeft(fraction, elapsed))} left");
    }

    /// <summary>The time left if the rest runs as fast as the part done; NaN before anything is done.</summary>
    internal static double SecondsLeft(double fraction, TimeSpan elapsed) =>
        fraction > 0 ? elapsed.TotalSeconds * (1 - fraction) / fraction : double.NaN;

    private static string Rate(long done, int years, TimeSpan elapsed) =>
        elapsed.TotalSeconds > 0 ? ((double)done * years / elapsed.TotalSeconds).ToString("0.0e+0", CultureInfo.InvariantCulture) : "-";

    /// <summary>Time left in the live bar, at any size ("41 d 3 h"), where Spectre's own column shows <c>**:**:**</c> past 99 hours.</summary>
    private sealed class TimeLeftColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{Durations.Format(SecondsLeft(task.Percentage / 100, TimeSpan.FromSeconds(task.ElapsedTime?.TotalSeconds ?? 0)))} left");
    }
}

/// <summary>
/// When a redirected run prints its next progress line: at every whole multiple of the interval since the start, however
/// unevenly the checks arrive, and once per multiple even after a stall.
/// </summary>
internal sealed class ProgressSchedule(TimeSpan interval)
{
    private readonly TimeSpan _interval = interval;
    private TimeSpan _next = interval;

    /// <summary>Whether a line is due at <paramref name="elapsed"/>; if so, the next is due one interval after the latest multiple passed.</summary>
    public bool Due(TimeSpan elapsed)
    {
        if (elapsed < _next)
        {
            return false;
        }

        _next = _interval * (Math.Floor(elapsed / _interval) + 1);
        return true;
    }
}
