using Akka;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using RobustFT.Cluster.Samples;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Tests.Coordination;

/// <summary>Stands in for a sample entity's journal: persists each <see cref="ISampleEvent"/> it is sent under the
/// sample's persistence id, tagged with the run, as the entity does; answers <see cref="Done"/> once it is stored.</summary>
public sealed class SampleEventWriter : ReceivePersistentActor
{
    public SampleEventWriter(string runId, string sampleId)
    {
        PersistenceId = SampleEntityId.PersistenceId(runId, sampleId);
        var tags = new[] { SampleEntityId.RunTag(runId) };
        Command<ISampleEvent>(e => Persist(new Tagged(e, tags), _ => Sender.Tell(Done.Instance)));
    }

    public override string PersistenceId { get; }
}
