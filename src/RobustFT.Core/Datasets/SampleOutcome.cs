using RobustFT.Core.Samples;

namespace RobustFT.Core.Datasets;

/// <summary>Everything the method produced for one sample, as exported to <c>samples.csv</c>; null where a step did not
/// run. <see cref="State"/> is the sample's final state (for example Clean, Selected, Dropped, Unlabeled, Faulted);
/// <see cref="Exported"/> says whether the sample goes to the training files, with <see cref="FinalLabel"/>.</summary>
public sealed record SampleOutcome(Sample Sample, string State)
{
    public string? BaseResponse { get; init; }
    public string? BaseAnswer { get; init; }
    public string? ReasoningResponse { get; init; }
    public string? ReasoningAnswer { get; init; }
    /// <summary>Checker score r in [0, 1].</summary>
    public double? R { get; init; }
    public bool? Clean { get; init; }
    /// <summary>Ids of the retrieved clean neighbours, best first.</summary>
    public IReadOnlyList<string>? Neighbours { get; init; }
    public string? ContextResponse { get; init; }
    public string? ContextAnswer { get; init; }
    public string? ReviewResponse { get; init; }
    public string? ReviewLabel { get; init; }
    public double? Entropy { get; init; }
    /// <summary>1-based rank in global entropy selection.</summary>
    public int? Rank { get; init; }
    public bool? Selected { get; init; }
    public string? FinalLabel { get; init; }
    public bool Exported { get; init; }
    /// <summary>Why the sample faulted, if it did.</summary>
    public string? Fault { get; init; }
    /// <summary>Why a relabeled sample got no valid label (state Unlabeled), if it did not.</summary>
    public string? UnlabeledReason { get; init; }
}
