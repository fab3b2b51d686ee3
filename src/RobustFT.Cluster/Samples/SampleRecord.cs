namespace RobustFT.Cluster.Samples;

/// <summary>What the method made of one sample so far: the state of its <c>SampleEntity</c>, rebuilt from its events by
/// <see cref="SampleJourney.Apply"/>, and the row of the read model (<c>sample_states</c>) that counts, exports and the
/// dashboard read.</summary>
public sealed class SampleRecord
{
    public string CurrentState { get; set; } = "";
    public string RunId { get; set; } = "";
    public string SampleId { get; set; } = "";

    // Detect
    public string? BaseResponse { get; set; }
    public string? BaseAnswer { get; set; }
    public List<string> ReasoningResponses { get; set; } = [];
    public string? ReasoningAnswer { get; set; }

    // Check
    public double? Consistency { get; set; }
    public bool? Clean { get; set; }
    public string? CheckerResponse { get; set; }
    public float[]? Embedding { get; set; }

    // Retrieve + relabel + review
    public string[]? Neighbours { get; set; }
    public string? ContextResponse { get; set; }
    public string? ContextAnswer { get; set; }
    public double? Entropy { get; set; }
    public string? ReviewResponse { get; set; }
    public string? ReviewLabel { get; set; }

    // Select
    public int? Rank { get; set; }
    public bool? Selected { get; set; }
    public string? FinalLabel { get; set; }

    /// <summary>The state the last recorded result leads to (set by <see cref="SampleProgression"/>).</summary>
    public string? NextState { get; set; }

    public string? FaultReason { get; set; }

    /// <summary>Why the sample ended <see cref="SampleStates.Unlabeled"/> (no valid label from review or context).</summary>
    public string? UnlabeledReason { get; set; }
}
