using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Workers;

/// <summary>A <see cref="GpuWorker"/>'s answer to <see cref="ReturnUnstarted"/>: the ids of the sender's requests it took
/// out of its device's queue (none ran, none will be answered by it; possibly none at all). The dispatcher sends them to
/// another worker.</summary>
public sealed record UnstartedReturned(IReadOnlyList<string> RequestIds) : IRobustFtMessage;
