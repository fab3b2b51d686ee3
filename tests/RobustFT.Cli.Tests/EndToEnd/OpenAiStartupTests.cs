using RobustFT.Cli.Tests.Support;
using RobustFT.Testing.Data;
using RobustFT.Testing.Servers;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>The <c>openai</c> backend's start: a server that cannot be reached or refuses the key is a usage error
/// (exit 2) naming the key to fix; the key comes from the environment or a file and never shows in <c>config show</c>.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OpenAiStartupTests
{
    private static readonly string Test = SharedData.File("arc", "test.csv");

    [Fact]
    public async Task Unreachable_server_at_start_exits_2_naming_the_base_url_key()
    {
        using var dir = new TempDir();
        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(1),
            ["run", "--input", Test, "--task", "arc", "--output", dir.Path, .. OpenAiRun.Sets($"http://127.0.0.1:{FreePort.Next()}/v1")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("robustft.inference.openai.base-url", result.Stderr);
        Assert.Contains("cannot reach", result.Stderr);
    }

    [Fact]
    public async Task Refused_api_key_at_start_exits_2_naming_the_api_key_key_and_the_key_from_env_or_file_is_accepted()
    {
        using var dir = new TempDir();
        await using var server = await OpenAiRun.StartServerAsync(Test, apiKey: "sk-right");
        string[] args = ["evaluate", "--input", Test, "--task", "arc", "--output", dir.Path, "--json", .. OpenAiRun.Sets(server.BaseUrl)];

        var wrong = OpenAiRun.Cli();
        wrong.Environment["ROBUSTFT_OPENAI_API_KEY"] = "sk-wrong";
        var refused = await wrong.RunAsync(TimeSpan.FromMinutes(1), args);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("robustft.inference.openai.api-key", refused.Stderr);
        Assert.Contains("401", refused.Stderr);

        var keyFile = dir.File("key");
        await File.WriteAllTextAsync(keyFile, "sk-right\n");
        var fromFile = OpenAiRun.Cli();
        fromFile.Environment["ROBUSTFT_OPENAI_API_KEY_FILE"] = keyFile;
        var accepted = await fromFile.RunAsync(TimeSpan.FromMinutes(2), args);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
    }

    [Theory]
    [InlineData("robustft.inference.openai.max-concurrent-requests=0", "robustft.inference.openai.max-concurrent-requests")]
    [InlineData("robustft.inference.openai.timeout=0s", "robustft.inference.openai.timeout")]
    [InlineData("robustft.inference.openai.max-retries=-1", "robustft.inference.openai.max-retries")]
    [InlineData("robustft.inference.openai.base-url=127.0.0.1:8000", "robustft.inference.openai.base-url")]
    [InlineData("robustft.inference.openai.model=", "robustft.inference.openai.model")]
    [InlineData("robustft.inference.openai.api-key-file=/nonexistent/key", "robustft.inference.openai.api-key-file")]
    [InlineData("robustft.inference.backend=tgi", "robustft.inference.backend")]
    public async Task Bad_openai_setting_exits_2_naming_its_key(string setting, string key)
    {
        using var dir = new TempDir();
        await using var server = await OpenAiRun.StartServerAsync(Test);

        var result = await OpenAiRun.Cli().RunAsync(TimeSpan.FromMinutes(1),
            ["evaluate", "--input", Test, "--task", "arc", "--output", dir.Path, .. OpenAiRun.Sets(server.BaseUrl, "--set", setting)]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"configuration key {key}", result.Stderr);
        Assert.Empty(server.Answered);
    }

    [Fact]
    public async Task Config_show_redacts_the_api_key()
    {
        var cli = OpenAiRun.Cli();
        cli.Environment["ROBUSTFT_OPENAI_API_KEY"] = "sk-very-secret";
        var result = await cli.RunAsync(TimeSpan.FromMinutes(1), "config", "show", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("sk-very-secret", result.Stdout);
        Assert.Contains("\"api-key\": \"***\"", result.Stdout);
    }
}
