using RobustFT.Inference.Batching;

namespace RobustFT.Inference.Tests.Batching;

/// <summary>Model calls: bounded in size and padded tokens, the oldest request's length bucket first and the nearest
/// buckets filling the room it leaves, every request exactly once.</summary>
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
    public void A_call_never_exceeds_the_maximum_size_and_takes_the_oldest_first()
    {
        var counts = Enumerable.Repeat(20, 10).ToList();

        var call = new PromptBucketer(MaxBatchSize: 4, MaxBatchTokens: 16384).Fill(counts, 0);

        Assert.Equal([0, 1, 2, 3], call);
    }

    [Fact]
    public void A_call_never_exceeds_the_maximum_padded_tokens()
    {
        var counts = new[] { 100, 120, 90, 128, 110, 70 };

        var call = new PromptBucketer(MaxBatchSize: 32, MaxBatchTokens: 300).Fill(counts, 0);

        Assert.True(call.Max(i => counts[i]) * call.Count <= 300, $"call [{string.Join(',', call)}] pads past 300 tokens");
        Assert.Equal([0, 1], call.Order()); // 2 x 120 fits, a third request would pad to 360
    }

    [Fact]
    public void A_single_request_larger_than_the_token_limit_still_gets_a_call_of_its_own()
    {
        var bucketer = new PromptBucketer(MaxBatchSize: 8, MaxBatchTokens: 100);

        Assert.Equal([0], bucketer.Fill([500, 10], 0));
        Assert.Equal([1], bucketer.Fill([500, 10], 1));
    }

    [Fact]
    public void A_call_is_filled_from_its_first_request_s_bucket_before_any_other()
    {
        //                 b0   b3   b0   b4   b1   b0   b1   b3
        var counts = new[] { 30, 300, 40, 700, 100, 50, 120, 310 };

        var call = new PromptBucketer(MaxBatchSize: 3, MaxBatchTokens: 16384).Fill(counts, 0);

        Assert.Equal([0, 2, 5], call);
    }

    [Fact]
    public void The_room_its_own_bucket_leaves_is_filled_from_the_nearest_buckets_first()
    {
        //                 b0   b3   b0   b4   b1   b0   b1   b3
        var counts = new[] { 30, 300, 40, 700, 100, 50, 120, 310 };

        var bucketer = new PromptBucketer(MaxBatchSize: 5, MaxBatchTokens: 16384);

        Assert.Equal([0, 2, 5, 4, 6], bucketer.Fill(counts, 0));  // bucket 0, then bucket 1, not the long ones
        Assert.Equal([4, 6, 1, 7, 3], bucketer.Fill(counts, 1)); // bucket 3, then 4, then 1 (ordered by length)
    }

    [Fact]
    public void Within_a_call_requests_are_ordered_by_length()
    {
        var call = new PromptBucketer(MaxBatchSize: 32, MaxBatchTokens: 16384).Fill([50, 10, 30], 0);

        Assert.Equal([1, 2, 0], call);
    }

    [Fact]
    public void Calls_cut_one_after_another_take_every_request_once_within_the_limits_across_random_inputs()
    {
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var counts = Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.Next(1, 3000)).ToList();
            var bucketer = new PromptBucketer(MaxBatchSize: random.Next(1, 10), MaxBatchTokens: random.Next(500, 20000));
            var waiting = Enumerable.Range(0, counts.Count).ToList(); // indices into counts, oldest first
            var taken = new List<int>();

            while (waiting.Count > 0)
            {
                var call = bucketer.Fill(waiting.Select(i => counts[i]).ToList(), 0).Select(j => waiting[j]).ToList();

                Assert.Contains(waiting[0], call);
                Assert.Equal(call.Count, call.Distinct().Count());
                Assert.True(call.Count <= bucketer.MaxBatchSize);
                Assert.True(call.Count == 1 || call.Max(i => counts[i]) * call.Count <= bucketer.MaxBatchTokens);
                taken.AddRange(call);
                waiting.RemoveAll(call.Contains);
            }

            Assert.Equal(Enumerable.Range(0, counts.Count), taken.Order());
        }
    }

    [Fact]
    public void A_first_request_outside_the_waiting_ones_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PromptBucketer(MaxBatchSize: 32, MaxBatchTokens: 16384).Fill([], 0));
    }

    [Fact]
    public void A_maximum_size_below_one_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new PromptBucketer(MaxBatchSize: 0, MaxBatchTokens: 16384).Fill([1], 0));

        Assert.Contains("max-batch-size", e.Message, StringComparison.Ordinal);
    }
}
