namespace RobustFT.Dashboard.Api;

/// <summary>A transition of the per-sample state machine, labelled with what triggers it. <see cref="Ablation"/>: taken
/// only when an ablation (<c>robustft.method.ablations</c>) skips steps.</summary>
public sealed record StateEdge(string From, string To, string Trigger, bool Ablation = false);
