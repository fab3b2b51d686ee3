using RobustFT.Inference.Onnx.Native;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

public sealed class OrtLibraryLocatorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("robustft-locator-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void An_explicit_path_is_the_only_candidate_even_when_the_environment_names_another()
    {
        var candidates = OrtLibraryLocator.Candidates("/opt/ort/libonnxruntime.so.1", "/env/libonnxruntime.so.1", _root.FullName);

        Assert.Equal(["/opt/ort/libonnxruntime.so.1"], candidates);
    }

    [Fact]
    public void The_environment_value_wins_over_the_repository_and_the_search_path()
    {
        var candidates = OrtLibraryLocator.Candidates(null, "/env/libonnxruntime.so.1", _root.FullName);

        Assert.Equal(["/env/libonnxruntime.so.1"], candidates);
    }

    [Fact]
    public void Without_configuration_the_repository_copy_above_the_base_directory_comes_before_the_search_path()
    {
        var library = Path.Combine(_root.FullName, OrtLibraryLocator.RepoRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        File.WriteAllBytes(library, []);
        var deep = Directory.CreateDirectory(Path.Combine(_root.FullName, "tests", "X", "bin", "Debug", "net10.0"));

        var candidates = OrtLibraryLocator.Candidates(null, "", deep.FullName);

        Assert.Equal([library, OrtLibraryLocator.LibraryFileName], candidates);
    }

    [Fact]
    public void Without_configuration_or_repository_copy_only_the_search_path_is_tried()
    {
        var candidates = OrtLibraryLocator.Candidates(null, null, _root.FullName);

        Assert.Equal([OrtLibraryLocator.LibraryFileName], candidates);
    }
}
