using RobustFT.Cluster.Samples;

namespace RobustFT.Dashboard.Api;

/// <summary>The per-sample state machine (<c>SampleStateMachine</c>) as data for drawing: its transitions and the kind of
/// each state. State names come from <see cref="SampleStates"/>; the edges mirror the machine's <c>During</c> blocks (the
/// ablation edges from Detecting and Checking that parallel Reasoning's are left out to keep the drawing readable).</summary>
public static class StateMachineDiagram
{
    public const string Working = "working";
    public const string Waiting = "waiting";
    public const string Terminal = "terminal";

    public static IReadOnlyList<StateEdge> Edges { get; } =
    [
        new(SampleStates.Detecting, SampleStates.Reasoning, "base answer"),
        new(SampleStates.Reasoning, SampleStates.Reasoning, "next round"),
        new(SampleStates.Reasoning, SampleStates.Checking, "llm checker"),
        new(SampleStates.Reasoning, SampleStates.Embedding, "checked"),
        new(SampleStates.Checking, SampleStates.Embedding, "checked"),
        new(SampleStates.Embedding, SampleStates.Clean, "clean"),
        new(SampleStates.Embedding, SampleStates.AwaitingIndex, "noisy"),
        new(SampleStates.AwaitingIndex, SampleStates.Retrieving, "IndexReady (barrier 1)"),
        new(SampleStates.Retrieving, SampleStates.Relabeling, "neighbours"),
        new(SampleStates.Relabeling, SampleStates.Reviewing, "context answer"),
        new(SampleStates.Reviewing, SampleStates.AwaitingSelection, "review label"),
        new(SampleStates.AwaitingSelection, SampleStates.Selected, "SelectionDecided (barrier 2)"),
        new(SampleStates.AwaitingSelection, SampleStates.Dropped, "SelectionDecided (barrier 2)"),
        new(SampleStates.AwaitingSelection, SampleStates.Unlabeled, "SelectionDecided, no valid label"),
        // Ablations (robustft.method.ablations) skip steps.
        new(SampleStates.Detecting, SampleStates.Embedding, "checked (no reasoning)", Ablation: true),
        new(SampleStates.Detecting, SampleStates.Checking, "llm checker (no reasoning)", Ablation: true),
        new(SampleStates.Reasoning, SampleStates.Clean, "clean (no retrieval)", Ablation: true),
        new(SampleStates.Reasoning, SampleStates.Relabeling, "noisy (no context)", Ablation: true),
        new(SampleStates.Reasoning, SampleStates.Dropped, "noisy (no relabeling)", Ablation: true),
        new(SampleStates.Relabeling, SampleStates.AwaitingSelection, "context label (no review)", Ablation: true),
        new(SampleStates.Reviewing, SampleStates.Selected, "review label (no selection)", Ablation: true),
        new(SampleStates.Reviewing, SampleStates.Unlabeled, "no valid label (no selection)", Ablation: true),
        .. SampleStates.Working.Select(s => new StateEdge(s, SampleStates.Faulted, "step error")),
    ];

    public static string KindOf(string state) =>
        SampleStates.Terminal.Contains(state) ? Terminal : SampleStates.Waiting.Contains(state) ? Waiting : Working;

    /// <summary>Every state in <see cref="SampleStates.All"/> order with its count (missing states count 0).</summary>
    public static IReadOnlyList<StateCount> Counts(IReadOnlyDictionary<string, int> counts) =>
        SampleStates.All.Select(s => new StateCount(s, KindOf(s), counts.GetValueOrDefault(s))).ToList();
}
