namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>How a finished command of the test host ended.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
