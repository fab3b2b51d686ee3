namespace RobustFT.Dashboard.Security;

/// <summary>Where the control token comes from: <c>ROBUSTFT_DASHBOARD_TOKEN</c>, else the file named by
/// <c>ROBUSTFT_DASHBOARD_TOKEN_FILE</c> (trimmed, e.g. a Kubernetes secret mount), else the configured value.</summary>
public static class DashboardToken
{
    public const string EnvironmentVariable = "ROBUSTFT_DASHBOARD_TOKEN";
    public const string FileEnvironmentVariable = "ROBUSTFT_DASHBOARD_TOKEN_FILE";

    /// <summary>The token, or null (read-only dashboard).</summary>
    public static string? Resolve(string? configured = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment.Trim();
        if (environment(FileEnvironmentVariable) is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"{FileEnvironmentVariable}: token file '{file}' not found", file);
            var fromFile = File.ReadAllText(file).Trim();
            return fromFile.Length > 0 ? fromFile : null;
        }
        return string.IsNullOrWhiteSpace(configured) ? null : configured.Trim();
    }
}
