using System.Runtime.InteropServices;

namespace RobustFT.Inference.Onnx.Native;

#pragma warning disable CS0649 // fields are filled by ONNX Runtime, never by managed code

/// <summary>Mirror of the C <c>OrtApiBase</c> struct returned by the exported <c>OrtGetApiBase</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct OrtApiBase
{
    /// <summary><c>const OrtApi* GetApi(uint32_t version)</c>.</summary>
    public readonly nint GetApi;

    /// <summary><c>const char* GetVersionString(void)</c>.</summary>
    public readonly nint GetVersionString;
}
