using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Tokenization;

public sealed class UnsupportedFeatureTests
{
    private const string Model = "\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, \"merges\": [\"a b\"]}";

    [Theory]
    [InlineData("\"model\": {\"type\": \"Unigram\", \"vocab\": []}", "tokenizer.json: model.type 'Unigram' is not supported")]
    [InlineData("\"normalizer\": {\"type\": \"Precompiled\"}, " + Model, "tokenizer.json: normalizer.type 'Precompiled' is not supported")]
    [InlineData("\"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Whitespace\"}, {\"type\": \"UnicodeScripts\"}]}, " + Model,
        "tokenizer.json: pre_tokenizer.pretokenizers[1].type 'UnicodeScripts' is not supported")]
    [InlineData("\"post_processor\": {\"type\": \"Fancy\"}, " + Model, "tokenizer.json: post_processor.type 'Fancy' is not supported")]
    [InlineData("\"decoder\": {\"type\": \"CTC\"}, " + Model, "tokenizer.json: decoder.type 'CTC' is not supported")]
    public void An_unknown_component_type_is_rejected_naming_its_section(string body, string message)
    {
        var ex = Assert.Throws<NotSupportedException>(() => HfTokenizer.FromJson("{" + body + "}"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void A_missing_vocab_is_a_tokenizer_error_naming_the_json_path()
    {
        var ex = Assert.Throws<TokenizerException>(() => HfTokenizer.FromJson("{\"model\": {\"type\": \"BPE\", \"merges\": []}}"));
        Assert.Equal("tokenizer.json: model.vocab is missing", ex.Message);
    }

    [Fact]
    public void A_merge_over_unknown_tokens_is_a_tokenizer_error_naming_the_merge()
    {
        var ex = Assert.Throws<TokenizerException>(() =>
            HfTokenizer.FromJson("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [\"a z\"]}}"));
        Assert.Equal("tokenizer.json: model.merges[0] 'a z' uses a token missing from the vocab", ex.Message);
    }

    [Fact]
    public void Errors_in_a_loaded_file_name_its_full_path()
    {
        string dir = Directory.CreateTempSubdirectory("bad-tokenizer-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "tokenizer.json"), "{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}");
            var ex = Assert.Throws<NotSupportedException>(() => HfTokenizer.Load(dir));
            Assert.Equal($"{Path.Combine(dir, "tokenizer.json")}: model.type 'Unigram' is not supported", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Invalid_json_and_a_missing_file_are_tokenizer_errors_naming_the_file()
    {
        Assert.StartsWith("tokenizer.json: invalid JSON", Assert.Throws<TokenizerException>(() => HfTokenizer.FromJson("{nope")).Message);
        string dir = Directory.CreateTempSubdirectory("no-tokenizer-").FullName;
        try
        {
            var ex = Assert.Throws<TokenizerException>(() => HfTokenizer.Load(dir));
            Assert.Contains(Path.Combine(dir, "tokenizer.json"), ex.Message);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
