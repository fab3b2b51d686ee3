using RobustFT.Inference.Backends;
using RobustFT.Inference.Generation;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Benchmarking;

/// <summary>A decoder export opened for benchmarking: its step wrapped in a <see cref="TimedDecoderStep"/>, tokenizer,
/// the vocabulary prompts are drawn from and the pad id.</summary>
internal sealed class BenchModel : IDisposable
{
    private readonly string _directory;

    private BenchModel(string directory, OnnxDecoderStep step, HfTokenizer tokenizer)
    {
        _directory = directory;
        Step = step;
        Tokenizer = tokenizer;
        Timed = new TimedDecoderStep(step);
    }

    public OnnxDecoderStep Step { get; }

    public TimedDecoderStep Timed { get; }

    public HfTokenizer Tokenizer { get; }

    public int Vocabulary => Math.Min(Step.VocabSize, Tokenizer.VocabSize);

    public int PadId => Tokenizer.PadTokenId ?? 0;

    public static BenchModel Open(string directory, SessionConfig config)
    {
        var step = OnnxDecoderStep.Open(ModelFiles.Find(directory, ModelFiles.DecoderCandidates), config);
        try
        {
            return new BenchModel(directory, step, HfTokenizer.Load(directory));
        }
        catch
        {
            step.Dispose();
            throw;
        }
    }

    /// <summary>The export's context window, or <paramref name="fallback"/> when config.json has none.</summary>
    public int ContextWindow(int fallback) => ModelConfig.Read(_directory).ContextWindow ?? fallback;

    public BatchGenerator Generator(GeneratorSettings settings) => new(Timed, Tokenizer, settings);

    public ContinuousGenerator Continuous(GeneratorSettings settings) => new(Timed, Tokenizer, settings, "bench");

    public void Dispose() => Step.Dispose();
}
