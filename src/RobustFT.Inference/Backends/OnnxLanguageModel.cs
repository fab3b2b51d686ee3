using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Chat;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.Tokenization.Loading;

namespace RobustFT.Inference.Backends;

/// <summary><see cref="ILanguageModel"/> over an Optimum decoder export directory: renders each request's messages with
/// the chat template, tokenizes, and generates the whole batch at once (bucketing by length happens upstream).</summary>
public sealed class OnnxLanguageModel(IDecoderStep step, ITokenizer tokenizer, IChatTemplate template, GeneratorSettings settings, string modelId)
    : ILanguageModel, IDisposable
{
    private readonly BatchGenerator _generator = new(step, tokenizer, settings);

    public string ModelId { get; } = modelId;

    public GeneratorSettings Settings => settings;

    public ITokenizer Tokenizer => tokenizer;

    /// <summary>Loads <paramref name="directory"/>: the ONNX decoder, <c>tokenizer.json</c>, the chat template
    /// (<paramref name="chatTemplate"/> = a name or "auto"), context window and EOS ids from <c>config.json</c> /
    /// <c>generation_config.json</c>. Layout problems throw <see cref="ModelLayoutException"/> naming the file.
    /// <paramref name="maxRunningRows"/> and <paramref name="iterationLevel"/>: see <see cref="GeneratorSettings"/>.</summary>
    public static OnnxLanguageModel Load(string directory, SessionConfig config, string chatTemplate = "auto", bool computeEntropy = false,
        int maxRunningRows = 0, bool iterationLevel = true)
    {
        var modelPath = ModelFiles.Find(directory, ModelFiles.DecoderCandidates);
        var tokenizer = HfTokenizer.Load(directory);
        var configPath = Path.Combine(directory, TokenizerConfig.FileName);
        var template = ChatTemplate.Resolve(chatTemplate, File.Exists(configPath) ? configPath : null);
        var modelConfig = ModelConfig.Read(directory);
        var step = OnnxDecoderStep.Open(modelPath, config);
        try
        {
            var modelVocab = step.VocabSize > 0 ? step.VocabSize : modelConfig.VocabSize;
            if (modelVocab is { } v && tokenizer.VocabSize > v)
                throw new ModelLayoutException(
                    $"{Path.Combine(Path.GetFullPath(directory), HfTokenizer.FileName)} has {tokenizer.VocabSize} tokens but {modelPath} has a vocabulary of {v}; the tokenizer does not belong to this model");
            var context = modelConfig.ContextWindow
                ?? throw new ModelLayoutException($"{Path.Combine(Path.GetFullPath(directory), "config.json")}: no context window (max_position_embeddings / n_positions / n_ctx)");
            var eos = modelConfig.EosTokenIds.Concat(tokenizer.EosTokenIds).ToHashSet();
            var pad = tokenizer.PadTokenId ?? modelConfig.PadTokenId ?? eos.FirstOrDefault();
            return new OnnxLanguageModel(step, tokenizer, template, new GeneratorSettings(context, eos, pad, computeEntropy) { MaxRunningRows = maxRunningRows, IterationLevel = iterationLevel }, ModelFiles.ModelId(modelPath));
        }
        catch
        {
            step.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken) =>
        Task.Run(() => (IReadOnlyList<GenerationResult>)Generate(batch, cancellationToken).Select(s => s.ToResult()).ToArray(), cancellationToken);

    /// <summary>Like <see cref="GenerateAsync"/> with the entropies of each step (when the model was loaded with them).</summary>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken = default)
    {
        var prompts = new GenerationPrompt[batch.Count];
        var failures = new Dictionary<int, GeneratedSequence>();
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                prompts[i] = new GenerationPrompt(tokenizer.Encode(template.Render(batch[i].Messages, addGenerationPrompt: true)), batch[i].Options);
            }
            catch (Exception e) when (e is TokenizerException or ArgumentException)
            {
                failures[i] = GeneratedSequence.Failed($"{batch[i].SampleId}/{batch[i].Step}: could not tokenize the prompt: {e.Message}");
                prompts[i] = new GenerationPrompt([], batch[i].Options with { MaxNewTokens = 0 });
            }
        }
        var results = _generator.Generate(prompts, cancellationToken).ToArray();
        foreach (var (index, failure) in failures) results[index] = failure;
        return results;
    }

    public void Dispose() => (step as IDisposable)?.Dispose();
}
