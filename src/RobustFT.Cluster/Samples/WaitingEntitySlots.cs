namespace RobustFT.Cluster.Samples;

/// <summary>How many of a node's sample entities stay in memory while they wait at a barrier: an entity that reaches a
/// barrier takes a slot and stays (the barrier's message then finds it live, without a recovery from the journal), or,
/// with every slot taken, passivates. The slot is given back when the entity moves on or stops. One per node
/// (<see cref="Hosting.RuntimeServices.WaitingSlots"/>), shared by its entities; thread-safe.</summary>
public sealed class WaitingEntitySlots
{
    private int _taken;

    /// <summary>Slots taken now.</summary>
    public int Taken => Volatile.Read(ref _taken);

    /// <summary>Takes a slot when fewer than <paramref name="limit"/> are taken.</summary>
    public bool TryTake(int limit)
    {
        while (true)
        {
            var taken = Volatile.Read(ref _taken);
            if (taken >= limit) return false;
            if (Interlocked.CompareExchange(ref _taken, taken + 1, taken) == taken) return true;
        }
    }

    public void Return() => Interlocked.Decrement(ref _taken);
}
