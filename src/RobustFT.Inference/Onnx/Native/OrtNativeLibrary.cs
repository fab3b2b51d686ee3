using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Onnx.Native;

/// <summary>
/// One loaded <c>libonnxruntime.so.1</c>: the <c>OrtApi</c> table for <see cref="ApiVersion"/> and typed calls into it
/// through <c>delegate* unmanaged[Cdecl]</c> pointers. Every status-returning call goes through
/// <see cref="VerifySuccess"/>. Loaded once per path and never unloaded.
/// </summary>
internal sealed unsafe class OrtNativeLibrary
{
    /// <summary>API version passed to <c>GetApi</c>; <see cref="OrtApiTable"/> covers it (1.30 supports 1–30).</summary>
    public const uint ApiVersion = 14;

    private static readonly ConcurrentDictionary<string, OrtNativeLibrary> Loaded = new(StringComparer.Ordinal);
    private static readonly object LoadLock = new();

    private readonly OrtApiTable* _api;

    private OrtNativeLibrary(string path, nint handle, OrtApiTable* api, string version)
    {
        Path = path;
        Handle = handle;
        _api = api;
        Version = version;
    }

    /// <summary>The path (or bare name) the library was loaded from.</summary>
    public string Path { get; }

    /// <summary>The OS handle of the loaded library.</summary>
    public nint Handle { get; }

    /// <summary><c>GetVersionString()</c>, e.g. "1.30.0".</summary>
    public string Version { get; }

    /// <summary>Loads the library following <see cref="OrtLibraryLocator"/>'s order; cached per resolved path.</summary>
    public static OrtNativeLibrary Load(string? explicitPath)
    {
        var candidates = OrtLibraryLocator.Candidates(
            explicitPath, Environment.GetEnvironmentVariable(OrtLibraryLocator.EnvironmentVariable), AppContext.BaseDirectory);
        lock (LoadLock)
        {
            foreach (var candidate in candidates)
            {
                if (Loaded.TryGetValue(candidate, out var existing))
                {
                    return existing;
                }
            }

            var failures = new List<string>();
            foreach (var candidate in candidates)
            {
                var isBareName = !candidate.Contains('/');
                if (!isBareName && !File.Exists(candidate))
                {
                    failures.Add("file does not exist");
                    continue;
                }

                if (!NativeLibrary.TryLoad(candidate, out var handle))
                {
                    failures.Add(isBareName ? "not on the default library search path" : "dlopen failed");
                    continue;
                }

                var library = Bind(candidate, handle);
                Loaded[candidate] = library;
                return library;
            }

            throw new OnnxRuntimeNotFoundException(candidates, failures);
        }
    }

    private static OrtNativeLibrary Bind(string path, nint handle)
    {
        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxRuntimeException(OrtErrorCode.Fail, $"{path} does not export OrtGetApiBase: it is not an ONNX Runtime library.");
        }

