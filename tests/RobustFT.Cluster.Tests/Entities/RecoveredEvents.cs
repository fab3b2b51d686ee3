using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Tests.Entities;

/// <summary>What <see cref="JournalReader"/> read from the journal, in order.</summary>
public sealed record RecoveredEvents(IReadOnlyList<ISampleEvent> Events);
