using System.Diagnostics;
using RobustFT.Inference.Onnx.Native;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

/// <summary>
/// Makes sure <c>libonnxruntime.so.1</c> is present (runs <c>scripts/fetch-onnxruntime.sh</c> once per test run when
/// it is missing) and exposes the loaded <see cref="OrtRuntime"/>. Use it via <c>[Collection(OnnxRuntimeCollection.Name)]</c>
/// and a constructor parameter, or through <see cref="Shared"/>.
/// </summary>
public sealed class OnnxRuntimeFixture : IDisposable
{
    private static readonly Lazy<string> FetchedLibrary = new(FetchLibrary, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<OnnxRuntimeFixture> SharedInstance = new(() => new OnnxRuntimeFixture());

    private readonly string _tempDirectory;

    public OnnxRuntimeFixture()
    {
        LibraryPath = FetchedLibrary.Value;
        Runtime = OrtRuntime.Load(LibraryPath);
        _tempDirectory = Directory.CreateTempSubdirectory("robustft-onnx-tests-").FullName;
    }

    /// <summary>One fixture for tests outside the collection.</summary>
    public static OnnxRuntimeFixture Shared => SharedInstance.Value;

    /// <summary>The loaded runtime (CPU-only ONNX Runtime 1.30.0).</summary>
    public OrtRuntime Runtime { get; }

    /// <summary>Absolute path of the fetched library.</summary>
    public string LibraryPath { get; }

    /// <summary>The repository root (the directory holding RobustFT.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A fresh file path in a temporary directory removed when the fixture is disposed.</summary>
    public string TempPath(string fileName) =>
        Path.Combine(_tempDirectory, $"{Guid.NewGuid():N}-{fileName}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_tempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RobustFT.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RobustFT.sln not found above {AppContext.BaseDirectory}.");
    }

    private static string FetchLibrary()
    {
        var library = Path.Combine(RepoRoot, OrtLibraryLocator.RepoRelativePath);
        if (File.Exists(library))
        {
            return library;
        }

        var script = Path.Combine(RepoRoot, "scripts", "fetch-onnxruntime.sh");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {script}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(library))
        {
            throw new InvalidOperationException(
                $"{script} failed (exit {process.ExitCode}): {stdout}{stderr.GetAwaiter().GetResult()}");
        }

        return library;
    }
}
