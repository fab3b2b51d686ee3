using MassTransit;
using MassTransit.Saga;

namespace RobustFT.Cluster.Persistence;

/// <summary>
/// MassTransit's entry to the SQL saga table: one connection and transaction per consumed message, committed when the
/// saga pipe succeeds and rolled back when it throws (a <see cref="ConcurrencyException"/> then goes to the retry filter).
/// </summary>
public sealed class SqlSagaRepositoryContextFactory<TSaga> :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, IStoredSaga
{
    readonly SqlSagaRepositorySettings<TSaga> _settings;
    readonly ISagaConsumeContextFactory<SqlSagaDatabaseContext<TSaga>, TSaga> _factory;

    public SqlSagaRepositoryContextFactory(SqlSagaRepositorySettings<TSaga> settings,
        ISagaConsumeContextFactory<SqlSagaDatabaseContext<TSaga>, TSaga> factory)
    {
        _settings = settings;
        _factory = factory;
    }

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "sql");
        context.Add("database", _settings.Connections.Describe());
        context.Add("table", _settings.Statements.TableName);
    }

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        InTransaction(context, repository => next.Send(repository));

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        InTransaction(context, async (repository, database) =>
        {
            var ids = await database.FindAsync(query.GetFilter(), context.CancellationToken).ConfigureAwait(false);
            await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repository, ids)).ConfigureAwait(false);
        });

    Task<T> IQuerySagaRepositoryContextFactory<TSaga>.Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod,
        CancellationToken cancellationToken) =>
        Read(asyncMethod, cancellationToken);

    Task<T> ILoadSagaRepositoryContextFactory<TSaga>.Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod,
        CancellationToken cancellationToken) =>
        Read(asyncMethod, cancellationToken);

    async Task<T> Read<T>(Func<SqlSagaReadContext<TSaga>, Task<T>> asyncMethod, CancellationToken ct)
    {
        await _settings.EnsureSchemaAsync(ct).ConfigureAwait(false);
        await using var database = await SqlSagaDatabaseContext<TSaga>
            .OpenAsync(_settings.Connections, _settings.Statements, _settings.Serializer, write: false, ct).ConfigureAwait(false);

        return await asyncMethod(new SqlSagaReadContext<TSaga>(database, ct)).ConfigureAwait(false);
    }

    Task InTransaction<T>(ConsumeContext<T> context, Func<SqlSagaRepositoryContext<TSaga, T>, Task> body)
        where T : class =>
        InTransaction(context, (repository, _) => body(repository));

    async Task InTransaction<T>(ConsumeContext<T> context,
        Func<SqlSagaRepositoryContext<TSaga, T>, SqlSagaDatabaseContext<TSaga>, Task> body)
        where T : class
    {
        var ct = context.CancellationToken;
        await _settings.EnsureSchemaAsync(ct).ConfigureAwait(false);
        await using var database = await SqlSagaDatabaseContext<TSaga>
            .OpenAsync(_settings.Connections, _settings.Statements, _settings.Serializer, write: true, ct).ConfigureAwait(false);

        try
        {
            await body(new SqlSagaRepositoryContext<TSaga, T>(database, context, _factory), database).ConfigureAwait(false);
            await database.CommitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await database.RollbackAsync().ConfigureAwait(false);
            throw;
        }
    }
}
