using RobustFT.Inference.Backends;
using RobustFT.Inference.Embedding;
using RobustFT.Inference.Tests.Onnx.Runtime;
using RobustFT.Inference.Tests.TinyModels;
using RobustFT.Inference.TinyModels;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Embedding;

/// <summary>Runs in the ONNX Runtime collection: never in parallel with the runtime's own (memory-measuring) tests.</summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxEmbedderTests
{
    private static TinyModelsFixture Models => TinyModelsFixture.Shared;

    [Fact]
    public async Task Embeddings_are_unit_vectors_equal_to_the_reference_mean_pool()
    {
        using var embedder = OnnxEmbedder.Load(Models.EncoderDirectory, TinyModelsFixture.Config, maxBatchSize: 32);
        string[] texts = ["The sun heats the earth.", "Net sales rose 5 percent"];

        var vectors = await embedder.EmbedAsync(texts, CancellationToken.None);

        var tokenizer = HfTokenizer.Load(Models.EncoderDirectory);
        var reference = new ReferenceEncoder(TinyEncoderWeights.Create(TinyEncoderSpec.Default, 1234));
        for (var i = 0; i < texts.Length; i++)
        {
            var ids = tokenizer.Encode(texts[i], addSpecialTokens: true).Select(id => (long)id).ToArray();
            Assert.Equal(TinyWordPieceVocabulary.ClsId, ids[0]);
            var mask = ids.Select(_ => 1L).ToArray();
            var hidden = reference.Forward(ids, mask, 1);
            var expected = VectorNormalization.L2Normalize(MeanPooling.Pool(hidden, mask, 1, ids.Length, TinyEncoderSpec.Default.Hidden)[0]);
            Assert.Equal(TinyEncoderSpec.Default.Hidden, vectors[i].Length);
            Assert.Equal(1.0, Math.Sqrt(vectors[i].Sum(v => (double)v * v)), 1e-5);
            for (var d = 0; d < expected.Length; d++) Assert.Equal(expected[d], vectors[i][d], 1e-4);
        }
        Assert.NotEqual(vectors[0], vectors[1]);
    }

    [Fact]
    public void A_text_gets_the_same_vector_alone_and_in_a_padded_batch()
    {
        using var embedder = OnnxEmbedder.Load(Models.EncoderDirectory, TinyModelsFixture.Config, maxBatchSize: 8);
        const string text = "yes";

        var alone = embedder.Embed([text])[0];
        var batched = embedder.Embed(["a much longer question about plants water and the energy of light", text, "no"])[1];

        for (var d = 0; d < alone.Length; d++) Assert.Equal(alone[d], batched[d], 1e-5);
    }

    [Fact]
    public void Batches_larger_than_the_maximum_are_split_and_keep_their_order()
    {
        using var embedder = OnnxEmbedder.Load(Models.EncoderDirectory, TinyModelsFixture.Config, maxBatchSize: 2);
        string[] texts = ["one", "two", "three", "four", "five"];

        var split = embedder.Embed(texts);

        Assert.Equal(5, split.Count);
        for (var i = 0; i < texts.Length; i++) Assert.Equal(embedder.Embed([texts[i]])[0], split[i]);
    }

    [Fact]
    public void A_model_sentence_embedding_output_is_used_and_agrees_with_mean_pooling()
    {
        using var pooling = OnnxEmbedder.Load(Models.EncoderDirectory, TinyModelsFixture.Config, maxBatchSize: 32);
        using var pooled = OnnxEmbedder.Load(Models.PooledEncoderDirectory, TinyModelsFixture.Config, maxBatchSize: 32);
        string[] texts = ["profit fell", "the moon and the sun are light"];

        var expected = pooling.Embed(texts);
        var actual = pooled.Embed(texts);

        Assert.Equal(OnnxEmbedder.SentenceEmbedding, pooled.OutputName);
        Assert.Equal(OnnxEmbedder.LastHiddenState, pooling.OutputName);
        for (var i = 0; i < texts.Length; i++)
        for (var d = 0; d < expected[i].Length; d++)
            Assert.Equal(expected[i][d], actual[i][d], 1e-5);
    }
}
