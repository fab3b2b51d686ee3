using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Runs.Events;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Serialization;

/// <summary>Every type <see cref="RobustFtSerializer"/> writes, with its manifest. A manifest is stored in the journal
/// with each event: never change or reuse one; a renamed or moved type keeps its manifest.</summary>
public static class RobustFtManifests
{
    public static ManifestRegistry Registry { get; } = new(
    [
        // Sample commands (sharding), inference and retrieval (dispatcher <-> GPU workers, retriever).
        new("start-sample", typeof(StartSample)),
        new("index-ready", typeof(IndexReady)),
        new("selection-decided", typeof(SelectionDecided)),
        new("generate-request", typeof(GenerateRequest)),
        new("generate-completed", typeof(GenerateCompleted)),
        new("embed-request", typeof(EmbedRequest)),
        new("embed-completed", typeof(EmbedCompleted)),
        new("retrieve-request", typeof(RetrieveRequest)),
        new("retrieve-completed", typeof(RetrieveCompleted)),
        // GPU workers' statuses (DistributedPubSub) and a dispatcher's answer to GetWorkers.
        new("worker-status", typeof(WorkerStatus)),
        new("get-workers", typeof(GetWorkers), GetWorkers.Instance),
        new("get-worker-status", typeof(GetWorkerStatus), GetWorkerStatus.Instance),
        new("worker-statuses", typeof(List<WorkerStatus>)),
        // A dispatcher taking back requests that wait at a busy worker (work stealing at a step's tail).
        new("return-unstarted", typeof(ReturnUnstarted)),
        new("unstarted-returned", typeof(UnstartedReturned)),
        // `robustft status` through the ClusterClient receptionist.
        new("get-cluster-snapshot", typeof(GetClusterSnapshot), GetClusterSnapshot.Instance),
        new("cluster-snapshot", typeof(ClusterSnapshot)),
        // Sample entity journal.
        new("sample-started", typeof(SampleStarted)),
        new("generation-recorded", typeof(GenerationRecorded)),
        new("embedding-recorded", typeof(EmbeddingRecorded)),
        new("index-released", typeof(IndexReleased)),
        new("neighbours-recorded", typeof(NeighboursRecorded)),
        new("selection-recorded", typeof(SelectionRecorded)),
        // Run actor journal.
        new("run-phase-advanced", typeof(RunPhaseAdvanced)),
        new("threshold-decided", typeof(ThresholdDecided)),
    ]);
}
