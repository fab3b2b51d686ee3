namespace RobustFT.Dashboard.Api;

/// <summary><c>GET /api/runs/{id}/samples/{sampleId}</c>: one sample's journey through the method.</summary>
/// <param name="UnlabeledReason">Why a relabeled sample got no valid label (state Unlabeled).</param>
/// <param name="SkippedSteps">The steps the run skipped (its ablations, <c>robustft.method.ablations</c>), in pipeline
/// order; empty for the full method.</param>
public sealed record SampleLineage(
    string RunId,
    string SampleId,
    string State,
    string Question,
    IReadOnlyList<string> Options,
    string GivenLabel,
    IReadOnlyList<PromptView> Prompts,
    string? BaseResponse,
    string? BaseAnswer,
    IReadOnlyList<string> ReasoningResponses,
    string? ReasoningAnswer,
    double? R,
    bool? Clean,
    string? CheckerResponse,
    IReadOnlyList<NeighbourLink> Neighbours,
    string? ContextResponse,
    string? ContextAnswer,
    string? ReviewResponse,
    string? ReviewLabel,
    double? Entropy,
    int? Rank,
    bool? Selected,
    double? Threshold,
    string? FinalLabel,
    string? Fault,
    string? UnlabeledReason,
    IReadOnlyList<string> SkippedSteps);
