using System.Runtime.InteropServices;

#pragma warning disable CS0649 // fields are filled by ONNX Runtime, never by managed code

namespace RobustFT.Inference.Onnx.Native;

/// <summary>
/// Mirror of the C <c>OrtApi</c> function table (onnxruntime_c_api.h), in declaration order, up to
/// <c>ReleaseCUDAProviderOptions</c>. The field order is the ABI: never insert, remove or reorder entries.
/// Each field is a native function pointer; <see cref="OrtNativeLibrary"/> casts the ones it calls.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct OrtApiTable
{
    /// <summary>Slot 0.</summary>
    public readonly nint CreateStatus;
    /// <summary>Slot 1.</summary>
    public readonly nint GetErrorCode;
    /// <summary>Slot 2.</summary>
    public readonly nint GetErrorMessage;
    /// <summary>Slot 3.</summary>
    public readonly nint CreateEnv;
    /// <summary>Slot 4.</summary>
    public readonly nint CreateEnvWithCustomLogger;
    /// <summary>Slot 5.</summary>
    public readonly nint EnableTelemetryEvents;
    /// <summary>Slot 6.</summary>
    public readonly nint DisableTelemetryEvents;
    /// <summary>Slot 7.</summary>
    public readonly nint CreateSession;
    /// <summary>Slot 8.</summary>
    public readonly nint CreateSessionFromArray;
    /// <summary>Slot 9.</summary>
    public readonly nint Run;
    /// <summary>Slot 10.</summary>
    public readonly nint CreateSessionOptions;
    /// <summary>Slot 11.</summary>
    public readonly nint SetOptimizedModelFilePath;
    /// <summary>Slot 12.</summary>
    public readonly nint CloneSessionOptions;
    /// <summary>Slot 13.</summary>
    public readonly nint SetSessionExecutionMode;
    /// <summary>Slot 14.</summary>
    public readonly nint EnableProfiling;
    /// <summary>Slot 15.</summary>
    public readonly nint DisableProfiling;
    /// <summary>Slot 16.</summary>
    public readonly nint EnableMemPattern;
    /// <summary>Slot 17.</summary>
    public readonly nint DisableMemPattern;
    /// <summary>Slot 18.</summary>
    public readonly nint EnableCpuMemArena;
    /// <summary>Slot 19.</summary>
    public readonly nint DisableCpuMemArena;
    /// <summary>Slot 20.</summary>
    public readonly nint SetSessionLogId;
    /// <summary>Slot 21.</summary>
    public readonly nint SetSessionLogVerbosityLevel;
    /// <summary>Slot 22.</summary>
    public readonly nint SetSessionLogSeverityLevel;
    /// <summary>Slot 23.</summary>
    public readonly nint SetSessionGraphOptimizationLevel;
    /// <summary>Slot 24.</summary>
    public readonly nint SetIntraOpNumThreads;
    /// <summary>Slot 25.</summary>
    public readonly nint SetInterOpNumThreads;
    /// <summary>Slot 26.</summary>
    public readonly nint CreateCustomOpDomain;
    /// <summary>Slot 27.</summary>
    public readonly nint CustomOpDomain_Add;
    /// <summary>Slot 28.</summary>
    public readonly nint AddCustomOpDomain;
    /// <summary>Slot 29.</summary>
    public readonly nint RegisterCustomOpsLibrary;
    /// <summary>Slot 30.</summary>
    public readonly nint SessionGetInputCount;
    /// <summary>Slot 31.</summary>
    public readonly nint SessionGetOutputCount;
    /// <summary>Slot 32.</summary>
    public readonly nint SessionGetOverridableInitializerCount;
    /// <summary>Slot 33.</summary>
    public readonly nint SessionGetInputTypeInfo;
    /// <summary>Slot 34.</summary>
    public readonly nint SessionGetOutputTypeInfo;
    /// <summary>Slot 35.</summary>
    public readonly nint SessionGetOverridableInitializerTypeInfo;
    /// <summary>Slot 36.</summary>
    public readonly nint SessionGetInputName;
    /// <summary>Slot 37.</summary>
    public readonly nint SessionGetOutputName;
    /// <summary>Slot 38.</summary>
    public readonly nint SessionGetOverridableInitializerName;
    /// <summary>Slot 39.</summary>
    public readonly nint CreateRunOptions;
    /// <summary>Slot 40.</summary>
    public readonly nint RunOptionsSetRunLogVerbosityLevel;
    /// <summary>Slot 41.</summary>
    public readonly nint RunOptionsSetRunLogSeverityLevel;
    /// <summary>Slot 42.</summary>
    public readonly nint RunOptionsSetRunTag;
    /// <summary>Slot 43.</summary>
    public readonly nint RunOptionsGetRunLogVerbosityLevel;
    /// <summary>Slot 44.</summary>
    public readonly nint RunOptionsGetRunLogSeverityLevel;
    /// <summary>Slot 45.</summary>
    public readonly nint RunOptionsGetRunTag;
    /// <summary>Slot 46.</summary>
    public readonly nint RunOptionsSetTerminate;
    /// <summary>Slot 47.</summary>
    public readonly nint RunOptionsUnsetTerminate;
    /// <summary>Slot 48.</summary>
    public readonly nint CreateTensorAsOrtValue;
    /// <summary>Slot 49.</summary>
    public readonly nint CreateTensorWithDataAsOrtValue;
    /// <summary>Slot 50.</summary>
    public readonly nint IsTensor;
    /// <summary>Slot 51.</summary>
    public readonly nint GetTensorMutableData;
    /// <summary>Slot 52.</summary>
    public readonly nint FillStringTensor;
    /// <summary>Slot 53.</summary>
    public readonly nint GetStringTensorDataLength;
    /// <summary>Slot 54.</summary>
    public readonly nint GetStringTensorContent;
    /// <summary>Slot 55.</summary>
    public readonly nint CastTypeInfoToTensorInfo;
    /// <summary>Slot 56.</summary>
    public readonly nint GetOnnxTypeFromTypeInfo;
    /// <summary>Slot 57.</summary>
    public readonly nint CreateTensorTypeAndShapeInfo;
    /// <summary>Slot 58.</summary>
    public readonly nint SetTensorElementType;
    /// <summary>Slot 59.</summary>
    public readonly nint SetDimensions;
    /// <summary>Slot 60.</summary>
    public readonly nint GetTensorElementType;
    /// <summary>Slot 61.</summary>
    public readonly nint GetDimensionsCount;
    /// <summary>Slot 62.</summary>
    public readonly nint GetDimensions;
    /// <summary>Slot 63.</summary>
    public readonly nint GetSymbolicDimensions;
    /// <summary>Slot 64.</summary>
    public readonly nint GetTensorShapeElementCount;
    /// <summary>Slot 65.</summary>
    public readonly nint GetTensorTypeAndShape;
    /// <summary>Slot 66.</summary>
    public readonly nint GetTypeInfo;
    /// <summary>Slot 67.</summary>
    public readonly nint GetValueType;
    /// <summary>Slot 68.</summary>
    public readonly nint CreateMemoryInfo;
    /// <summary>Slot 69.</summary>
    public readonly nint CreateCpuMemoryInfo;
    /// <summary>Slot 70.</summary>
    public readonly nint CompareMemoryInfo;
    /// <summary>Slot 71.</summary>
    public readonly nint MemoryInfoGetName;
    /// <summary>Slot 72.</summary>
    public readonly nint MemoryInfoGetId;
    /// <summary>Slot 73.</summary>
    public readonly nint MemoryInfoGetMemType;
    /// <summary>Slot 74.</summary>
    public readonly nint MemoryInfoGetType;
    /// <summary>Slot 75.</summary>
    public readonly nint AllocatorAlloc;
    /// <summary>Slot 76.</summary>
    public readonly nint AllocatorFree;
    /// <summary>Slot 77.</summary>
    public readonly nint AllocatorGetInfo;
    /// <summary>Slot 78.</summary>
    public readonly nint GetAllocatorWithDefaultOptions;
    /// <summary>Slot 79.</summary>
    public readonly nint AddFreeDimensionOverride;
    /// <summary>Slot 80.</summary>
    public readonly nint GetValue;
    /// <summary>Slot 81.</summary>
    public readonly nint GetValueCount;
    /// <summary>Slot 82.</summary>
    public readonly nint CreateValue;
    /// <summary>Slot 83.</summary>
    public readonly nint CreateOpaqueValue;
    /// <summary>Slot 84.</summary>
    public readonly nint GetOpaqueValue;
    /// <summary>Slot 85.</summary>
    public readonly nint KernelInfoGetAttribute_float;
    /// <summary>Slot 86.</summary>
    public readonly nint KernelInfoGetAttribute_int64;
    /// <summary>Slot 87.</summary>
    public readonly nint KernelInfoGetAttribute_string;
    /// <summary>Slot 88.</summary>
    public readonly nint KernelContext_GetInputCount;
    /// <summary>Slot 89.</summary>
    public readonly nint KernelContext_GetOutputCount;
    /// <summary>Slot 90.</summary>
    public readonly nint KernelContext_GetInput;
    /// <summary>Slot 91.</summary>
    public readonly nint KernelContext_GetOutput;
    /// <summary>Slot 92.</summary>
    public readonly nint ReleaseEnv;
    /// <summary>Slot 93.</summary>
    public readonly nint ReleaseStatus;
    /// <summary>Slot 94.</summary>
    public readonly nint ReleaseMemoryInfo;
    /// <summary>Slot 95.</summary>
    public readonly nint ReleaseSession;
    /// <summary>Slot 96.</summary>
    public readonly nint ReleaseValue;
    /// <summary>Slot 97.</summary>
    public readonly nint ReleaseRunOptions;
    /// <summary>Slot 98.</summary>
    public readonly nint ReleaseTypeInfo;
    /// <summary>Slot 99.</summary>
    public readonly nint ReleaseTensorTypeAndShapeInfo;
    /// <summary>Slot 100.</summary>
    public readonly nint ReleaseSessionOptions;
    /// <summary>Slot 101.</summary>
    public readonly nint ReleaseCustomOpDomain;
    /// <summary>Slot 102.</summary>
    public readonly nint GetDenotationFromTypeInfo;
    /// <summary>Slot 103.</summary>
    public readonly nint CastTypeInfoToMapTypeInfo;
    /// <summary>Slot 104.</summary>
    public readonly nint CastTypeInfoToSequenceTypeInfo;
    /// <summary>Slot 105.</summary>
    public readonly nint GetMapKeyType;
    /// <summary>Slot 106.</summary>
    public readonly nint GetMapValueType;
    /// <summary>Slot 107.</summary>
    public readonly nint GetSequenceElementType;
    /// <summary>Slot 108.</summary>
    public readonly nint ReleaseMapTypeInfo;
    /// <summary>Slot 109.</summary>
    public readonly nint ReleaseSequenceTypeInfo;
    /// <summary>Slot 110.</summary>
    public readonly nint SessionEndProfiling;
    /// <summary>Slot 111.</summary>
    public readonly nint SessionGetModelMetadata;
    /// <summary>Slot 112.</summary>
    public readonly nint ModelMetadataGetProducerName;
    /// <summary>Slot 113.</summary>
    public readonly nint ModelMetadataGetGraphName;
    /// <summary>Slot 114.</summary>
    public readonly nint ModelMetadataGetDomain;
    /// <summary>Slot 115.</summary>
    public readonly nint ModelMetadataGetDescription;
    /// <summary>Slot 116.</summary>
    public readonly nint ModelMetadataLookupCustomMetadataMap;
    /// <summary>Slot 117.</summary>
    public readonly nint ModelMetadataGetVersion;
    /// <summary>Slot 118.</summary>
    public readonly nint ReleaseModelMetadata;
    /// <summary>Slot 119.</summary>
    public readonly nint CreateEnvWithGlobalThreadPools;
    /// <summary>Slot 120.</summary>
    public readonly nint DisablePerSessionThreads;
    /// <summary>Slot 121.</summary>
    public readonly nint CreateThreadingOptions;
    /// <summary>Slot 122.</summary>
    public readonly nint ReleaseThreadingOptions;
    /// <summary>Slot 123.</summary>
    public readonly nint ModelMetadataGetCustomMetadataMapKeys;
    /// <summary>Slot 124.</summary>
    public readonly nint AddFreeDimensionOverrideByName;
    /// <summary>Slot 125.</summary>
    public readonly nint GetAvailableProviders;
    /// <summary>Slot 126.</summary>
    public readonly nint ReleaseAvailableProviders;
    /// <summary>Slot 127.</summary>
    public readonly nint GetStringTensorElementLength;
    /// <summary>Slot 128.</summary>
    public readonly nint GetStringTensorElement;
    /// <summary>Slot 129.</summary>
    public readonly nint FillStringTensorElement;
    /// <summary>Slot 130.</summary>
    public readonly nint AddSessionConfigEntry;
    /// <summary>Slot 131.</summary>
    public readonly nint CreateAllocator;
    /// <summary>Slot 132.</summary>
    public readonly nint ReleaseAllocator;
    /// <summary>Slot 133.</summary>
    public readonly nint RunWithBinding;
    /// <summary>Slot 134.</summary>
    public readonly nint CreateIoBinding;
    /// <summary>Slot 135.</summary>
    public readonly nint ReleaseIoBinding;
    /// <summary>Slot 136.</summary>
    public readonly nint BindInput;
    /// <summary>Slot 137.</summary>
    public readonly nint BindOutput;
    /// <summary>Slot 138.</summary>
    public readonly nint BindOutputToDevice;
    /// <summary>Slot 139.</summary>
    public readonly nint GetBoundOutputNames;
    /// <summary>Slot 140.</summary>
    public readonly nint GetBoundOutputValues;
    /// <summary>Slot 141.</summary>
    public readonly nint ClearBoundInputs;
    /// <summary>Slot 142.</summary>
    public readonly nint ClearBoundOutputs;
    /// <summary>Slot 143.</summary>
    public readonly nint TensorAt;
    /// <summary>Slot 144.</summary>
    public readonly nint CreateAndRegisterAllocator;
    /// <summary>Slot 145.</summary>
    public readonly nint SetLanguageProjection;
    /// <summary>Slot 146.</summary>
    public readonly nint SessionGetProfilingStartTimeNs;
    /// <summary>Slot 147.</summary>
    public readonly nint SetGlobalIntraOpNumThreads;
    /// <summary>Slot 148.</summary>
    public readonly nint SetGlobalInterOpNumThreads;
    /// <summary>Slot 149.</summary>
    public readonly nint SetGlobalSpinControl;
    /// <summary>Slot 150.</summary>
    public readonly nint AddInitializer;
    /// <summary>Slot 151.</summary>
    public readonly nint CreateEnvWithCustomLoggerAndGlobalThreadPools;
    /// <summary>Slot 152.</summary>
    public readonly nint SessionOptionsAppendExecutionProvider_CUDA;
    /// <summary>Slot 153.</summary>
    public readonly nint SessionOptionsAppendExecutionProvider_ROCM;
    /// <summary>Slot 154.</summary>
    public readonly nint SessionOptionsAppendExecutionProvider_OpenVINO;
    /// <summary>Slot 155.</summary>
    public readonly nint SetGlobalDenormalAsZero;
    /// <summary>Slot 156.</summary>
    public readonly nint CreateArenaCfg;
    /// <summary>Slot 157.</summary>
    public readonly nint ReleaseArenaCfg;
    /// <summary>Slot 158.</summary>
    public readonly nint ModelMetadataGetGraphDescription;
    /// <summary>Slot 159.</summary>
    public readonly nint SessionOptionsAppendExecutionProvider_TensorRT;
    /// <summary>Slot 160.</summary>
    public readonly nint SetCurrentGpuDeviceId;
    /// <summary>Slot 161.</summary>
    public readonly nint GetCurrentGpuDeviceId;
    /// <summary>Slot 162.</summary>
    public readonly nint KernelInfoGetAttributeArray_float;
    /// <summary>Slot 163.</summary>
    public readonly nint KernelInfoGetAttributeArray_int64;
    /// <summary>Slot 164.</summary>
    public readonly nint CreateArenaCfgV2;
    /// <summary>Slot 165.</summary>
    public readonly nint AddRunConfigEntry;
    /// <summary>Slot 166.</summary>
    public readonly nint CreatePrepackedWeightsContainer;
    /// <summary>Slot 167.</summary>
    public readonly nint ReleasePrepackedWeightsContainer;
    /// <summary>Slot 168.</summary>
    public readonly nint CreateSessionWithPrepackedWeightsContainer;
    /// <summary>Slot 169.</summary>
    public readonly nint CreateSessionFromArrayWithPrepackedWeightsContainer;
    /// <summary>Slot 170.</summary>
    public readonly nint SessionOptionsAppendExecutionProvider_TensorRT_V2;
    /// <summary>Slot 171.</summary>
    public readonly nint CreateTensorRTProviderOptions;
    /// <summary>Slot 172.</summary>
    public readonly nint UpdateTensorRTProviderOptions;
    /// <summary>Slot 173.</summary>
    public readonly nint GetTensorRTProviderOptionsAsString;
    /// <summary>Slot 174.</summary>
    public readonly nint ReleaseTensorRTProviderOptions;
    /// <summary>Slot 175.</summary>
    public readonly nint EnableOrtCustomOps;
    /// <summary>Slot 176.</summary>
    public readonly nint RegisterAllocator;
    /// <summary>Slot 177.</summary>
    public readonly nint UnregisterAllocator;
    /// <summary>Slot 178.</summary>
    public readonly nint IsSparseTensor;
    /// <summary>Slot 179.</summary>
    public readonly nint CreateSparseTensorAsOrtValue;
    /// <summary>Slot 180.</summary>
    public readonly nint FillSparseTensorCoo;
    /// <summary>Slot 181.</summary>
    public readonly nint FillSparseTensorCsr;
    /// <summary>Slot 182.</summary>
    public readonly nint FillSparseTensorBlockSparse;
    /// <summary>Slot 183.</summary>
    public readonly nint CreateSparseTensorWithValuesAsOrtValue;
    /// <summary>Slot 184.</summary>
    public readonly nint UseCooIndices;
    /// <summary>Slot 185.</summary>
    public readonly nint UseCsrIndices;
    /// <summary>Slot 186.</summary>
    public readonly nint UseBlockSparseIndices;
    /// <summary>Slot 187.</summary>
    public readonly nint GetSparseTensorFormat;
    /// <summary>Slot 188.</summary>
    public readonly nint GetSparseTensorValuesTypeAndShape;
    /// <summary>Slot 189.</summary>
    public readonly nint GetSparseTensorValues;
    /// <summary>Slot 190.</summary>
    public readonly nint GetSparseTensorIndicesTypeShape;
    /// <summary>Slot 191.</summary>
    public readonly nint GetSparseTensorIndices;
    /// <summary>Slot 192.</summary>
    public readonly nint HasValue;
    /// <summary>Slot 193.</summary>
    public readonly nint KernelContext_GetGPUComputeStream;
    /// <summary>Slot 194.</summary>
    public readonly nint GetTensorMemoryInfo;
    /// <summary>Slot 195.</summary>
    public readonly nint GetExecutionProviderApi;
    /// <summary>Slot 196.</summary>
    public readonly nint SessionOptionsSetCustomCreateThreadFn;
    /// <summary>Slot 197.</summary>
    public readonly nint SessionOptionsSetCustomThreadCreationOptions;
    /// <summary>Slot 198.</summary>
    public readonly nint SessionOptionsSetCustomJoinThreadFn;
    /// <summary>Slot 199.</summary>
    public readonly nint SetGlobalCustomCreateThreadFn;
    /// <summary>Slot 200.</summary>
    public readonly nint SetGlobalCustomThreadCreationOptions;
    /// <summary>Slot 201.</summary>
    public readonly nint SetGlobalCustomJoinThreadFn;
    /// <summary>Slot 202.</summary>
    public readonly nint SynchronizeBoundInputs;
    /// <summary>Slot 203.</summary>
    public readonly nint SynchronizeBoundOutputs;
    /// <summary>Slot 204.</summary>
    public readonly nint SessionOptionsAppendExecutionProvider_CUDA_V2;
    /// <summary>Slot 205.</summary>
    public readonly nint CreateCUDAProviderOptions;
    /// <summary>Slot 206.</summary>
    public readonly nint UpdateCUDAProviderOptions;
    /// <summary>Slot 207.</summary>
    public readonly nint GetCUDAProviderOptionsAsString;
    /// <summary>Slot 208.</summary>
    public readonly nint ReleaseCUDAProviderOptions;
}
