using System.Data.Common;

namespace RobustFT.Cluster.Persistence;

/// <summary>Opens ready-to-use connections to one database.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken ct = default);

    /// <summary>Where the connections go, for logs and errors; never contains a password.</summary>
    string Describe();
}
