using RobustFT.Cluster.Serialization;

namespace RobustFT.Cluster.Samples.Events;

/// <summary>An event in a sample entity's journal: the outcome of one step, persisted before the next request leaves.
/// <see cref="SampleJourney.Apply"/> turns the events, in order, back into the sample's state.</summary>
public interface ISampleEvent : IRobustFtMessage;
