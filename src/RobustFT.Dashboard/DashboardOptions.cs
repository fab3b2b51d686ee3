namespace RobustFT.Dashboard;

/// <summary>The node's HTTP endpoint (config <c>robustft.dashboard.*</c>).</summary>
/// <param name="Url">Where to listen, e.g. <c>http://127.0.0.1:8080</c> (port 0: any free port).</param>
/// <param name="ServeDashboard">Serve the dashboard page and <c>/api</c>; health endpoints are always served.</param>
/// <param name="Token">Bearer token that enables the control endpoints; null or empty: read-only.</param>
public sealed record DashboardOptions(string Url, bool ServeDashboard = true, string? Token = null);
