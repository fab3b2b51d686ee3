using System.Threading.Channels;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A fake model for <c>ModelGate</c> tests whose calls do not return until the test says so: every call is
/// handed to the test (<see cref="NextAsync"/>), which answers it ("r:" + request) or fails it.</summary>
public sealed class HeldModelCalls
{
    /// <summary>Guards against a hung test only; no assertion depends on it.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<HeldCall> _calls = Channel.CreateUnbounded<HeldCall>();
    private int _count;

    /// <summary>Model calls made so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public static string AnswerFor(string request) => "r:" + request;

    /// <summary>The model function to give the gate.</summary>
    public Task<IReadOnlyList<string>> CallAsync(IReadOnlyList<string> batch, CancellationToken cancellationToken)
    {
        var call = new HeldCall(batch.ToList(), cancellationToken);
        Interlocked.Increment(ref _count);
        _calls.Writer.TryWrite(call);
        return call.Result.Task;
    }

    /// <summary>The next call the gate makes (in the order they were made).</summary>
    public async Task<HeldCall> NextAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>True when no call is waiting to be taken by <see cref="NextAsync"/>.</summary>
    public bool NoCallWaiting => !_calls.Reader.TryPeek(out _);
}
