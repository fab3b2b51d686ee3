using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Workers;

namespace RobustFT.Bench.Entities;

/// <summary>A GPU worker that never answers: it announces itself on the workers' topic with a capacity no run reaches
/// and counts the distinct inference requests that reach it. A sample entity's first request leaves right after its
/// first event is persisted (a start) or after its events are replayed (a recovery), so the count is how many entities
/// have started or recovered.</summary>
public sealed class CountingWorker : ReceiveActor, IWithTimers
{
    private sealed record Announce
    {
        public static readonly Announce Instance = new();
    }

    public CountingWorker(RequestCounter counter)
    {
        Receive<GenerateRequest>(r => counter.Add(r.RequestId));
        Receive<EmbedRequest>(r => counter.Add(r.RequestId));
        Receive<Announce>(_ => DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(GpuWorker.Topic, new WorkerStatus(
            ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString(), "bench", "none", "counting", 1_000_000, 0, 0, 0, 0, 0,
            DateTimeOffset.UtcNow)), Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RequestCounter counter) => Akka.Actor.Props.Create(() => new CountingWorker(counter));

    protected override void PreStart()
    {
        Self.Tell(Announce.Instance);
        Timers.StartPeriodicTimer("announce", Announce.Instance, TimeSpan.FromMilliseconds(500));
    }
}
