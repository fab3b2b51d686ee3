using Akka;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>A persistent actor that stores what it is sent as the runtime does (a sample event tagged with its run, any
/// other event plain), answers <see cref="Done"/> once it is stored, and answers <see cref="ReadEvents"/> with every
/// event it recovered or stored.</summary>
public sealed class EventLog(string persistenceId) : UntypedPersistentActor
{
    private readonly List<object> _events = [];

    public override string PersistenceId { get; } = persistenceId;

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new EventLog(persistenceId));

    protected override void OnRecover(object message)
    {
        if (message is RecoveryCompleted or SnapshotOffer) return;
        _events.Add(message is Tagged tagged ? tagged.Payload : message);
    }

    protected override void OnCommand(object message)
    {
        if (message is ReadEvents)
        {
            Sender.Tell(_events.ToList() as IReadOnlyList<object>);
            return;
        }
        var sender = Sender;
        Persist(message is ISampleEvent ? new Tagged(message, ["run-old"]) : message, _ =>
        {
            _events.Add(message);
            sender.Tell(Done.Instance);
        });
    }
}
