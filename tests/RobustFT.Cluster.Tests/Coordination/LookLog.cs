using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>A logger factory that keeps the run actor's per-look debug line ("{Sent} messages to samples in this look"):
/// how many messages each look sent, in order.</summary>
public sealed class LookLog : ILoggerFactory
{
    private readonly ConcurrentQueue<int> _sent = new();

    public IReadOnlyList<int> SentPerLook => _sent.ToList();

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    private sealed class Recorder(LookLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Sent").Value is int sent)
                log._sent.Enqueue(sent);
        }
    }
}
