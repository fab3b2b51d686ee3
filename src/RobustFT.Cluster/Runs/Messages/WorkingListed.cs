namespace RobustFT.Cluster.Runs.Messages;

/// <summary>The samples a re-drive found working: each is sent StartSample again, at most the per-look bound a look.</summary>
internal sealed record WorkingListed(IReadOnlyList<string> SampleIds);
