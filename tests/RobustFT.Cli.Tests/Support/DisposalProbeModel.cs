using RobustFT.Inference.Abstractions;

namespace RobustFT.Cli.Tests.Support;

/// <summary>A model that only records whether it was disposed (it is never asked to generate).</summary>
public sealed class DisposalProbeModel : ILanguageModel, IDisposable
{
    public bool Disposed { get; private set; }

    public string ModelId => "disposal-probe";

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the disposal probe does not generate");

    public void Dispose() => Disposed = true;
}
