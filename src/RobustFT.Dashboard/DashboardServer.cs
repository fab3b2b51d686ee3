using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;
using RobustFT.Dashboard.Api;
using RobustFT.Dashboard.Live;
using RobustFT.Dashboard.Metrics;
using RobustFT.Dashboard.Web;

namespace RobustFT.Dashboard;

/// <summary>
/// A node's HTTP server: <c>/healthz</c> (the process answers) and <c>/readyz</c> (an Up cluster member) on every node, plus
/// the dashboard page, its JSON API and live updates (server-sent events) on nodes with the dashboard role. It reads the
/// node's services (store, registry); what it keeps itself (throughput history) starts when it starts.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SnapshotBroadcaster? _snapshots;
    private readonly RunMetrics? _metrics;
    private readonly MeterProvider? _exporter;

    private DashboardServer(WebApplication app, Uri address, SnapshotBroadcaster? snapshots, RunMetrics? metrics, MeterProvider? exporter)
    {
        _app = app;
        Address = address;
        _snapshots = snapshots;
        _metrics = metrics;
        _exporter = exporter;
    }

    /// <summary>The address the server listens on (with the actual port when 0 was configured).</summary>
    public Uri Address { get; }

    /// <param name="node">The node's service provider (RunStore, SampleReadModel, IClusterView, RunControl…).</param>
    /// <param name="ready">Whether the node is ready for work (it is an Up member of the cluster).</param>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, IServiceProvider node, Func<bool> ready, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddSingleton(options);
        var app = builder.Build();

        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => ready() ? Results.Text("ready\n") : Results.Text("not ready\n", statusCode: StatusCodes.Status503ServiceUnavailable));

        SnapshotBroadcaster? snapshots = null;
        RunMetrics? metrics = null;
        MeterProvider? exporter = null;
        try
        {
            if (options.ServeDashboard)
            {
                var throughput = new ThroughputRecorder();
                var queries = DashboardQueries.FromServices(node, options.StaleAfter, throughput);
                var logger = node.GetService<ILoggerFactory>()?.CreateLogger<DashboardServer>() ?? (ILogger)NullLogger.Instance;
                snapshots = new SnapshotBroadcaster(queries, throughput, options.SnapshotInterval, logger);
                await snapshots.StartAsync(ct);
                metrics = new RunMetrics(snapshots);
                if (options.OtlpEndpoint is { } endpoint)
                {
                    exporter = Sdk.CreateMeterProviderBuilder()
                        .AddMeter(RunMetrics.MeterName, WorkerMetrics.MeterName)
                        .AddOtlpExporter(o => o.Endpoint = endpoint)
                        .Build();
                }
                app.MapStaticAssets();
                app.MapDashboardApi(queries, node.GetRequiredService<RunStore>(), snapshots, options.Token);
            }

            await app.StartAsync(ct);
        }
        catch
        {
            exporter?.Dispose();
            metrics?.Dispose();
            if (snapshots is not null) await snapshots.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Url;
        return new DashboardServer(app, new Uri(address), snapshots, metrics, exporter);
    }

    public async ValueTask DisposeAsync()
    {
        if (_snapshots is not null) await _snapshots.DisposeAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        await _app.DisposeAsync();
        _exporter?.Dispose();
        _metrics?.Dispose();
    }
}
