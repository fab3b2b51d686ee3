// THROW-AWAY STUBS (issue 9, hosting): the Props signatures of the actors other engineers write, so that the hosting
// compiles before they land. Each is deleted when `git merge akka` brings the real one. NEVER merged as the real thing.
using Akka.Actor;
using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Samples
{
    public sealed class SampleEntity : ReceiveActor
    {
        public static Props Props(string entityId, RuntimeServices services, IActorRef inference, IActorRef retriever) =>
            Akka.Actor.Props.Create(() => new SampleEntity());
        public SampleEntity() => ReceiveAny(_ => { });
    }
}

namespace RobustFT.Cluster.Workers
{
    public sealed class GetWorkers
    {
        public static GetWorkers Instance { get; } = new();
    }

    public sealed class GpuWorker : ReceiveActor
    {
        public static Props Props(RuntimeServices services, string device, TimeSpan statusInterval) =>
            Akka.Actor.Props.Create(() => new GpuWorker());
        public GpuWorker() => ReceiveAny(_ => { });
    }

    public sealed class InferenceDispatcher : ReceiveActor
    {
        public static Props Props(RuntimeServices services, TimeSpan staleAfter) => Akka.Actor.Props.Create(() => new InferenceDispatcher());
        public InferenceDispatcher() => Receive<GetWorkers>(_ => Sender.Tell((IReadOnlyList<Contracts.WorkerStatus>)[]));
    }

    public sealed class Retriever : ReceiveActor
    {
        public static Props Props(RuntimeServices services) => Akka.Actor.Props.Create(() => new Retriever());
        public Retriever() => ReceiveAny(_ => { });
    }
}

namespace RobustFT.Cluster.Runs
{
    public sealed class CoordinatorActor : ReceiveActor
    {
        public static Props Props(RuntimeServices services, IActorRef sampleRegion, string readJournalPluginId) =>
            Akka.Actor.Props.Create(() => new CoordinatorActor());
        public CoordinatorActor() => ReceiveAny(_ => { });
    }
}
