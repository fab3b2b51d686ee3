using RobustFT.Inference.Onnx.Native;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>
/// An ORT inference session over one ONNX model. <see cref="Run(IReadOnlyList{NamedOrtValue}, IReadOnlyList{string})"/>
/// may be called from several threads at once. Dispose it; disposing twice is safe, any use after throws
/// <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed unsafe class OrtSession : IDisposable
{
    private const int OnnxTypeTensor = 1;

    private readonly OrtRuntime _runtime;
    private readonly OrtSessionHandle _handle;

    private OrtSession(OrtRuntime runtime, OrtSessionHandle handle, string source)
    {
        _runtime = runtime;
        _handle = handle;
        Source = source;
        try
        {
            Inputs = ReadNodeInfos(output: false);
            Outputs = ReadNodeInfos(output: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        OutputNames = Outputs.Select(o => o.Name).ToArray();
    }

    /// <summary>The model file path, or "&lt;memory&gt;" for a model opened from bytes.</summary>
    public string Source { get; }

    /// <summary>The model's inputs (initializers excluded).</summary>
    public IReadOnlyList<OrtNodeInfo> Inputs { get; }

    /// <summary>The model's outputs.</summary>
    public IReadOnlyList<OrtNodeInfo> Outputs { get; }

    /// <summary>Names of <see cref="Outputs"/>, in order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>
    /// Opens <paramref name="modelPath"/>. A missing file throws <see cref="FileNotFoundException"/>; a file ORT cannot
    /// load throws <see cref="OnnxRuntimeException"/> naming the file and carrying ORT's message; "cuda" on a library
    /// without the CUDA provider throws <see cref="OnnxRuntimeException"/> saying so.
    /// </summary>
    public static OrtSession Open(OrtRuntime runtime, string modelPath, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(config);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model file not found: {fullPath}", fullPath);
        }

        using var options = CreateOptions(runtime, config);
        var handle = runtime.Native.CreateSession(runtime.Env, fullPath, options);
        return new OrtSession(runtime, handle, fullPath);
    }

    /// <summary>Opens a model held in memory (e.g. <c>OnnxGraphBuilder.ToBytes()</c>).</summary>
    public static OrtSession FromBytes(OrtRuntime runtime, ReadOnlySpan<byte> model, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(config);
        using var options = CreateOptions(runtime, config);
        var handle = runtime.Native.CreateSessionFromArray(runtime.Env, model, options);
        return new OrtSession(runtime, handle, "<memory>");
    }

    /// <summary>Runs the model and returns every output, in <see cref="Outputs"/> order.</summary>
    public OrtValueCollection Run(IReadOnlyList<NamedOrtValue> inputs) => Run(inputs, OutputNames);

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (still owned by the caller) and returns the outputs named in
    /// <paramref name="outputNames"/>, in that order, as new values the caller must dispose. ORT errors (unknown
    /// input name, wrong shape or type) throw <see cref="OnnxRuntimeException"/> with ORT's message.
    /// </summary>
    public OrtValueCollection Run(IReadOnlyList<NamedOrtValue> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);

        var inputCount = inputs.Count;
        var outputCount = outputNames.Count;
        var inputHandles = new OrtValueHandle[inputCount];
        var refs = new bool[inputCount];
        var sessionRef = false;
        var names = new byte[inputCount + outputCount][];
        var pins = new System.Runtime.InteropServices.GCHandle[names.Length];
        var outputs = new nint[outputCount];
        try
        {
            _handle.DangerousAddRef(ref sessionRef);
            for (var i = 0; i < inputCount; i++)
            {
                inputHandles[i] = inputs[i].Value.Handle;
                inputHandles[i].DangerousAddRef(ref refs[i]);
                names[i] = OrtNativeLibrary.Utf8Z(inputs[i].Name);
            }

            for (var i = 0; i < outputCount; i++)
            {
                names[inputCount + i] = OrtNativeLibrary.Utf8Z(outputNames[i]);
            }

            var namePointers = stackalloc byte*[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                pins[i] = System.Runtime.InteropServices.GCHandle.Alloc(names[i], System.Runtime.InteropServices.GCHandleType.Pinned);
                namePointers[i] = (byte*)pins[i].AddrOfPinnedObject();
            }

            var inputPointers = stackalloc nint[Math.Max(inputCount, 1)];
            for (var i = 0; i < inputCount; i++)
            {
                inputPointers[i] = inputHandles[i].DangerousGetHandle();
            }

            fixed (nint* outputPointers = outputs)
            {
                _runtime.Native.Run(
                    _handle.DangerousGetHandle(), namePointers, inputPointers, inputCount,
                    namePointers + inputCount, outputPointers, outputCount);
            }

            var values = new OrtValue[outputCount];
            for (var i = 0; i < outputCount; i++)
            {
                values[i] = OrtValue.FromNative(_runtime.Native, outputs[i]);
                outputs[i] = 0;
            }

            return new OrtValueCollection(outputNames.ToArray(), values);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxRuntimeException(ex.ErrorCode, $"Run of model '{Source}' failed: {ex.Message}", ex);
        }
        finally
        {
            foreach (var leftover in outputs)
            {
                if (leftover != 0)
                {
                    _runtime.Native.ReleaseValue(leftover);
                }
            }

            foreach (var pin in pins)
            {
                if (pin.IsAllocated)
                {
                    pin.Free();
                }
            }

            for (var i = 0; i < inputCount; i++)
            {
                if (refs[i])
                {
                    inputHandles[i].DangerousRelease();
                }
            }

            if (sessionRef)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    private static OrtSessionOptionsHandle CreateOptions(OrtRuntime runtime, SessionConfig config)
    {
        var native = runtime.Native;
        var options = native.CreateSessionOptions();
        try
        {
            native.SetIntraOpNumThreads(options, config.IntraOpThreads);
            native.SetInterOpNumThreads(options, config.InterOpThreads);
            native.SetGraphOptimizationLevel(options, (int)config.GraphOptimizationLevel);
            switch (config.ExecutionProvider.ToLowerInvariant())
            {
                case SessionConfig.Cpu:
                    break;
                case SessionConfig.Cuda:
                    try
                    {
                        native.AppendCudaExecutionProvider(options, config.DeviceId);
                    }
                    catch (OnnxRuntimeException ex)
                    {
                        throw new OnnxRuntimeException(
                            ex.ErrorCode,
                            $"CUDA execution provider is not available in {runtime.LibraryPath} (device {config.DeviceId}): {ex.Message}",
                            ex);
                    }

                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown execution provider '{config.ExecutionProvider}' (expected '{SessionConfig.Cpu}' or '{SessionConfig.Cuda}').",
                        nameof(config));
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private IReadOnlyList<OrtNodeInfo> ReadNodeInfos(bool output)
    {
        var native = _runtime.Native;
        var count = output ? native.SessionGetOutputCount(_handle) : native.SessionGetInputCount(_handle);
        var infos = new OrtNodeInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = native.SessionGetName(_handle, i, output);
            using var typeInfo = native.SessionGetTypeInfo(_handle, i, output);
            if (native.GetOnnxTypeFromTypeInfo(typeInfo) != OnnxTypeTensor)
            {
                infos[i] = new OrtNodeInfo(name, OrtElementType.Undefined, [], []);
                continue;
            }

            var tensorInfo = native.CastTypeInfoToTensorInfo(typeInfo);
            var shape = native.GetDimensions(tensorInfo);
            var symbolic = native.GetSymbolicDimensions(tensorInfo, shape.Length);
            infos[i] = new OrtNodeInfo(name, (OrtElementType)native.GetTensorElementType(tensorInfo), shape, symbolic);
        }

        return infos;
    }
}
