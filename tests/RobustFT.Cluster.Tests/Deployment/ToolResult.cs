namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>Exit code and captured output of a command run by <see cref="ToolRunner"/>.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() =>
        $"`{Command}` exited with {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
