using RobustFT.Cluster.Persistence;

namespace RobustFT.Cluster.Tests.Persistence;

/// <summary>The test saga: counts increments, stored through the SQL repository.</summary>
public sealed class CounterSaga : IStoredSaga
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string RunId { get; set; } = "";

    public string CurrentState { get; set; } = "";

    public int Count { get; set; }
}
