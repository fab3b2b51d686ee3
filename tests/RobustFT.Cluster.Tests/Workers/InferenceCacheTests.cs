using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>The inference cache: keys by (kind, model, prompt, parameters), round trips through SQLite, first write wins.</summary>
public sealed class InferenceCacheTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "robustft-tests", "cache-" + Guid.NewGuid().ToString("N"));
    private InferenceCache _cache = null!;

    public async Task InitializeAsync()
    {
        var connections = new SqliteConnectionFactory(Path.Combine(_directory, "cache.db"));
        await new RunStore(connections).EnsureSchemaAsync();
        _cache = new InferenceCache(connections);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public void The_key_is_stable_and_differs_by_kind_model_prompt_and_parameters()
    {
        var key = InferenceCache.Key("generate", "m", "prompt", "t=0;seed=1");
        string[] others =
        [
            InferenceCache.Key("embed", "m", "prompt", "t=0;seed=1"),
            InferenceCache.Key("generate", "m2", "prompt", "t=0;seed=1"),
            InferenceCache.Key("generate", "m", "prompt!", "t=0;seed=1"),
            InferenceCache.Key("generate", "m", "prompt", "t=0;seed=2"),
            InferenceCache.Key("generate", "m", "t=0;seed=1", "prompt"),
        ];

        Assert.Equal(key, InferenceCache.Key("generate", "m", "prompt", "t=0;seed=1"));
        Assert.Equal(64, key.Length);
        Assert.DoesNotContain(key, others);
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public async Task A_stored_generation_reads_back_equal_and_missing_keys_are_absent()
    {
        var key = InferenceCache.Key("generate", "m", "p", "x");
        await _cache.PutManyAsync([new KeyValuePair<string, CachedGeneration>(key, new("Answer: B", [-0.5f, -0.25f], 2))]);

        var found = await _cache.GetManyAsync<CachedGeneration>([key, "missing"]);

        var hit = Assert.Single(found);
        Assert.Equal(key, hit.Key);
        Assert.Equal("Answer: B", hit.Value.Text);
        Assert.Equal([-0.5f, -0.25f], hit.Value.Logprobs);
        Assert.Equal(2, hit.Value.Tokens);
    }

    [Fact]
    public async Task A_second_put_of_the_same_key_keeps_the_first_value()
    {
        var key = InferenceCache.Key("embed", "e", "question", "");
        await _cache.PutManyAsync([new KeyValuePair<string, float[]>(key, [1f, 0f])]);

        await _cache.PutManyAsync([new KeyValuePair<string, float[]>(key, [0f, 1f])]);

        var found = await _cache.GetManyAsync<float[]>([key]);
        Assert.Equal([1f, 0f], found[key]);
    }

    [Fact]
    public async Task Many_keys_are_read_in_one_call_beyond_the_chunk_size()
    {
        var entries = Enumerable.Range(0, 450)
            .Select(i => new KeyValuePair<string, float[]>(InferenceCache.Key("embed", "e", $"q{i}", ""), [i])).ToList();
        await _cache.PutManyAsync(entries);

        var found = await _cache.GetManyAsync<float[]>(entries.Select(e => e.Key).ToList());

        Assert.Equal(450, found.Count);
        Assert.All(entries, e => Assert.Equal(e.Value, found[e.Key]));
    }

    [Fact]
    public async Task Empty_reads_and_writes_do_nothing()
    {
        await _cache.PutManyAsync(Array.Empty<KeyValuePair<string, float[]>>());

        Assert.Empty(await _cache.GetManyAsync<float[]>([]));
    }
}
