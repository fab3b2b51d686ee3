using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Microsoft.Data.Sqlite;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>A journal write that fails (here: the SQLite file locked by another connection past the journal's call
/// timeout, as an overloaded journal is) stops the entity, as Akka.Persistence does; the entity hands the command back
/// to its shard after <see cref="SampleEntityOptions.PersistRetryAfter"/>, and the new incarnation it starts goes on
/// from what the journal holds, with the step recorded once.</summary>
public sealed class SampleEntityPersistFailureTests
{
    private const string Sample = "s1";

    [Fact]
    public async Task A_result_whose_journal_write_timed_out_goes_back_to_the_shard_after_the_backoff_and_the_next_incarnation_records_it_once_and_goes_on()
    {
        await using var run = await EntityTestRun.CreateAsync(persistRetryAfter: TimeSpan.FromSeconds(2));
        var config = ConfigurationFactory.ParseString("akka.persistence.journal.sql.circuit-breaker.call-timeout = 1s")
            .WithFallback(ConfigurationFactory.ParseString(EntityConfig.Sqlite(run.DatabasePath)));
        using var kit = new TestKit(config, "persist-failure");
        var sample = new EntityDriver(kit, run, Sample);
        var entity = sample.Start();
        sample.StartSample();
        var baseRequest = sample.ExpectGenerate(SampleSteps.Base);
        kit.Watch(entity);

        await using (var locker = new SqliteConnection($"Data Source={run.DatabasePath}"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }
            sample.Answer(baseRequest, "Answer: A", [-0.1f]);
            kit.ExpectTerminated(entity, TimeSpan.FromSeconds(15)); // the write timed out: the entity stopped
            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        sample.Inference.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // The shard (the test's parent) gets the result back after the backoff and starts a new incarnation with it.
        var handedBack = (GenerateCompleted)sample.Parent.FishForMessage(m => m is GenerateCompleted, TimeSpan.FromSeconds(10));
        Assert.Equal((baseRequest.RequestId, "Answer: A"), (handedBack.RequestId, handedBack.Text));
        sample.StartWith(handedBack);

        // Recovered in Detecting (the write never landed) it re-sends the base request on entry, then records the
        // handed-back result; recovered in Reasoning (the write landed late) it ignores the result. Either way: next step.
        sample.Inference.FishForMessage(m => m is GenerateRequest { Step: SampleSteps.Reasoning }, TimeSpan.FromSeconds(15));
        Assert.Equal([nameof(SampleStarted), nameof(GenerationRecorded)], sample.Journal().Select(e => e.GetType().Name));
        Assert.Equal(SampleStates.Reasoning, sample.StateInJournal());
    }
}
