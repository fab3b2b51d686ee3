using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>What <see cref="InsertRaceConsumer"/> races with, and what each side's Insert returned (null = lost).</summary>
public sealed class InsertRaceProbe(SqlSagaRepositoryContextFactory<CounterSaga> factory)
{
    public SqlSagaRepositoryContextFactory<CounterSaga> Factory { get; } = factory;

    public TaskCompletionSource<(CounterSaga? Winner, CounterSaga? Loser)> Result { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
