using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RobustFT.Cluster.Persistence;

/// <summary>
/// Connections to one SQLite file: WAL journal, a busy timeout so concurrent writers wait instead of failing,
/// foreign keys on. The file's directory is created when missing.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    public const int BusyTimeoutMilliseconds = 10_000;

    // One in-process writer per file: waiting here is asynchronous, whereas SQLite's busy wait blocks a thread-pool
    // thread, and many blocked writers starve the pool. Other processes are still serialised by the busy timeout.
    static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    readonly string _connectionString;
    readonly SemaphoreSlim _walGate = new(1, 1);
    bool _walEnabled;

    public SqliteConnectionFactory(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);

        DatabasePath = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000 * 3,
        }.ToString();
    }

    public string DatabasePath { get; }

    public string ConnectionString => _connectionString;

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", ct)
                .ConfigureAwait(false);
            await EnsureWalAsync(connection, ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string Describe() => $"sqlite:{DatabasePath}";

    /// <summary>Waits (asynchronously) until no other write transaction of this process is open on the file.</summary>
    public async Task<IDisposable> EnterWriteAsync(CancellationToken ct = default)
    {
        var gate = WriteGates.GetOrAdd(DatabasePath, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new WriteLease(gate);
    }

    async Task EnsureWalAsync(SqliteConnection connection, CancellationToken ct)
    {
        if (Volatile.Read(ref _walEnabled))
            return;

        await _walGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_walEnabled)
                return;

            // journal_mode is stored in the file, so switching once per factory is enough.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct).ConfigureAwait(false);
            Volatile.Write(ref _walEnabled, true);
        }
        finally
        {
            _walGate.Release();
        }
    }

    static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    sealed class WriteLease(SemaphoreSlim gate) : IDisposable
    {
        int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
