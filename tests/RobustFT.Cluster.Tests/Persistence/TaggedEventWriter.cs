using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>Persists each string it is sent as an event tagged <paramref name="tag"/> and answers "done" once stored.</summary>
public sealed class TaggedEventWriter(string persistenceId, string tag) : UntypedPersistentActor
{
    public override string PersistenceId { get; } = persistenceId;

    protected override void OnCommand(object message)
    {
        if (message is not string text) return;
        var sender = Sender;
        Persist(new Tagged(text, [tag]), _ => sender.Tell("done"));
    }

    protected override void OnRecover(object message) { }
}
