using Microsoft.ML.OnnxRuntime;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>
/// An ONNX Runtime <see cref="InferenceSession"/> opened with a <see cref="SessionConfig"/>, with its source (file path
/// or "&lt;memory&gt;") and its inputs/outputs read once. <see cref="Run"/> may be called from several threads at once
/// and names the model in ORT's errors. Dispose it; disposing twice is safe.
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private OnnxSession(InferenceSession session, string source)
    {
        Inner = session;
        Source = source;
        Inputs = session.InputNames.Select(n => OrtNodeInfo.From(n, session.InputMetadata[n])).ToArray();
        Outputs = session.OutputNames.Select(n => OrtNodeInfo.From(n, session.OutputMetadata[n])).ToArray();
    }

    /// <summary>The ORT session (for <see cref="OrtIoBinding"/> and allocators).</summary>
    public InferenceSession Inner { get; }

    /// <summary>The model file path, or "&lt;memory&gt;" for a model opened from bytes.</summary>
    public string Source { get; }

    /// <summary>The model's inputs (initializers excluded), in graph order.</summary>
    public IReadOnlyList<OrtNodeInfo> Inputs { get; }

    /// <summary>The model's outputs, in graph order.</summary>
    public IReadOnlyList<OrtNodeInfo> Outputs { get; }

    /// <summary>
    /// Opens <paramref name="modelPath"/>. A missing file throws <see cref="FileNotFoundException"/>; a file ORT cannot
    /// load throws <see cref="OnnxSessionException"/> naming the file and carrying ORT's message; an execution provider
    /// that cannot load throws <see cref="ExecutionProviderUnavailableException"/>.
    /// </summary>
    public static OnnxSession Open(string modelPath, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"ONNX model file not found: {fullPath}", fullPath);
        using var options = SessionOptionsFactory.Create(config);
        return new OnnxSession(Create(fullPath, () => new InferenceSession(fullPath, options)), fullPath);
    }

    /// <summary>Opens a model held in memory (e.g. <c>OnnxGraphBuilder.ToBytes()</c>).</summary>
    public static OnnxSession FromBytes(byte[] model, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var options = SessionOptionsFactory.Create(config);
        return new OnnxSession(Create("<memory>", () => new InferenceSession(model, options)), "<memory>");
    }

    /// <summary>Runs the model on <paramref name="inputs"/> (still owned by the caller, parallel to
    /// <paramref name="inputNames"/>) and returns the outputs named in <paramref name="outputNames"/>, in that order;
    /// the caller disposes them. ORT errors throw <see cref="OnnxSessionException"/> naming the model.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames)
    {
        try
        {
            using var runOptions = new RunOptions();
            return Inner.Run(runOptions, inputNames, inputs, outputNames);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxSessionException($"Run of model '{Source}' failed: {e.Message}", e);
        }
    }

    /// <summary>Runs with inputs and outputs bound in <paramref name="binding"/>; errors as in <see cref="Run"/>.</summary>
    public void Run(OrtIoBinding binding, RunOptions runOptions)
    {
        try
        {
            Inner.RunWithBinding(runOptions, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxSessionException($"Run of model '{Source}' failed: {e.Message}", e);
        }
    }

    public void Dispose() => Inner.Dispose();

    private static InferenceSession Create(string source, Func<InferenceSession> open)
    {
        try
        {
            return open();
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxSessionException($"ONNX Runtime cannot load model '{source}': {e.Message}", e);
        }
    }
}
