using RobustFT.Cli.Tests.Support;

namespace RobustFT.Cli.Tests.Commands;

/// <summary>The product's backend is ONNX: with no model configured, <c>run</c> stops with exit code 2 and names the
/// configuration keys to set.</summary>
public sealed class NoModelTests
{
    [Fact]
    public async Task Run_without_a_configured_model_exits_2_naming_the_model_keys()
    {
        using var dir = new TempDir();
        var demo = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "demo-data", "--rows", "20", "--output", dir.Path);
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1),
            "run", "--input", dir.File("noisy.csv"), "--task", "arc", "--output", dir.File("out"),
            "--set", "robustft.inference.generator.model=\"\"", "--set", "robustft.inference.encoder.model=\"\"");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("robustft.inference.generator.model", result.Stderr);
    }
}
