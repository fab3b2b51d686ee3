namespace RobustFT.Dashboard.Tests.Support;

/// <summary>Polling helpers: conditions are awaited by polling, never asserted after a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls <paramref name="read"/> until it returns the same value <paramref name="polls"/> times in a row.</summary>
    public static async Task<T> StableAsync<T>(Func<T> read, int polls, TimeSpan interval, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var last = read();
        var same = 1;
        while (same < polls)
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"value did not settle (last {last})");
            await Task.Delay(interval);
            var now = read();
            same = EqualityComparer<T>.Default.Equals(now, last) ? same + 1 : 1;
            last = now;
        }
        return last;
    }
}
