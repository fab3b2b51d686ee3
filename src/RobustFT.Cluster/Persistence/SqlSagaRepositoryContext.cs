using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace RobustFT.Cluster.Persistence;

/// <summary>The repository view MassTransit's saga pipe works through while one message is consumed.</summary>
public sealed class SqlSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, IStoredSaga
    where TMessage : class
{
    readonly ConsumeContext<TMessage> _context;
    readonly SqlSagaDatabaseContext<TSaga> _database;
    readonly ISagaConsumeContextFactory<SqlSagaDatabaseContext<TSaga>, TSaga> _factory;

    public SqlSagaRepositoryContext(SqlSagaDatabaseContext<TSaga> database, ConsumeContext<TMessage> context,
        ISagaConsumeContextFactory<SqlSagaDatabaseContext<TSaga>, TSaga> factory)
        : base(context)
    {
        _database = database;
        _context = context;
        _factory = factory;
    }

    /// <summary>A context for a new instance; nothing is written until <see cref="Save"/>.</summary>
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_database, _context, instance, SagaConsumeContextMode.Add);

    /// <summary>Writes the instance now; null when another consumer stored the same id first.</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        if (!await _database.InsertAsync(instance, CancellationToken).ConfigureAwait(false))
            return default!;

        return await _factory.CreateSagaConsumeContext(_database, _context, instance, SagaConsumeContextMode.Insert).ConfigureAwait(false);
    }

    /// <summary>The stored instance's context, or null when it is not there.</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _database.LoadAsync(correlationId, CancellationToken).ConfigureAwait(false);
        if (instance is null)
            return default!;

        return await _factory.CreateSagaConsumeContext(_database, _context, instance, SagaConsumeContextMode.Load).ConfigureAwait(false);
    }

    /// <summary>Stores an added instance; a concurrent insert of the same id is a concurrency conflict (retry loads it).</summary>
    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        if (!await _database.InsertAsync(context.Saga, CancellationToken).ConfigureAwait(false))
            throw new ConcurrencyException(
                $"Saga {typeof(TSaga).Name} {context.Saga.CorrelationId} was stored by another consumer first.",
                typeof(TSaga), context.Saga.CorrelationId);
    }

    public Task Update(SagaConsumeContext<TSaga> context) => _database.UpdateAsync(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<TSaga> context) => _database.DeleteAsync(context.Saga, CancellationToken);

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance,
        SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_database, consumeContext, instance, mode);
}
