using System.Diagnostics.Metrics;
using RobustFT.Dashboard.Live;

namespace RobustFT.Dashboard.Metrics;

/// <summary>OpenTelemetry instruments of the dashboard (meter <c>RobustFT.Run</c>): observable gauges over the latest
/// snapshot, so a scrape or export never touches the store.</summary>
public sealed class RunMetrics : IDisposable
{
    public const string MeterName = "RobustFT.Run";
    public const string Samples = "robustft.run.samples";
    public const string Progress = "robustft.run.progress";
    public const string SamplesPerSecond = "robustft.run.samples_per_second";
    public const string TokensPerSecond = "robustft.run.tokens_per_second";
    public const string Runs = "robustft.runs";
    public const string WorkerStatusAge = "robustft.worker.status_age";
    public const string WorkersStale = "robustft.workers.stale";
    public const string NodesUnreachable = "robustft.nodes.unreachable";

    private readonly Meter _meter = new(MeterName);

    public RunMetrics(SnapshotBroadcaster snapshots)
    {
        _meter.CreateObservableGauge(Samples, () => snapshots.LatestDetails.Values.SelectMany(d => d.States.Select(s =>
            new Measurement<int>(s.Count, new("run", d.Run.RunId), new("state", s.State)))), "samples", "Samples of a run per state");
        _meter.CreateObservableGauge(Progress, () => snapshots.LatestDetails.Values.Select(d =>
            new Measurement<double>(d.Progress, new KeyValuePair<string, object?>("run", d.Run.RunId))), "1", "Fraction of a run's samples in a terminal state");
        _meter.CreateObservableGauge(SamplesPerSecond, () => snapshots.LatestDetails.Values.Where(d => d.Throughput.Count > 0).Select(d =>
            new Measurement<double>(d.Throughput[^1].SamplesPerSecond, new KeyValuePair<string, object?>("run", d.Run.RunId))), "samples/s", "Samples reaching a terminal state per second");
        _meter.CreateObservableGauge(TokensPerSecond, () => snapshots.LatestDetails.Values.Where(d => d.Throughput.Count > 0).Select(d =>
            new Measurement<double>(d.Throughput[^1].TokensPerSecond, new KeyValuePair<string, object?>("run", d.Run.RunId))), "tokens/s", "Tokens generated for a run per second");
        _meter.CreateObservableGauge(Runs, () => (snapshots.Latest?.Runs ?? []).GroupBy(r => r.Phase).Select(g =>
            new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("phase", g.Key))), "runs", "Runs per phase");
        _meter.CreateObservableGauge(WorkerStatusAge, () => (snapshots.Latest?.Nodes.Workers ?? []).Select(w =>
            new Measurement<double>(w.StatusAgeSeconds, new("node", w.Address), new("device", w.Device), new("stale", w.Stale))), "s",
            "Seconds since a GPU worker's last status (when last read)");
        _meter.CreateObservableGauge(WorkersStale, () => new Measurement<int>((snapshots.Latest?.Nodes.Workers ?? []).Count(w => w.Stale)), "workers",
            "GPU workers whose status is older than the stale-after");
        _meter.CreateObservableGauge(NodesUnreachable, () => new Measurement<int>((snapshots.Latest?.Nodes.Nodes ?? []).Count(n => !n.Reachable)), "nodes",
            "Cluster members the failure detector marks unreachable");
    }

    public void Dispose() => _meter.Dispose();
}
