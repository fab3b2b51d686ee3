namespace RobustFT.Inference.Onnx.Native;

/// <summary>
/// Decides which paths to try for <c>libonnxruntime.so.1</c>: an explicit path, else the environment variable
/// <see cref="EnvironmentVariable"/>, else <c>&lt;repo&gt;/.tools/onnxruntime/1.30.0/libonnxruntime.so.1</c> found by
/// walking up from the application's base directory, then the bare name on the default search path.
/// </summary>
public static class OrtLibraryLocator
{
    /// <summary>Environment variable holding the library path.</summary>
    public const string EnvironmentVariable = "ROBUSTFT_ONNXRUNTIME";

    /// <summary>File name of the ONNX Runtime shared library.</summary>
    public const string LibraryFileName = "libonnxruntime.so.1";

    /// <summary>Location of the fetched library relative to the repository root.</summary>
    public static readonly string RepoRelativePath = Path.Combine(".tools", "onnxruntime", "1.30.0", LibraryFileName);

    /// <summary>Paths to try in order. Explicit path or environment value, when given, are the only candidate.</summary>
    public static IReadOnlyList<string> Candidates(string? explicitPath, string? environmentValue, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return [Path.GetFullPath(explicitPath)];
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return [Path.GetFullPath(environmentValue)];
        }

        var candidates = new List<string>();
        var fromRepo = FindUpwards(baseDirectory);
        if (fromRepo is not null)
        {
            candidates.Add(fromRepo);
        }

        candidates.Add(LibraryFileName);
        return candidates;
    }

    /// <summary>Walks up from <paramref name="startDirectory"/> looking for the fetched library.</summary>
    public static string? FindUpwards(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RepoRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
