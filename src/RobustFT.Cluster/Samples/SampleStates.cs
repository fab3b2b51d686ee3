namespace RobustFT.Cluster.Samples;

/// <summary>State names as persisted (the state machine's properties carry the same names).</summary>
public static class SampleStates
{
    public const string Detecting = nameof(Detecting);
    public const string Reasoning = nameof(Reasoning);
    public const string Checking = nameof(Checking);
    public const string Embedding = nameof(Embedding);
    public const string AwaitingIndex = nameof(AwaitingIndex);
    public const string Retrieving = nameof(Retrieving);
    public const string Relabeling = nameof(Relabeling);
    public const string Reviewing = nameof(Reviewing);
    public const string AwaitingSelection = nameof(AwaitingSelection);
    public const string Clean = nameof(Clean);
    public const string Selected = nameof(Selected);
    public const string Dropped = nameof(Dropped);

    /// <summary>A method outcome, not a fault: neither the review nor the context answer is a valid label. The sample
    /// took part in the entropy ranking like every relabeled sample and is never exported.</summary>
    public const string Unlabeled = nameof(Unlabeled);

    /// <summary>An error: a model call failed, a prompt was too long, a response had no tokens.</summary>
    public const string Faulted = nameof(Faulted);

    /// <summary>States before the first barrier (detection, checking, embedding).</summary>
    public static readonly IReadOnlyList<string> BeforeIndex = [Detecting, Reasoning, Checking, Embedding];

    /// <summary>States between the two barriers (retrieval, relabeling, review).</summary>
    public static readonly IReadOnlyList<string> BeforeSelection = [AwaitingIndex, Retrieving, Relabeling, Reviewing];

    /// <summary>States in which a sample needs nothing more.</summary>
    public static readonly IReadOnlyList<string> Terminal = [Clean, Selected, Dropped, Unlabeled, Faulted];

    /// <summary>States that send no request: barrier waits and terminal states. Every other state is a working state,
    /// whose request is (re-)sent on entry and on a resume kick.</summary>
    public static readonly IReadOnlyList<string> Waiting = [AwaitingIndex, AwaitingSelection, .. Terminal];

    /// <summary>Every state in pipeline order, for display.</summary>
    public static readonly IReadOnlyList<string> All =
        [Detecting, Reasoning, Checking, Embedding, AwaitingIndex, Retrieving, Relabeling, Reviewing, AwaitingSelection, Clean, Selected, Dropped, Unlabeled, Faulted];

    /// <summary>States whose request is outstanding (everything but <see cref="Waiting"/>).</summary>
    public static readonly IReadOnlyList<string> Working = All.Except(Waiting).ToArray();
}
