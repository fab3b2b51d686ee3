using System.Text.Json;
using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.TinyModels;

public sealed class TinyVocabularyTests
{
    [Fact]
    public void The_bpe_vocabulary_has_unique_tokens_and_every_merge_joins_known_tokens()
    {
        var tokens = TinyBpeVocabulary.Tokens();
        Assert.Equal(TinyBpeVocabulary.Size, tokens.Distinct().Count());
        Assert.Equal("Ġ", tokens[220]);
        Assert.Equal((byte)' ', TinyBpeVocabulary.ByteValues[220]);
        Assert.Equal("!", tokens[0]);
        Assert.Equal("Ċ", tokens[TinyBpeVocabulary.ByteValues.ToList().IndexOf((byte)'\n')]);
        Assert.Equal(256, TinyBpeVocabulary.ByteValues.Distinct().Count());
        for (var rank = 0; rank < TinyBpeVocabulary.Merges.Count; rank++)
        {
            var (left, right) = TinyBpeVocabulary.Merges[rank];
            Assert.True(tokens.Take(256 + rank).Contains(left) && tokens.Take(256 + rank).Contains(right), $"merge {rank}: {left} {right}");
        }
    }

    [Fact]
    public void Written_tokenizer_files_are_json_with_the_ids_of_the_vocabulary()
    {
        var dir = Directory.CreateTempSubdirectory("robustft-vocab-").FullName;
        try
        {
            TinyBpeVocabulary.WriteTokenizerFiles(Path.Combine(dir, "bpe"));
            TinyWordPieceVocabulary.WriteTokenizerFiles(Path.Combine(dir, "wp"));

            using var bpe = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "bpe", "tokenizer.json")));
            var vocab = bpe.RootElement.GetProperty("model").GetProperty("vocab");
            Assert.Equal(220, vocab.GetProperty("Ġ").GetInt32());
            Assert.Equal(TinyBpeVocabulary.ImEndId, bpe.RootElement.GetProperty("added_tokens")[2].GetProperty("id").GetInt32());
            using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "bpe", "tokenizer_config.json")));
            Assert.Contains("<|im_start|>", config.RootElement.GetProperty("chat_template").GetString());

            using var wp = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "wp", "tokenizer.json")));
            Assert.Equal(TinyWordPieceVocabulary.Size, wp.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject().Count());
            var lines = File.ReadAllLines(Path.Combine(dir, "wp", "vocab.txt"));
            Assert.Equal("[PAD]", lines[0]);
            Assert.Equal(TinyWordPieceVocabulary.Size, lines.Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
