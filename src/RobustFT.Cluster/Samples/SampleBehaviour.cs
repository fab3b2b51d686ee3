namespace RobustFT.Cluster.Samples;

/// <summary>How a <see cref="SampleEntity"/> behaves in a state (<see cref="SampleEntity.BehaviourOf"/> maps every
/// state to one).</summary>
public enum SampleBehaviour
{
    /// <summary>The state's request is out: results are awaited, the request is re-sent after the request timeout.</summary>
    Working,

    /// <summary>Waits for a barrier (IndexReady, SelectionDecided) with nothing in flight: the entity passivates.</summary>
    AtBarrier,

    /// <summary>Terminal: every message is ignored; the entity passivates.</summary>
    Finished,
}
