using RobustFT.Cli.Tests.Support;

namespace RobustFT.Cli.Tests.Commands;

/// <summary><c>robustft.inference.execution-provider = cuda</c> on a machine where ONNX Runtime cannot load its CUDA
/// provider stops the run at start with exit code 2, naming the key and carrying ONNX Runtime's message.</summary>
public sealed class ExecutionProviderTests
{
    [Fact]
    public async Task Cuda_requested_without_cuda_exits_2_naming_the_key_and_ort_message()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();
        var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", dir.File("models"));
        Assert.True(tiny.ExitCode == 0, tiny.ToString());
        var demo = await cli.RunAsync(TimeSpan.FromMinutes(1), "demo-data", "--rows", "10", "--output", dir.Path);
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var result = await cli.RunAsync(TimeSpan.FromMinutes(1),
            "run", "--input", dir.File("noisy.csv"), "--task", "arc", "--output", dir.File("out"),
            "--set", $"robustft.inference.generator.model=\"{dir.File("models/decoder")}\"",
            "--set", $"robustft.inference.encoder.model=\"{dir.File("models/encoder")}\"",
            "--set", "robustft.inference.execution-provider=cuda");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("configuration key robustft.inference.execution-provider = cuda", result.Stderr);
        Assert.Contains("the CUDA execution provider (device 0) cannot be loaded: [ErrorCode:", result.Stderr);
        Assert.DoesNotContain("Unhandled exception", result.Stderr);
    }

    [Fact]
    public async Task Models_check_with_cuda_requested_without_cuda_exits_2_naming_the_key()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();
        var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", dir.Path);
        Assert.True(tiny.ExitCode == 0, tiny.ToString());

        var result = await cli.RunAsync(TimeSpan.FromMinutes(1), "models", "check", dir.File("decoder"), "--set", "robustft.inference.execution-provider=cuda");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("configuration key robustft.inference.execution-provider = cuda", result.Stderr);
        Assert.Contains("Failed to load shared library", result.Stderr);
    }
}
