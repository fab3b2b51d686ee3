using RobustFT.Core.Randomness;
namespace RobustFT.Inference.Generation;

/// <summary>Mutable bookkeeping of one request while its batch runs.</summary>
internal sealed class GenerationRow(int index, GenerationPrompt prompt)
{
    public int Index { get; } = index;
    public GenerationPrompt Prompt { get; } = prompt;
    public SplitMix64 Random { get; } = new(prompt.Options.Seed);
    public List<int> Generated { get; } = [];
    public List<float> Logprobs { get; } = [];
    public List<float> Entropies { get; } = [];
    public string? FinishReason { get; set; }
    public string? Text { get; set; }
    public bool Finished => FinishReason is not null;

    /// <summary>The submitter's token (a <see cref="ContinuousGenerator"/> submission); none for a fixed list.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The submitter gave up: the row leaves the batch at the next step.</summary>
    public bool Abandoned => !Finished && Cancellation.IsCancellationRequested;
    public int LastToken => Generated[^1];

    /// <summary>Prompt plus generated tokens: what a re-formed batch prefills for this row.</summary>
    public int ContextLength => Prompt.PromptIds.Count + Generated.Count;

    public int ContextToken(int position) =>
        position < Prompt.PromptIds.Count ? Prompt.PromptIds[position] : Generated[position - Prompt.PromptIds.Count];
}
