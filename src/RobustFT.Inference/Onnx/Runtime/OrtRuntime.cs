using System.Collections.Concurrent;
using RobustFT.Inference.Onnx.Native;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>
/// A loaded ONNX Runtime library with its process-wide <c>OrtEnv</c> and CPU memory info. One instance per library
/// path, living for the whole process (ORT's environment is global; it is never torn down).
/// </summary>
public sealed class OrtRuntime
{
    private static readonly ConcurrentDictionary<string, OrtRuntime> Instances = new(StringComparer.Ordinal);
    private static readonly object CreateLock = new();

    private OrtRuntime(OrtNativeLibrary library, OrtLoggingLevel logLevel)
    {
        Native = library;
        LogLevel = logLevel;
        Env = library.CreateEnv(logLevel, "robustft");
        CpuMemoryInfo = library.CreateCpuMemoryInfo();
    }

    /// <summary>ORT's version string, e.g. "1.30.0".</summary>
    public string Version => Native.Version;

    /// <summary>The path (or bare library name) the native library was loaded from.</summary>
    public string LibraryPath => Native.Path;

    /// <summary>The log level the environment was created with (the first <see cref="Load"/> for a path decides).</summary>
    public OrtLoggingLevel LogLevel { get; }

    internal OrtNativeLibrary Native { get; }

    internal OrtEnvHandle Env { get; }

    internal OrtMemoryInfoHandle CpuMemoryInfo { get; }

    /// <summary>
    /// Loads (once per path) <c>libonnxruntime.so.1</c>: <paramref name="libraryPath"/>, else the environment variable
    /// <c>ROBUSTFT_ONNXRUNTIME</c>, else <c>&lt;repo&gt;/.tools/onnxruntime/1.30.0/</c> above the app's directory, else
    /// the default search path. Throws <see cref="OnnxRuntimeNotFoundException"/> listing the paths tried.
    /// </summary>
    public static OrtRuntime Load(string? libraryPath = null, OrtLoggingLevel logLevel = OrtLoggingLevel.Warning)
    {
        var library = OrtNativeLibrary.Load(libraryPath);
        if (Instances.TryGetValue(library.Path, out var existing))
        {
            return existing;
        }

        lock (CreateLock)
        {
            return Instances.GetOrAdd(library.Path, _ => new OrtRuntime(library, logLevel));
        }
    }

    /// <summary>Execution providers compiled into the loaded library, e.g. "CPUExecutionProvider".</summary>
    public IReadOnlyList<string> AvailableProviders => Native.GetAvailableProviders();
}
