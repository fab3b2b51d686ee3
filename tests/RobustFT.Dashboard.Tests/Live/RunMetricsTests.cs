using System.Diagnostics.Metrics;
using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Metrics;
using RobustFT.Dashboard.Tests.Support;

namespace RobustFT.Dashboard.Tests.Live;

[Collection(CompletedRunCollection.Name)]
public sealed class RunMetricsTests(CompletedRunFixture fixture)
{
    [Fact]
    public async Task The_run_meter_reports_samples_per_state_equal_to_the_api()
    {
        var run = fixture.Run;
        var samples = new Dictionary<string, int>();
        var phases = new Dictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RunMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(kv => kv.Key, kv => kv.Value?.ToString());
            if (instrument.Name == RunMetrics.Samples && t["run"] == run.RunId) samples[t["state"]!] = value;
            if (instrument.Name == RunMetrics.Runs) phases[t["phase"]!] = phases.GetValueOrDefault(t["phase"]!) + value;
        });
        listener.Start();
        // The gauges read the latest snapshot (refreshed every second): poll until it has caught up with the ended run —
        // its sample counts and its phase (a snapshot taken while it exported already shows its final counts).
        var expected = (await run.GetAsync<RunDetail>($"/api/runs/{run.RunId}")).States.ToDictionary(s => s.State, s => s.Count);
        await Eventually.TrueAsync(() =>
        {
            samples.Clear();
            phases.Clear();
            listener.RecordObservableInstruments();
            return Task.FromResult(samples.Count == expected.Count && expected.All(kv => samples.GetValueOrDefault(kv.Key, -1) == kv.Value)
                                   && phases.GetValueOrDefault("Completed") >= 1);
        }, "the run's samples gauge to equal the API's counts and the runs gauge to show it completed");

        Assert.Equal(expected, samples);
        Assert.True(phases.GetValueOrDefault("Completed") >= 1, string.Join(", ", phases.Select(kv => $"{kv.Key}={kv.Value}")));
    }
}
