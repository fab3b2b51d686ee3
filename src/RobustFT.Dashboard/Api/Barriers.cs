namespace RobustFT.Dashboard.Api;

/// <summary>The run's two global barriers: index (every sample checked) and selection (every noisy sample relabeled).</summary>
public sealed record Barriers(bool Index, bool Selection);
