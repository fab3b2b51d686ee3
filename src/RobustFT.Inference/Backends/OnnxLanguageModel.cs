using RobustFT.Inference.Abstractions;
using RobustFT.Inference.Chat;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.Tokenization.Loading;

namespace RobustFT.Inference.Backends;

/// <summary><see cref="ILanguageModel"/> over an Optimum decoder export directory: renders each request's messages with
/// the chat template, tokenizes, and submits every request to the model's <see cref="ContinuousGenerator"/>, so the
/// requests of concurrent calls share one running batch (bucketing by length happens upstream).</summary>
public sealed class OnnxLanguageModel(IDecoderStep step, ITokenizer tokenizer, IChatTemplate template, GeneratorSettings settings, string modelId)
    : ILanguageModel, IDisposable
{
    private readonly ContinuousGenerator _engine = new(step, tokenizer, settings, modelId);

    public string ModelId { get; } = modelId;

    /// <summary>What the model's decode loop has done (calls, occupancy, admissions into a running batch).</summary>
    public GeneratorCounters Counters => _engine.Counters;

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

    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken) =>
        (await GenerateSequencesAsync(batch, cancellationToken)).Select(s => s.ToResult()).ToArray();

    /// <summary>Like <see cref="GenerateAsync"/> with the entropies of each step (when the model was loaded with them).</summary>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken = default) =>
        GenerateSequencesAsync(batch, cancellationToken).GetAwaiter().GetResult();

    private async Task<GeneratedSequence[]> GenerateSequencesAsync(IReadOnlyList<GenerationRequest> batch, CancellationToken cancellationToken)
    {
        var results = new Task<GeneratedSequence>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                var prompt = new GenerationPrompt(tokenizer.Encode(template.Render(batch[i].Messages, addGenerationPrompt: true)), batch[i].Options);
                results[i] = _engine.SubmitAsync(prompt, cancellationToken);
            }
            catch (Exception e) when (e is TokenizerException or ArgumentException)
            {
                results[i] = Task.FromResult(GeneratedSequence.Failed($"{batch[i].SampleId}/{batch[i].Step}: could not tokenize the prompt: {e.Message}"));
            }
        }
        return await Task.WhenAll(results);
    }

    public void Dispose()
    {
        _engine.Dispose();
        (step as IDisposable)?.Dispose();
    }
}
