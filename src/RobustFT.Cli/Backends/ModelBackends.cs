using RobustFT.Inference.Abstractions;

namespace RobustFT.Cli.Backends;

/// <summary>The models a GPU worker serves: a generator for the experts, the review and the checker, and an encoder
/// for retrieval.</summary>
public sealed record ModelBackends(ILanguageModel Generator, IEmbedder Encoder) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (Generator is IAsyncDisposable g) await g.DisposeAsync();
        else (Generator as IDisposable)?.Dispose();
        if (Encoder is IAsyncDisposable e) await e.DisposeAsync();
        else (Encoder as IDisposable)?.Dispose();
    }
}
