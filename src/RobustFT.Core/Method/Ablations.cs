using System.Text.Json.Serialization;

namespace RobustFT.Core.Method;

/// <summary>The paper's ablations (config <c>robustft.method.ablations.*</c>): each switches one part of the method off.
/// With none set the method runs in full.</summary>
public sealed record Ablations
{
    /// <summary>No entropy selection: every relabeled sample is kept.</summary>
    public bool NoSelection { get; init; }

    /// <summary>No reasoning expert: the checker uses the base expert alone.</summary>
    public bool NoReasoning { get; init; }

    /// <summary>No review: the context-enhanced answer is the new label.</summary>
    public bool NoReview { get; init; }

    /// <summary>No context: relabeling without retrieved examples (no embedding, no retrieval).</summary>
    public bool NoContext { get; init; }

    /// <summary>No relabeling: noisy samples are dropped.</summary>
    public bool NoRelabeling { get; init; }

    /// <summary>Noisy samples are relabeled (by the context step).</summary>
    [JsonIgnore]
    public bool Relabels => !NoRelabeling;

    /// <summary>Questions are embedded and noisy samples retrieve clean neighbours for their context prompt.</summary>
    [JsonIgnore]
    public bool Retrieves => Relabels && !NoContext;

    /// <summary>The review agent gives the new label.</summary>
    [JsonIgnore]
    public bool Reviews => Relabels && !NoReview;

    /// <summary>Relabeled samples go through the global entropy ranking.</summary>
    [JsonIgnore]
    public bool Selects => Relabels && !NoSelection;

    [JsonIgnore]
    public bool Any => NoSelection || NoReasoning || NoReview || NoContext || NoRelabeling;
}
