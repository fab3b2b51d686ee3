namespace RobustFT.Cluster.Serialization;

/// <summary>Marks a type that crosses the network between nodes or is stored in the journal: hocon/robustft.conf binds
/// it to <see cref="RobustFtSerializer"/>, and every implementation has a manifest in <see cref="RobustFtManifests"/>
/// (a test fails when one has not).</summary>
public interface IRobustFtMessage;
