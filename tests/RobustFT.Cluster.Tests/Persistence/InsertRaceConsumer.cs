using MassTransit;
using MassTransit.Saga;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>
/// Runs two repository contexts of the SQL saga repository inside a live consume context: the first inserts the id and
/// keeps its transaction open for a moment while the second inserts the same id.
/// </summary>
public sealed class InsertRaceConsumer(InsertRaceProbe probe) : IConsumer<InsertRace>
{
    public async Task Consume(ConsumeContext<InsertRace> context)
    {
        try
        {
            var id = context.Message.CorrelationId;
            var firstInserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            SagaConsumeContext<CounterSaga, InsertRace>? first = null, second = null;

            var winner = probe.Factory.Send(context, Pipe.ExecuteAsync<SagaRepositoryContext<CounterSaga, InsertRace>>(async repository =>
            {
                first = await repository.Insert(new CounterSaga { CorrelationId = id, RunId = "winner", CurrentState = "Counting" });
                firstInserted.SetResult();
                await Task.Delay(300); // the transaction stays open while the other context tries
            }));
            await Task.WhenAny(firstInserted.Task, winner);
            if (winner.IsFaulted)
                await winner;

            var loser = Task.Run(() => probe.Factory.Send(context, Pipe.ExecuteAsync<SagaRepositoryContext<CounterSaga, InsertRace>>(
                async repository => second = await repository.Insert(
                    new CounterSaga { CorrelationId = id, RunId = "loser", CurrentState = "Counting" }))));
            await Task.WhenAll(winner, loser);

            probe.Result.TrySetResult((first?.Saga, second?.Saga));
        }
        catch (Exception ex)
        {
            probe.Result.TrySetException(ex);
        }
    }
}
