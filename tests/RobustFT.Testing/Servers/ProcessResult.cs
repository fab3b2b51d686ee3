namespace RobustFT.Testing.Servers;

/// <summary>How a finished process ended: its exit code and its stdout and stderr interleaved as they arrived.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
