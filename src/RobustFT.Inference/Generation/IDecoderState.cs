namespace RobustFT.Inference.Generation;

/// <summary>A backend's KV cache after a call (opaque to the generator; an ORT backend keeps its native tensors).</summary>
public interface IDecoderState : IDisposable
{
    /// <summary>Sequence length the cache covers.</summary>
    int Length { get; }
}
