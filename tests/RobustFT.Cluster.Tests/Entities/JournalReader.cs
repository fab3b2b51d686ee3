using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>Reads one persistence id's events the way recovery does and sends them, as a list, to <paramref name="replyTo"/>;
/// then stops. The tests' view of what an entity persisted.</summary>
public sealed class JournalReader(string persistenceId, IActorRef replyTo) : UntypedPersistentActor
{
    private readonly List<ISampleEvent> _events = [];

    public override string PersistenceId { get; } = persistenceId;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case ISampleEvent e: _events.Add(e); break;
            case Tagged { Payload: ISampleEvent e }: _events.Add(e); break;
            case RecoveryCompleted:
                replyTo.Tell(new RecoveredEvents(_events));
                Context.Stop(Self);
                break;
        }
    }

    protected override void OnCommand(object message) => Unhandled(message);
}
