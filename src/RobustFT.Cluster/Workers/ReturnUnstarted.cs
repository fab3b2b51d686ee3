using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Workers;

/// <summary>From a dispatcher whose queue is empty and one of whose workers has nothing of its requests, to its busiest
/// worker: give back up to <paramref name="Count"/> of my requests that wait behind your running model calls (answered
/// with <see cref="UnstartedReturned"/>), so that an idle device runs them now instead.</summary>
public sealed record ReturnUnstarted(int Count) : IRobustFtMessage;
