using System.Diagnostics.Metrics;

namespace RobustFT.Cluster.Workers;

/// <summary>OpenTelemetry-compatible instruments of a node's GPU workers (meter <c>RobustFT.Worker</c>).</summary>
public sealed class WorkerMetrics : IDisposable
{
    public const string MeterName = "RobustFT.Worker";
    private readonly Meter _meter = new(MeterName);
    private int _inFlight;

    public WorkerMetrics()
    {
        Tokens = _meter.CreateCounter<long>("robustft.worker.tokens", "tokens", "Tokens generated");
        Requests = _meter.CreateCounter<long>("robustft.worker.requests", "requests", "Inference requests served (cache hits included)");
        CacheHits = _meter.CreateCounter<long>("robustft.worker.cache_hits", "requests", "Requests answered from the inference cache");
        BatchSize = _meter.CreateHistogram<int>("robustft.worker.batch_size", "requests", "Requests per model call");
    }

    public Counter<long> Tokens { get; }
    public Counter<long> Requests { get; }
    public Counter<long> CacheHits { get; }
    public Histogram<int> BatchSize { get; }

    /// <summary>Records <paramref name="requests"/> answered requests, <paramref name="hits"/> of them
    /// answered from the cache.</summary>
    public void RecordRequests(int requests, int hits, long tokens)
    {
        Tokens.Add(tokens);
        CacheHits.Add(hits);
        Requests.Add(requests);
    }

    /// <summary>Records one generation call of a model with <paramref name="size"/> requests (the batch fill).</summary>
    public void RecordModelCall(int size) => BatchSize.Record(size);

    /// <summary>Requests the node's GPU workers are serving and have not answered yet.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Marks <paramref name="requests"/> as taken; dispose the result when they are answered.</summary>
    public IDisposable Begin(int requests)
    {
        Interlocked.Add(ref _inFlight, requests);
        return new InFlightScope(this, requests);
    }

    private sealed class InFlightScope(WorkerMetrics metrics, int requests) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Add(ref metrics._inFlight, -requests);
        }
    }

    public void Dispose() => _meter.Dispose();
}
