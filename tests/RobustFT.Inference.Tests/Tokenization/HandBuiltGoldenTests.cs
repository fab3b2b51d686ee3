using System.Text.Json;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>The small hand-built WordPiece and SentencePiece tokenizers, checked against <c>@lenml/tokenizers</c>
/// loading the very same tokenizer.json, so their expected ids are not ours alone.</summary>
public sealed class HandBuiltGoldenTests : IDisposable
{
    private static readonly string[] Lines =
    [
        "Hello, unaffable world!",
        "Café RUNS.",
        "the unaffablex world",
        "the中world 中中",
        "  hello   world  ",
        "hello ☃ world",
        "hello 😀",
        "<s>hello world</s>",
        "hello<unk>world",
        "HELLO\tWORLD\nrun",
        "",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("hand-built-tokenizer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WordPiece_tokenizer_matches_the_reference_on_the_same_file()
    {
        AssertMatchesReference(WordPieceTokenizerTests.Json());
    }

    [Fact]
    public void SentencePiece_byte_fallback_tokenizer_matches_the_reference_on_the_same_file()
    {
        AssertMatchesReference(SentencePieceBpeTests.Json());
    }

    private void AssertMatchesReference(string tokenizerJson)
    {
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), tokenizerJson);
        var tokenizer = HfTokenizer.Load(_dir);
        var expected = ReferenceTokenizerFixture.Reference(_dir, Lines);
        for (int i = 0; i < Lines.Length; i++)
        {
            var actual = tokenizer.Encode(Lines[i]);
            Assert.True(
                actual.SequenceEqual(expected[i]),
                $"{JsonSerializer.Serialize(Lines[i])}: expected {JsonSerializer.Serialize(expected[i])}, actual {JsonSerializer.Serialize(actual)}");
        }
    }
}
