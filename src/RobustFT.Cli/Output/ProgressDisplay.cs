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
            var plain = new SynchronousProgress(p =>
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
                result = await work(new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Finished;
                    task.Description = Markup.Escape($"{p.Phase,-10} {Summary(p)}");
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
    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
