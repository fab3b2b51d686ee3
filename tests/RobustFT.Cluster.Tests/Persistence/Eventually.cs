namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>Polls until a read satisfies a condition; returns the last value read either way, for the assertion to explain.</summary>
public static class Eventually
{
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(25);
        }
    }
}
