namespace RobustFT.Cluster.Persistence;

/// <summary>The validated, immutable form of <see cref="SqlSagaRepositoryOptions"/> for one saga type (a DI singleton).</summary>
public sealed class SqlSagaRepositorySettings<TSaga>
    where TSaga : class, IStoredSaga
{
    readonly SemaphoreSlim _schemaGate = new(1, 1);
    bool _schemaReady;

    public SqlSagaRepositorySettings(IDbConnectionFactory connections, SqlSagaStatements statements, SqlSagaSerializer<TSaga> serializer)
    {
        Connections = connections;
        Statements = statements;
        Serializer = serializer;
    }

    public IDbConnectionFactory Connections { get; }

    public SqlSagaStatements Statements { get; }

    public SqlSagaSerializer<TSaga> Serializer { get; }

    /// <summary>Validates the options; the error names every missing or wrong setting.</summary>
    public static SqlSagaRepositorySettings<TSaga> From(SqlSagaRepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var prefix = $"The SQL saga repository for {typeof(TSaga).Name} is invalid:";
        if (options.ConnectionFactory is null)
            throw new InvalidOperationException($"{prefix} ConnectionFactory must be set (a SqliteConnectionFactory or PostgresConnectionFactory).");

        SqlSagaStatements statements;
        try
        {
            statements = new SqlSagaStatements(options.ConnectionFactory.Dialect, options.TableName);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{prefix} TableName: {ex.Message}", ex);
        }

        return new SqlSagaRepositorySettings<TSaga>(options.ConnectionFactory, statements, new SqlSagaSerializer<TSaga>(options.Json));
    }

    /// <summary>Creates the table on first use; later calls return at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _schemaReady))
            return;

        await _schemaGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
                return;

            await SqlSagaSchema.EnsureAsync(Connections, Statements, ct).ConfigureAwait(false);
            Volatile.Write(ref _schemaReady, true);
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
