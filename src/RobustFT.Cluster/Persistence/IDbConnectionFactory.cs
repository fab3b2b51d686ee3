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

    /// <summary>The ADO.NET connection string (with the password, if any): what Akka.Persistence.Sql's journal and
    /// snapshot store open on the same database. Never log it; <see cref="Describe"/> is for logs.</summary>
    string ConnectionString { get; }
}
