namespace RobustFT.Dashboard.Api;

/// <summary>Answer of a control request (<c>POST /api/runs/{id}/pause|resume|cancel</c>).</summary>
public sealed record ControlResult(string Action, bool Changed, RunSummary Run);
