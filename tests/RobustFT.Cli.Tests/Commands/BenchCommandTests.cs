using System.Text.Json;
using RobustFT.Cli.Tests.Support;

namespace RobustFT.Cli.Tests.Commands;

/// <summary><c>robustft bench generate</c> measures a decoder export through the generator and raw ORT, and a mixed-length
/// workload through static and iteration-level batching.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_generate_json_reports_both_throughputs_for_each_batch_size()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();
        var tiny = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "make-tiny", "--output", dir.Path);
        Assert.True(tiny.ExitCode == 0, tiny.ToString());

        var result = await cli.RunAsync(TimeSpan.FromMinutes(2), "bench", "generate", "--model", dir.File("decoder"),
            "--batch", "1,3", "--prompt", "8", "--new-tokens", "4", "--repeats", "1", "--mixed", "6", "--rows", "2", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        var rows = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([1, 3], rows.Select(r => r.GetProperty("batch").GetInt32()));
        Assert.All(rows, r =>
        {
            Assert.True(r.GetProperty("generatorTokensPerSecond").GetDouble() > 0);
            Assert.True(r.GetProperty("rawTokensPerSecond").GetDouble() > 0);
            Assert.InRange(r.GetProperty("outsideOrt").GetDouble(), 0, 1);
        });
        var mixed = doc.RootElement.GetProperty("mixed").EnumerateArray().ToList();
        Assert.Equal(["static", "iteration-level", "continuous"], mixed.Select(m => m.GetProperty("mode").GetString()));
        Assert.All(mixed, m => Assert.Equal(mixed[0].GetProperty("generatedTokens").GetInt64(), m.GetProperty("generatedTokens").GetInt64()));
        Assert.Equal(0, mixed[0].GetProperty("admittedRows").GetInt64());
        Assert.True(mixed[2].GetProperty("admittedRows").GetInt64() > 0, result.Stdout);
        Assert.All(mixed, m => Assert.InRange(m.GetProperty("occupancy").GetDouble(), 0.01, 1));
        Assert.True(mixed[1].GetProperty("occupancy").GetDouble() > mixed[0].GetProperty("occupancy").GetDouble(), result.Stdout);
    }

    [Fact]
    public async Task Bench_generate_rejects_a_bad_batch_list()
    {
        using var dir = new TempDir();
        var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "bench", "generate", "--model", dir.Path, "--batch", "1,x");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch", result.Stderr);
    }
}
