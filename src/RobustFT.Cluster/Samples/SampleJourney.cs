using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Samples.Events;

namespace RobustFT.Cluster.Samples;

/// <summary>
/// One sample's journey as pure functions, shared by the sample entity (live and on recovery) and the read-model
/// projection:
/// <code>
///  StartSample ─► Detecting ─base─► Reasoning ─rounds─► [Checking] ─► Embedding ─┬─clean─► Clean
///                                                                              └─noisy─► AwaitingIndex
///  AwaitingIndex ─IndexReady─► Retrieving ─► Relabeling ─context─► Reviewing ─review─► AwaitingSelection
///  AwaitingSelection ─SelectionDecided─► Selected | Dropped | Unlabeled (no valid label)   any step error ─► Faulted
/// </code>
/// <see cref="Decide"/> says which event a message leads to in the current state, or null when the message does not
/// belong there (a duplicate, late or out-of-order result); <see cref="Apply"/> applies an event through
/// <see cref="SampleProgression"/>. Ablations (<c>robustft.method.ablations</c>) skip steps inside SampleProgression.
/// </summary>
public static class SampleJourney
{
    /// <summary>The event <paramref name="message"/> leads to, or null when it is ignored. <paramref name="record"/> is null
    /// before the sample started.</summary>
    public static ISampleEvent? Decide(SampleRecord? record, ISampleCommand message)
    {
        if (record is null)
            return message is StartSample s ? new SampleStarted(s.RunId, s.SampleId) : null;
        return (record.CurrentState, message) switch
        {
            (_, GenerateCompleted g) when g.Step == SampleProgression.ExpectedStep(record) =>
                new GenerationRecorded(g.Step, g.Text, g.Logprobs, g.Error),
            (SampleStates.Embedding, EmbedCompleted e) => new EmbeddingRecorded(e.Vector, e.Error),
            (SampleStates.AwaitingIndex, IndexReady) => new IndexReleased(),
            (SampleStates.Retrieving, RetrieveCompleted r) => new NeighboursRecorded(r.NeighbourIds, r.Error),
            (SampleStates.AwaitingSelection, SelectionDecided d) => new SelectionRecorded(d.Rank, d.Selected, d.Threshold),
            _ => null,
        };
    }

    /// <summary>Applies <paramref name="e"/> to <paramref name="record"/> (a new record for <see cref="SampleStarted"/>)
    /// and returns the record, now in its next state.</summary>
    public static SampleRecord Apply(SampleRecord? record, ISampleEvent e, RunContext run)
    {
        if (e is SampleStarted started)
            return record ?? new SampleRecord { RunId = started.RunId, SampleId = started.SampleId, CurrentState = SampleStates.Detecting };
        if (record is null) throw new InvalidOperationException($"event {e.GetType().Name} before SampleStarted");
        switch (e)
        {
            case GenerationRecorded g: SampleProgression.ApplyGeneration(record, g, run); break;
            case EmbeddingRecorded m: SampleProgression.ApplyEmbedding(record, m, run); break;
            case IndexReleased: record.NextState = SampleStates.Retrieving; break;
            case NeighboursRecorded n: SampleProgression.ApplyRetrieval(record, n); break;
            case SelectionRecorded s: SampleProgression.ApplySelection(record, s); break;
            default: throw new InvalidOperationException($"unknown sample event {e.GetType().Name}");
        }
        record.CurrentState = record.NextState ?? throw new InvalidOperationException($"sample {record.SampleId}: {e.GetType().Name} chose no next state");
        record.NextState = null;
        return record;
    }

    /// <summary>Whether the sample sends a request in its current state (and so waits for a result with a timeout).</summary>
    public static bool IsWorking(SampleRecord record) => !SampleStates.Waiting.Contains(record.CurrentState);

    public static bool IsTerminal(SampleRecord record) => SampleStates.Terminal.Contains(record.CurrentState);
}
