using RobustFT.Inference.Onnx.Native;
using RobustFT.Inference.Onnx.Runtime;

namespace RobustFT.Inference.Tests.Onnx.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OrtRuntimeTests(OnnxRuntimeFixture fixture)
{
    [Fact]
    public void The_fetched_library_reports_version_1_30_0()
    {
        Assert.Equal("1.30.0", fixture.Runtime.Version);
        Assert.Equal(fixture.LibraryPath, fixture.Runtime.LibraryPath);
    }

    [Fact]
    public void Loading_the_same_path_twice_returns_the_same_runtime()
    {
        Assert.Same(fixture.Runtime, OrtRuntime.Load(fixture.LibraryPath));
    }

    [Fact]
    public void Loading_without_a_path_finds_the_library_fetched_into_the_repository_unless_the_environment_names_one()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(OrtLibraryLocator.EnvironmentVariable);
        var expected = string.IsNullOrEmpty(fromEnvironment) ? fixture.Runtime : OrtRuntime.Load(fromEnvironment);

        Assert.Same(expected, OrtRuntime.Load());
    }

    [Fact]
    public void The_function_table_reaches_GetAvailableProviders_which_lists_the_cpu_provider()
    {
        // GetAvailableProviders is slot 125 of OrtApi: a miscounted table would crash or return garbage here.
        var providers = fixture.Runtime.AvailableProviders;
        Assert.Contains("CPUExecutionProvider", providers);
        Assert.All(providers, p => Assert.EndsWith("ExecutionProvider", p));
    }

    [Fact]
    public void A_missing_library_path_fails_with_the_path_tried_and_how_to_fetch_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "libonnxruntime.so.1");

        var ex = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtRuntime.Load(missing));

        Assert.Equal([missing], ex.PathsTried);
        Assert.Contains(missing, ex.Message);
        Assert.Contains("scripts/fetch-onnxruntime.sh", ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_shared_library_fails_as_not_found_with_its_path()
    {
        var bogus = fixture.TempPath("libonnxruntime.so.1");
        File.WriteAllText(bogus, "not an ELF file");

        var ex = Assert.Throws<OnnxRuntimeNotFoundException>(() => OrtRuntime.Load(bogus));

        Assert.Contains(bogus, ex.Message);
        Assert.Contains("dlopen failed", ex.Message);
    }
}
