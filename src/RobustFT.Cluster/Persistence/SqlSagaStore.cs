using System.Data.Common;
using System.Text.Json;

namespace RobustFT.Cluster.Persistence;

/// <summary>
/// The read side of the saga table for coordinators and dashboards: counts per state (one GROUP BY query), listings and
/// lookups, always scoped to one run.
/// </summary>
public sealed class SqlSagaStore<TSaga>
    where TSaga : class, IStoredSaga
{
    readonly IDbConnectionFactory _connections;
    readonly SqlSagaStatements _statements;
    readonly SqlSagaSerializer<TSaga> _serializer;
    readonly string _source;

    public SqlSagaStore(IDbConnectionFactory connections, string tableName = "sagas", JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(connections);

        _connections = connections;
        _statements = new SqlSagaStatements(connections.Dialect, tableName);
        _serializer = new SqlSagaSerializer<TSaga>(json);
        _source = $"{connections.Describe()} table {tableName}";
    }

    /// <summary>Creates the table and index when missing; safe to call any number of times, from any number of processes.</summary>
    public Task EnsureSchemaAsync(CancellationToken ct = default) => SqlSagaSchema.EnsureAsync(_connections, _statements, ct);

    public async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(string runId, CancellationToken ct = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = await _connections.OpenAsync(ct).ConfigureAwait(false);
        await using var command = SqlCommands.Create(connection, null, _statements.CountByState).With("@run", runId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);

        return counts;
    }

    /// <summary>Every instance of the run, or only those in <paramref name="state"/>, ordered by id.</summary>
    public async Task<IReadOnlyList<TSaga>> ListAsync(string runId, string? state = null, CancellationToken ct = default)
    {
        await using var connection = await _connections.OpenAsync(ct).ConfigureAwait(false);
        await using var command = state is null
            ? SqlCommands.Create(connection, null, _statements.ListByRun).With("@run", runId)
            : SqlCommands.Create(connection, null, _statements.ListByRunAndState).With("@run", runId).With("@state", state);

        return await ReadInstancesAsync(command, ct).ConfigureAwait(false);
    }

    public async Task<TSaga?> GetAsync(Guid correlationId, CancellationToken ct = default)
    {
        await using var connection = await _connections.OpenAsync(ct).ConfigureAwait(false);
        await using var command = SqlCommands.Create(connection, null, _statements.SelectById)
            .With("@id", SqlCommands.Id(_connections.Dialect, correlationId));

        var found = await ReadInstancesAsync(command, ct).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Ids of the run's instances whose state is one of <paramref name="states"/>, ordered by id.</summary>
    public async Task<IReadOnlyList<Guid>> ListIdsAsync(string runId, IReadOnlyCollection<string> states, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
            return [];

        await using var connection = await _connections.OpenAsync(ct).ConfigureAwait(false);
        await using var command = SqlCommands.Create(connection, null, _statements.ListIdsByRunAndStates(states.Count)).With("@run", runId);
        var index = 0;
        foreach (var state in states)
            command.With($"@s{index++}", state);

        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            ids.Add(SqlCommands.ReadId(reader, 0));

        return ids;
    }

    async Task<List<TSaga>> ReadInstancesAsync(DbCommand command, CancellationToken ct)
    {
        var instances = new List<TSaga>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            instances.Add(_serializer.Deserialize(reader.GetString(1), reader.GetInt32(0), _source));

        return instances;
    }
}
