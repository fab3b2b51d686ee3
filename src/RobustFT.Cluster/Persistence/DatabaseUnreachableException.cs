namespace RobustFT.Cluster.Persistence;

/// <summary>The database could not be reached at startup, after every retry.</summary>
public sealed class DatabaseUnreachableException : Exception
{
    public DatabaseUnreachableException(string message, int attempts, Exception innerException)
        : base(message, innerException)
    {
        Attempts = attempts;
    }

    public int Attempts { get; }
}
