namespace RobustFT.Inference.Generation;

/// <summary>The requests of one <see cref="BatchGenerator.Generate"/> call: all waiting from the start, results written
/// to their slot.</summary>
internal sealed class ListRowSource(IEnumerable<GenerationRow> rows, GeneratedSequence?[] results) : IRowSource
{
    private readonly Queue<GenerationRow> _waiting = new(rows);

    public int Count => _waiting.Count;

    public bool HasWaiting => _waiting.Count > 0;

    public bool TryTake(out GenerationRow row) => _waiting.TryDequeue(out row!);

    public bool WaitForRows(CancellationToken cancellationToken) => _waiting.Count > 0;

    public void Complete(GenerationRow row, GeneratedSequence result) => results[row.Index] = result;
}
