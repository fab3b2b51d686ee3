using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs.Messages;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Runs;

/// <summary>
/// The read model of one run's samples, fed from the journal: <c>EventsByTag(RunTag(run), Offset.Sequence(stored
/// offset))</c> on the SQL read journal, each event applied with <see cref="SampleJourney.Apply"/> to the sample's
/// previous record (this batch's, else the table's), each batch written with its last offset in one transaction
/// (<see cref="SampleReadModel.SaveAsync"/>). A restart resumes after the stored offset (the query is exclusive of
/// it), so no event is applied twice. No event is skipped: Akka.Persistence.Sql writes an event's journal row and its
/// tag rows in one transaction, and the read journal hands out tagged events only up to the highest journal ordering
/// without gaps (its journal-sequence actor); a gap (an ordering taken by a transaction not yet committed, as with
/// concurrent writers on PostgreSQL) is waited for <c>journal-sequence-retrieval.max-tries × query-delay</c> before it
/// is taken for a rolled-back write, so that product must exceed the longest journal write. Events deleted from the
/// journal (<c>DeleteMessages</c>) before the projection read them would be lost to it. A failed stream (database
/// down) restarts with backoff from the stored offset.
/// </summary>
public static class SampleProjection
{
    /// <summary>Events per read-model transaction at most.</summary>
    private const int MaxBatch = 1000;

    /// <summary>How long a batch collects events before it is written. Shorter windows (none, 50 ms) made the projection
    /// test's 40 concurrent journal writers time out under CI load (SQLite and PostgreSQL), so it stays at 100 ms.</summary>
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>Starts the projection of <paramref name="runId"/>; <paramref name="notify"/> gets a
    /// <see cref="ProjectionAdvanced"/> after every batch. Stop it with the returned kill switch.</summary>
    public static UniqueKillSwitch Start(ActorSystem system, IMaterializer materializer, RuntimeServices services,
        string runId, string readJournalPluginId, IActorRef notify)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(readJournalPluginId);
        var logger = services.Logging.CreateLogger(typeof(SampleProjection));
        var tag = SampleEntityId.RunTag(runId);
        var settings = RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2);
        var source = RestartSource.OnFailuresWithBackoff(() =>
            Source.FromTask(services.Samples.GetOffsetAsync(runId))
                .ConcatMany(offset => journal.EventsByTag(tag, Offset.Sequence(offset)))
                .GroupedWithin(MaxBatch, BatchWindow)
                .SelectAsync(1, batch => ApplyAsync(services, runId, batch.ToList()))
                .Recover(e =>
                {
                    logger.LogWarning("run {RunId}: sample projection failed: {Error}; restarting from the stored offset", runId, e.Message);
                    throw e;
                }), settings);
        return source
            .ViaMaterialized(KillSwitches.Single<long>(), Keep.Right)
            .To(Sink.ForEach<long>(offset => notify.Tell(new ProjectionAdvanced(offset))))
            .Run(materializer);
    }

    /// <summary>Applies one batch of envelopes and stores the changed records with the batch's last offset.</summary>
    public static async Task<long> ApplyAsync(RuntimeServices services, string runId, IReadOnlyList<EventEnvelope> batch)
    {
        var run = await services.Catalog.GetAsync(runId);
        var ids = batch.Select(e => SampleIdOf(runId, e.PersistenceId)).Distinct(StringComparer.Ordinal).ToList();
        var stored = await services.Samples.GetManyAsync(runId, ids);
        var changed = new Dictionary<string, SampleRecord>(StringComparer.Ordinal);
        foreach (var envelope in batch)
        {
            if (envelope.Event is not ISampleEvent e)
                throw new InvalidDataException($"run {runId}: event {envelope.Event?.GetType().Name ?? "null"} of {envelope.PersistenceId} " +
                    $"(offset {OffsetOf(envelope)}) is not a sample event");
            var sampleId = SampleIdOf(runId, envelope.PersistenceId);
            var previous = changed.GetValueOrDefault(sampleId) ?? stored.GetValueOrDefault(sampleId);
            changed[sampleId] = SampleJourney.Apply(previous, e, run);
        }
        var offset = OffsetOf(batch[^1]);
        await services.Samples.SaveAsync(runId, changed.Values, offset);
        return offset;
    }

    private static long OffsetOf(EventEnvelope envelope) => envelope.Offset is Sequence s
        ? s.Value
        : throw new InvalidDataException($"the read journal gave offset {envelope.Offset} for {envelope.PersistenceId}; a sequence offset is needed");

    private static string SampleIdOf(string runId, string persistenceId)
    {
        const string prefix = "sample-";
        if (!persistenceId.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidDataException($"run {runId}: event of '{persistenceId}', which is not a sample entity, carries the run's tag");
        var (eventRun, sampleId) = SampleEntityId.Parse(persistenceId[prefix.Length..]);
        if (eventRun != runId)
            throw new InvalidDataException($"run {runId}: event of '{persistenceId}' (run {eventRun}) carries the run's tag");
        return sampleId;
    }
}
