using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples;
using Spectre.Console;

namespace RobustFT.Cli.Output;

/// <summary>Shows a run's progress: a live bar on a terminal, plain lines every few seconds otherwise.</summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(Func<IProgress<RunProgress>, Task<T>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            var last = DateTimeOffset.MinValue;
            RunProgress? lastShown = null;
            var plain = new SynchronousProgress<RunProgress>(p =>
            {
                if (DateTimeOffset.UtcNow - last < TimeSpan.FromSeconds(2) && p.Phase == lastShown?.Phase) return;
                last = DateTimeOffset.UtcNow;
                lastShown = p;
                Console.WriteLine(Line(p));
            });
            return await work(plain);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                result = await work(new SynchronousProgress<RunProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Finished;
                    task.Description = Markup.Escape($"{p.Phase,-10} {Summary(p)}");
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Progress of <paramref name="total"/> items (<c>robustft evaluate</c>): the same live bar on a terminal,
    /// plain lines every few seconds on stderr otherwise (stdout may carry --json).</summary>
    public static async Task<T> CountAsync<T>(string description, int total, Func<IProgress<int>, Task<T>> work)
    {
        var gate = new Lock();
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            var last = DateTimeOffset.MinValue;
            return await work(new SynchronousProgress<int>(done =>
            {
                lock (gate)
                {
                    if (DateTimeOffset.UtcNow - last < TimeSpan.FromSeconds(2) && done < total) return;
                    last = DateTimeOffset.UtcNow;
                    Console.Error.WriteLine($"[{description}] {done}/{total} answered ({(total == 0 ? 1 : (double)done / total):P0})");
                }
            }));
        }

        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                result = await work(new SynchronousProgress<int>(done =>
                {
                    lock (gate) task.Value = done;
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    public static string Line(RunProgress p) =>
        $"[{p.Phase}] {p.Finished}/{p.Total} finished ({p.Fraction:P0}){(p.Paused ? " PAUSED" : "")}  {Summary(p)}";

    private static string Summary(RunProgress p) =>
        string.Join(' ', SampleStates.All.Where(s => p.States.GetValueOrDefault(s) > 0).Select(s => $"{s}={p.States[s]}"));

    /// <summary>Reports on the caller's thread, so lines are printed in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
