namespace RobustFT.Dashboard;

/// <summary>The node's HTTP endpoint (config <c>robustft.dashboard.*</c>).</summary>
/// <param name="Url">Where to listen, e.g. <c>http://127.0.0.1:8080</c> (port 0: any free port).</param>
/// <param name="ServeDashboard">Serve the dashboard page and <c>/api</c>; health endpoints are always served.</param>
/// <param name="Token">Bearer token that enables the control endpoints; null or empty: read-only
/// (see <see cref="Security.DashboardToken.Resolve"/> for environment and file sources). Never shown on the page or in
/// the API.</param>
public sealed record DashboardOptions(string Url, bool ServeDashboard = true, string? Token = null)
{
    /// <summary>A GPU worker whose last published status is older is marked stale (config
    /// <c>robustft.node.stale-after</c>).</summary>
    public required TimeSpan StaleAfter { get; init; }

    /// <summary>How often the store is read for live updates (server-sent events, throughput, metrics).</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When set, the <c>RobustFT.Run</c> and <c>RobustFT.Worker</c> meters are exported there over OTLP
    /// (gRPC, e.g. <c>http://127.0.0.1:4317</c>); config <c>robustft.dashboard.otlp-endpoint</c>.</summary>
    public Uri? OtlpEndpoint { get; init; }

    public override string ToString() =>
        $"DashboardOptions {{ Url = {Url}, ServeDashboard = {ServeDashboard}, Token = {(string.IsNullOrEmpty(Token) ? "none" : "***")} }}";
}
