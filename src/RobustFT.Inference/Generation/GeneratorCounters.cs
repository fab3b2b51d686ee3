namespace RobustFT.Inference.Generation;

/// <summary>What a <see cref="BatchGenerator"/> has done since its last <see cref="Reset"/>: decoder calls, the batch
/// rows those calls carried (slots) and how many of them were still generating (active); their ratio is the mean
/// batch occupancy. Prefill calls (a segment's first call) are counted apart.</summary>
public sealed class GeneratorCounters
{
    private long _calls, _prefills, _slots, _active, _admitted;

    public long Calls => Interlocked.Read(ref _calls);

    public long Prefills => Interlocked.Read(ref _prefills);

    /// <summary>Requests admitted into a batch that had rows still decoding (iteration-level or continuous batching).</summary>
    public long AdmittedRows => Interlocked.Read(ref _admitted);

    public long SlotRows => Interlocked.Read(ref _slots);

    public long ActiveRows => Interlocked.Read(ref _active);

    /// <summary>Active rows / slot rows over the decode calls (1 when every row of every call was generating).</summary>
    public double Occupancy => SlotRows == 0 ? 0 : (double)ActiveRows / SlotRows;

    internal void Prefill() => Interlocked.Increment(ref _prefills);

    internal void Admitted(int rows) => Interlocked.Add(ref _admitted, rows);

    internal void Call(int slots, int active)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _slots, slots);
        Interlocked.Add(ref _active, active);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _prefills, 0);
        Interlocked.Exchange(ref _slots, 0);
        Interlocked.Exchange(ref _active, 0);
        Interlocked.Exchange(ref _admitted, 0);
    }
}
