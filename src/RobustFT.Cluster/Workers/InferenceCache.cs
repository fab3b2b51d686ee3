using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Prompts;
using RobustFT.Inference.Abstractions;

namespace RobustFT.Cluster.Workers;

/// <summary>Every inference result keyed by hash(model, prompt, decoding parameters, seed). A redelivered, duplicated or
/// resumed step reads its result from here instead of recomputing, which makes every step idempotent.</summary>
public sealed class InferenceCache(IDbConnectionFactory db)
{
    public static string Key(string kind, string modelId, string payload, string parameters)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{modelId}\n{parameters}\n{payload}"));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The key of a chat completion: the same for a run's step and <c>robustft evaluate</c>'s request with the
    /// same model, messages and decoding options.</summary>
    public static string GenerationKey(string modelId, IReadOnlyList<ChatMessage> messages, GenerationOptions options) =>
        Key("generate", modelId, JsonSerializer.Serialize(messages, StoreJson.Options), options.CacheKey());

    public async Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        var found = new Dictionary<string, T>();
        if (keys.Count == 0) return found;
        await using var c = await db.OpenAsync(ct);
        foreach (var chunk in keys.Distinct().Chunk(200))
        {
            var parameters = new DynamicParameters();
            var names = new List<string>();
            for (var i = 0; i < chunk.Length; i++) { parameters.Add("k" + i, chunk[i]); names.Add("@k" + i); }
            var rows = await c.QueryAsync<(string Key, string Value)>(new CommandDefinition(
                $"SELECT cache_key, value FROM inference_cache WHERE cache_key IN ({string.Join(',', names)})", parameters, cancellationToken: ct));
            foreach (var (key, value) in rows) found[key] = JsonSerializer.Deserialize<T>(value, StoreJson.Options)!;
        }
        return found;
    }

    public async Task PutManyAsync<T>(IReadOnlyCollection<KeyValuePair<string, T>> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return;
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inference_cache (cache_key, value) VALUES (@Key, @Value) ON CONFLICT (cache_key) DO NOTHING",
            entries.Select(e => new { e.Key, Value = JsonSerializer.Serialize(e.Value, StoreJson.Options) }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
