using System.Data.Common;
using MassTransit;

namespace RobustFT.Cluster.Persistence;

/// <summary>
/// One connection (and, for writers, one transaction) on the saga table: the narrow storage interface behind the
/// MassTransit repository context. Optimistic concurrency on <see cref="ISagaVersion.Version"/>.
/// </summary>
public sealed class SqlSagaDatabaseContext<TSaga> : IAsyncDisposable
    where TSaga : class, IStoredSaga
{
    readonly DbConnection _connection;
    readonly SqlSagaStatements _statements;
    readonly SqlSagaSerializer<TSaga> _serializer;
    readonly string _source;
    readonly IDisposable? _writeLease;
    DbTransaction? _transaction;

    SqlSagaDatabaseContext(DbConnection connection, DbTransaction? transaction, IDisposable? writeLease, SqlSagaStatements statements,
        SqlSagaSerializer<TSaga> serializer, string source)
    {
        _connection = connection;
        _writeLease = writeLease;
        _transaction = transaction;
        _statements = statements;
        _serializer = serializer;
        _source = source;
    }

    SqlDialect Dialect => _statements.Dialect;

    /// <summary>Opens a connection; with <paramref name="write"/> also a write transaction to commit or roll back.</summary>
    public static async Task<SqlSagaDatabaseContext<TSaga>> OpenAsync(IDbConnectionFactory connections, SqlSagaStatements statements,
        SqlSagaSerializer<TSaga> serializer, bool write, CancellationToken ct = default)
    {
        var writeLease = write && connections is SqliteConnectionFactory sqlite
            ? await sqlite.EnterWriteAsync(ct).ConfigureAwait(false)
            : null;
        DbConnection? connection = null;
        try
        {
            connection = await connections.OpenAsync(ct).ConfigureAwait(false);
            var transaction = write ? await SqlSagaSchema.BeginWriteAsync(connection, ct).ConfigureAwait(false) : null;
            return new SqlSagaDatabaseContext<TSaga>(connection, transaction, writeLease, statements, serializer,
                $"{connections.Describe()} table {statements.TableName}");
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync().ConfigureAwait(false);
            writeLease?.Dispose();
            throw;
        }
    }

    /// <summary>Writes the instance as version 1; false (and nothing written) when its id is already stored.</summary>
    public async Task<bool> InsertAsync(TSaga instance, CancellationToken ct = default)
    {
        var previous = instance.Version;
        instance.Version = 1;
        await using var command = Write(_statements.Insert, instance);
        var inserted = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        if (!inserted)
            instance.Version = previous;
        return inserted;
    }

    /// <summary>The stored instance, or null when there is none.</summary>
    public async Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken ct = default)
    {
        await using var command = SqlCommands.Create(_connection, _transaction, _statements.SelectById)
            .With("@id", SqlCommands.Id(Dialect, correlationId));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            return null;

        return _serializer.Deserialize(reader.GetString(1), reader.GetInt32(0), _source);
    }

    /// <summary>
    /// Stores the instance as the next version. Throws <see cref="ConcurrencyException"/> when someone else stored a
    /// newer version (or deleted it) since this one was loaded, so MassTransit's retry reloads and reapplies.
    /// </summary>
    public async Task UpdateAsync(TSaga instance, CancellationToken ct = default)
    {
        var expected = instance.Version;
        instance.Version = expected + 1;
        await using var command = Write(_statements.Update, instance).With("@version", expected);
        if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
            return;

        instance.Version = expected;
        throw Conflict(instance.CorrelationId, expected, "update");
    }

    /// <summary>Removes the instance; <see cref="ConcurrencyException"/> when the stored version is not the loaded one.</summary>
    public async Task DeleteAsync(TSaga instance, CancellationToken ct = default)
    {
        await using var command = SqlCommands.Create(_connection, _transaction, _statements.Delete)
            .With("@id", SqlCommands.Id(Dialect, instance.CorrelationId))
            .With("@version", instance.Version);
        if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
            throw Conflict(instance.CorrelationId, instance.Version, "delete");
    }

    /// <summary>Ids of stored instances matching <paramref name="filter"/> (evaluated in memory over every row).</summary>
    public async Task<List<Guid>> FindAsync(Func<TSaga, bool> filter, CancellationToken ct = default)
    {
        var ids = new List<Guid>();
        await using var command = SqlCommands.Create(_connection, _transaction, _statements.SelectAll);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var instance = _serializer.Deserialize(reader.GetString(1), reader.GetInt32(0), _source);
            if (filter(instance))
                ids.Add(instance.CorrelationId);
        }

        return ids;
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_transaction is null)
            return;

        await _transaction.CommitAsync(ct).ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
    }

    public async Task RollbackAsync()
    {
        if (_transaction is null)
            return;

        try
        {
            await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_transaction is not null)
                await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLease?.Dispose();
        }
    }

    DbCommand Write(string sql, TSaga instance) =>
        SqlCommands.Create(_connection, _transaction, sql)
            .With("@id", SqlCommands.Id(Dialect, instance.CorrelationId))
            .With("@run", instance.RunId ?? "")
            .With("@state", instance.CurrentState ?? "")
            .With("@data", _serializer.Serialize(instance))
            .With("@at", SqlCommands.Timestamp(Dialect, DateTime.UtcNow));

    ConcurrencyException Conflict(Guid correlationId, int expected, string operation) =>
        new($"Saga {typeof(TSaga).Name} {correlationId}: {operation} refused, the stored version is no longer {expected} ({_source}).",
            typeof(TSaga), correlationId);
}
