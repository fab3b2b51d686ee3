namespace RobustFT.Cli.Configuration;

/// <summary>Bad usage or input: the message names the option, key or file; the process exits with code 2.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
