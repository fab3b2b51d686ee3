using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RobustFT.Dashboard;

/// <summary>
/// A node's HTTP server: <c>/healthz</c> (the process answers) and <c>/readyz</c> (bus connected) on every node, plus
/// the dashboard and its JSON API on nodes with the dashboard role. It reads the node's services (store, registry) and
/// never holds state of its own that a restart would lose.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address the server listens on (with the actual port when 0 was configured).</summary>
    public Uri Address { get; }

    /// <param name="node">The node's service provider (RunStore, SqlSagaStore, NodeRegistry, RunControl…).</param>
    /// <param name="ready">Whether the node is ready for work (its bus is connected).</param>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, IServiceProvider node, Func<bool> ready, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        builder.Services.AddSingleton(options);
        var app = builder.Build();

        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => ready() ? Results.Text("ready\n") : Results.Text("not ready\n", statusCode: StatusCodes.Status503ServiceUnavailable));

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Url;
        return new DashboardServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
