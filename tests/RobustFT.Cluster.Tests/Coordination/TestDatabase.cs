using Microsoft.Data.Sqlite;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Tests.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>A real database for one test: a fresh SQLite file in a temporary directory, or the shared PostgreSQL server
/// of <see cref="PostgresCollection"/> (shared by the collection's tests, so tests use ids of their own).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _directory;

    private TestDatabase(IDbConnectionFactory connections, string? directory)
    {
        Connections = connections;
        _directory = directory;
    }

    public IDbConnectionFactory Connections { get; }

    public static TestDatabase Create(string dialect, PostgresFixture postgres) => dialect switch
    {
        Sqlite => CreateSqlite(),
        Postgres => new TestDatabase(new PostgresConnectionFactory(postgres.Server.ConnectionString, ShippedDefaults.PostgresStartupAttempts), null),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, $"expected '{Sqlite}' or '{Postgres}'"),
    };

    public static TestDatabase CreateSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "robustft-tests", "coordination-" + Guid.NewGuid().ToString("N"));
        return new TestDatabase(new SqliteConnectionFactory(Path.Combine(directory, "robustft.db")), directory);
    }

    /// <summary>An id no other test uses, for rows in a shared database.</summary>
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async ValueTask DisposeAsync()
    {
        if (Connections is IAsyncDisposable disposable) await disposable.DisposeAsync();
        if (_directory is null) return;
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
