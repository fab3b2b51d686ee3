namespace RobustFT.Dashboard.Api;

/// <summary>A transition of the per-sample state machine, labelled with what triggers it.</summary>
public sealed record StateEdge(string From, string To, string Trigger);
