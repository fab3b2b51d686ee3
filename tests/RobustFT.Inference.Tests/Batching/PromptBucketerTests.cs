using RobustFT.Inference.Batching;

namespace RobustFT.Inference.Tests.Batching;

/// <summary>Model batches: bounded in size and padded tokens, one length bucket each, every request exactly once.</summary>
public sealed class PromptBucketerTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(64, 0)]
    [InlineData(65, 1)]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    [InlineData(256, 2)]
    [InlineData(257, 3)]
    [InlineData(4096, 6)]
    public void Buckets_are_powers_of_two_of_64_tokens(int tokens, int bucket)
    {
        Assert.Equal(bucket, PromptBucketer.Bucket(tokens));
    }

    [Fact]
    public void Batches_never_exceed_the_maximum_size()
    {
        var counts = Enumerable.Repeat(20, 10).ToList();

        var batches = new PromptBucketer(MaxBatchSize: 4, MaxBatchTokens: 16384).Split(counts);

        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
    }

    [Fact]
    public void Batches_never_exceed_the_maximum_padded_tokens()
    {
        var counts = new[] { 100, 120, 90, 128, 110, 70 };

        var batches = new PromptBucketer(MaxBatchSize: 32, MaxBatchTokens: 300).Split(counts);

        Assert.All(batches, b => Assert.True(b.Max(i => counts[i]) * b.Count <= 300, $"batch [{string.Join(',', b)}] pads past 300 tokens"));
        Assert.Equal(3, batches.Count);
    }

    [Fact]
    public void A_single_request_larger_than_the_token_limit_still_gets_its_own_batch()
    {
        var batches = new PromptBucketer(MaxBatchSize: 8, MaxBatchTokens: 100).Split([500, 10]);

        Assert.Contains(batches, b => b.SequenceEqual([0]));
        Assert.Contains(batches, b => b.SequenceEqual([1]));
    }

    [Fact]
    public void Short_and_long_prompts_are_never_mixed_in_one_batch()
    {
        var counts = new[] { 30, 300, 40, 700, 100, 50, 120, 310 };

        var batches = new PromptBucketer(MaxBatchSize: 32, MaxBatchTokens: 16384).Split(counts);

        Assert.All(batches, b => Assert.Single(b.Select(i => PromptBucketer.Bucket(counts[i])).Distinct()));
        Assert.Equal(counts.Select(PromptBucketer.Bucket).Distinct().Count(), batches.Count);
    }

    [Fact]
    public void Within_a_batch_requests_are_ordered_by_length()
    {
        var batches = new PromptBucketer(MaxBatchSize: 32, MaxBatchTokens: 16384).Split([50, 10, 30]);

        Assert.Equal([1, 2, 0], Assert.Single(batches));
    }

    [Fact]
    public void Every_index_appears_exactly_once_across_random_inputs()
    {
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var counts = Enumerable.Range(0, random.Next(0, 60)).Select(_ => random.Next(1, 3000)).ToList();
            var bucketer = new PromptBucketer(MaxBatchSize: random.Next(1, 10), MaxBatchTokens: random.Next(500, 20000));

            var batches = bucketer.Split(counts);

            Assert.Equal(Enumerable.Range(0, counts.Count), batches.SelectMany(b => b).Order());
            Assert.All(batches, b =>
            {
                Assert.NotEmpty(b);
                Assert.True(b.Count <= bucketer.MaxBatchSize);
                Assert.Single(b.Select(i => PromptBucketer.Bucket(counts[i])).Distinct());
                Assert.True(b.Count == 1 || b.Max(i => counts[i]) * b.Count <= bucketer.MaxBatchTokens);
            });
        }
    }

    [Fact]
    public void No_requests_give_no_batches()
    {
        Assert.Empty(new PromptBucketer(MaxBatchSize: 32, MaxBatchTokens: 16384).Split([]));
    }

    [Fact]
    public void A_maximum_size_below_one_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new PromptBucketer(MaxBatchSize: 0, MaxBatchTokens: 16384).Split([1]));

        Assert.Contains("max-batch-size", e.Message, StringComparison.Ordinal);
    }
}