        var apiBase = ((delegate* unmanaged[Cdecl]<OrtApiBase*>)getApiBase)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint>)apiBase->GetVersionString)()) ?? "";
        var api = ((delegate* unmanaged[Cdecl]<uint, OrtApiTable*>)apiBase->GetApi)(ApiVersion);
        if (api is null)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.NotImplemented,
                $"{path} (ONNX Runtime {version}) does not support C API version {ApiVersion}.");
        }

        return new OrtNativeLibrary(path, handle, api, version);
    }

    /// <summary>Turns a non-null <c>OrtStatus*</c> into an <see cref="OnnxRuntimeException"/>; always releases it.</summary>
    public void VerifySuccess(nint status, string? context = null)
    {
        if (status == 0)
        {
            return;
        }

        OrtErrorCode code;
        string message;
        try
        {
            code = (OrtErrorCode)((delegate* unmanaged[Cdecl]<nint, int>)_api->GetErrorCode)(status);
            message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)_api->GetErrorMessage)(status)) ?? "";
        }
        finally
        {
            ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseStatus)(status);
        }

        throw new OnnxRuntimeException(code, context is null ? $"[{code}] {message}" : $"{context}: [{code}] {message}");
    }

    // ---- environment, memory info, allocator ----

    public OrtEnvHandle CreateEnv(OrtLoggingLevel level, string logId)
    {
        var handle = new OrtEnvHandle(this);
        nint env;
        fixed (byte* id = Utf8Z(logId))
        {
            VerifySuccess(((delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)_api->CreateEnv)((int)level, id, &env));
        }

        handle.Attach(env);
        return handle;
    }

    public OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        const int OrtDeviceAllocator = 0;
        const int OrtMemTypeDefault = 0;
        var handle = new OrtMemoryInfoHandle(this);
        nint info;
        VerifySuccess(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)_api->CreateCpuMemoryInfo)(OrtDeviceAllocator, OrtMemTypeDefault, &info));
        handle.Attach(info);
        return handle;
    }

    /// <summary>The default CPU allocator (owned by ORT, never released).</summary>
    public nint GetAllocatorWithDefaultOptions()
    {
        nint allocator;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint*, nint>)_api->GetAllocatorWithDefaultOptions)(&allocator));
        return allocator;
    }

    /// <summary>Copies a string ORT allocated with <paramref name="allocator"/> and frees it with the same allocator.</summary>
    public string TakeAllocatorString(nint allocator, nint text)
    {
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nint, nint>)_api->AllocatorFree)(allocator, text));
        }
    }

    /// <summary><c>GetAvailableProviders</c>: execution providers compiled into this library.</summary>
    public IReadOnlyList<string> GetAvailableProviders()
    {
        nint* names;
        int count;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint**, int*, nint>)_api->GetAvailableProviders)(&names, &count));
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8(names[i]) ?? "";
            }

            return result;
        }
        finally
        {
            VerifySuccess(((delegate* unmanaged[Cdecl]<nint*, int, nint>)_api->ReleaseAvailableProviders)(names, count));
        }
    }

    // ---- session options ----

    public OrtSessionOptionsHandle CreateSessionOptions()
    {
        var handle = new OrtSessionOptionsHandle(this);
        nint options;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint*, nint>)_api->CreateSessionOptions)(&options));
        handle.Attach(options);
        return handle;
    }

    public void SetIntraOpNumThreads(OrtSessionOptionsHandle options, int threads) =>
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, int, nint>)_api->SetIntraOpNumThreads)(options.DangerousGetHandle(), threads));

    public void SetInterOpNumThreads(OrtSessionOptionsHandle options, int threads) =>
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, int, nint>)_api->SetInterOpNumThreads)(options.DangerousGetHandle(), threads));

    public void SetGraphOptimizationLevel(OrtSessionOptionsHandle options, int level) =>
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, int, nint>)_api->SetSessionGraphOptimizationLevel)(options.DangerousGetHandle(), level));

    /// <summary>Appends the CUDA execution provider through the V2 options API (device id as a key/value).</summary>
    public void AppendCudaExecutionProvider(OrtSessionOptionsHandle options, int deviceId)
    {
        using var cuda = new OrtCudaProviderOptionsHandle(this);
        nint cudaOptions;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint*, nint>)_api->CreateCUDAProviderOptions)(&cudaOptions));
        cuda.Attach(cudaOptions);
        fixed (byte* key = Utf8Z("device_id"))
        fixed (byte* value = Utf8Z(deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            var keys = stackalloc byte*[1] { key };
            var values = stackalloc byte*[1] { value };
            VerifySuccess(((delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)_api->UpdateCUDAProviderOptions)(cudaOptions, keys, values, 1));
        }

        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nint, nint>)_api->SessionOptionsAppendExecutionProvider_CUDA_V2)(
            options.DangerousGetHandle(), cudaOptions));
    }

    // ---- session ----

    public OrtSessionHandle CreateSession(OrtEnvHandle env, string modelPath, OrtSessionOptionsHandle options)
    {
        var handle = new OrtSessionHandle(this);
        nint session;
        fixed (byte* path = Utf8Z(modelPath))
        {
            VerifySuccess(
                ((delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)_api->CreateSession)(
                    env.DangerousGetHandle(), path, options.DangerousGetHandle(), &session),
                $"Cannot load ONNX model '{modelPath}'");
        }

        handle.Attach(session);
        return handle;
    }

    public OrtSessionHandle CreateSessionFromArray(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options)
    {
        var handle = new OrtSessionHandle(this);
        nint session;
        fixed (byte* data = model)
        {
            VerifySuccess(
                ((delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint>)_api->CreateSessionFromArray)(
                    env.DangerousGetHandle(), data, (nuint)model.Length, options.DangerousGetHandle(), &session),
                $"Cannot load ONNX model from {model.Length} bytes in memory");
        }

        handle.Attach(session);
        return handle;
    }

    public int SessionGetInputCount(OrtSessionHandle session)
    {
        nuint count;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)_api->SessionGetInputCount)(session.DangerousGetHandle(), &count));
        return checked((int)count);
    }

    public int SessionGetOutputCount(OrtSessionHandle session)
    {
        nuint count;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)_api->SessionGetOutputCount)(session.DangerousGetHandle(), &count));
        return checked((int)count);
    }

    public string SessionGetName(OrtSessionHandle session, int index, bool output)
    {
        var allocator = GetAllocatorWithDefaultOptions();
        nint name;
        var fn = output ? _api->SessionGetOutputName : _api->SessionGetInputName;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint>)fn)(session.DangerousGetHandle(), (nuint)index, allocator, &name));
        return TakeAllocatorString(allocator, name);
    }

    public OrtTypeInfoHandle SessionGetTypeInfo(OrtSessionHandle session, int index, bool output)
    {
        var handle = new OrtTypeInfoHandle(this);
        nint info;
        var fn = output ? _api->SessionGetOutputTypeInfo : _api->SessionGetInputTypeInfo;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)fn)(session.DangerousGetHandle(), (nuint)index, &info));
        handle.Attach(info);
        return handle;
    }

    /// <summary>
    /// <c>Run</c>: <paramref name="outputs"/> must hold zeros on entry; ORT fills it with new values the caller owns
    /// (also on failure, where any non-zero entry must be released).
    /// </summary>
    public void Run(nint session, byte** inputNames, nint* inputs, int inputCount, byte** outputNames, nint* outputs, int outputCount) =>
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)_api->Run)(
            session, 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs));

    // ---- type info ----

    /// <summary>The tensor info inside a type info (owned by the type info), or 0 when it is not a tensor.</summary>
    public nint CastTypeInfoToTensorInfo(OrtTypeInfoHandle typeInfo)
    {
        nint info;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)_api->CastTypeInfoToTensorInfo)(typeInfo.DangerousGetHandle(), &info));
        return info;
    }

    public int GetOnnxTypeFromTypeInfo(OrtTypeInfoHandle typeInfo)
    {
        int type;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, int*, nint>)_api->GetOnnxTypeFromTypeInfo)(typeInfo.DangerousGetHandle(), &type));
        return type;
    }

    public int GetTensorElementType(nint tensorInfo)
    {
        int type;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, int*, nint>)_api->GetTensorElementType)(tensorInfo, &type));
        return type;
    }

    public long[] GetDimensions(nint tensorInfo)
    {
        nuint count;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)_api->GetDimensionsCount)(tensorInfo, &count));
        var dims = new long[(int)count];
        fixed (long* p = dims)
        {
            VerifySuccess(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)_api->GetDimensions)(tensorInfo, p, count));
        }

        return dims;
    }

    public string[] GetSymbolicDimensions(nint tensorInfo, int count)
    {
        var pointers = new nint[count];
        fixed (nint* p = pointers)
        {
            VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nint*, nuint, nint>)_api->GetSymbolicDimensions)(tensorInfo, p, (nuint)count));
        }

        return pointers.Select(p => p == 0 ? "" : Marshal.PtrToStringUTF8(p) ?? "").ToArray();
    }

    public long GetTensorShapeElementCount(nint tensorInfo)
    {
        nuint count;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)_api->GetTensorShapeElementCount)(tensorInfo, &count));
        return checked((long)count);
    }

    // ---- values ----

    /// <summary><c>CreateTensorWithDataAsOrtValue</c> over caller-owned memory (which must stay pinned).</summary>
    public nint CreateTensorWithData(OrtMemoryInfoHandle memoryInfo, void* data, long byteLength, ReadOnlySpan<long> shape, int elementType)
    {
        nint value;
        fixed (long* dims = shape)
        {
            VerifySuccess(((delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)_api->CreateTensorWithDataAsOrtValue)(
                memoryInfo.DangerousGetHandle(), data, (nuint)byteLength, dims, (nuint)shape.Length, elementType, &value));
        }

        return value;
    }

    public bool IsTensor(nint value)
    {
        int result;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, int*, nint>)_api->IsTensor)(value, &result));
        return result != 0;
    }

    public nint GetTensorMutableData(nint value)
    {
        nint data;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)_api->GetTensorMutableData)(value, &data));
        return data;
    }

    public OrtTensorTypeAndShapeInfoHandle GetTensorTypeAndShape(nint value)
    {
        var handle = new OrtTensorTypeAndShapeInfoHandle(this);
        nint info;
        VerifySuccess(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)_api->GetTensorTypeAndShape)(value, &info));
        handle.Attach(info);
        return handle;
    }

    // ---- releases (called by the safe handles) ----

    public void ReleaseEnv(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseEnv)(p);

    public void ReleaseSessionOptions(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseSessionOptions)(p);

    public void ReleaseSession(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseSession)(p);

    public void ReleaseMemoryInfo(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseMemoryInfo)(p);

    public void ReleaseTypeInfo(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseTypeInfo)(p);

    public void ReleaseTensorTypeAndShapeInfo(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseTensorTypeAndShapeInfo)(p);

    public void ReleaseValue(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseValue)(p);

    public void ReleaseCUDAProviderOptions(nint p) => ((delegate* unmanaged[Cdecl]<nint, void>)_api->ReleaseCUDAProviderOptions)(p);

    /// <summary>UTF-8 bytes with a terminating NUL, for <c>const char*</c> arguments.</summary>
    public static byte[] Utf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
