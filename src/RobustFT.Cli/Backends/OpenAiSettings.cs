using RobustFT.Cli.Configuration;
using RobustFT.Inference.OpenAi;

namespace RobustFT.Cli.Backends;

/// <summary>Reads <c>robustft.inference.openai.*</c> (defaults in hocon/robustft.conf) into <see cref="OpenAiOptions"/>;
/// a bad value is a <see cref="UsageException"/> naming its key.</summary>
public static class OpenAiSettings
{
    public const string Prefix = "robustft.inference.openai.";
    public const string BaseUrlKey = Prefix + "base-url";
    public const string ModelKey = Prefix + "model";
    public const string ApiKeyKey = Prefix + "api-key";
    public const string ApiKeyFileKey = Prefix + "api-key-file";

    public static OpenAiOptions Read(RobustFtConfig config)
    {
        var r = config.Reader;
        var url = r.String(BaseUrlKey);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw new UsageException($"configuration key {BaseUrlKey}: '{url}' is not an http:// or https:// URL (e.g. http://127.0.0.1:8000/v1)");
        var concurrent = r.Int(Prefix + "max-concurrent-requests");
        if (concurrent < 1) throw new UsageException($"configuration key {Prefix}max-concurrent-requests: {concurrent} is not at least 1");
        var timeout = r.Duration(Prefix + "timeout");
        if (timeout < TimeSpan.FromMilliseconds(10)) throw new UsageException($"configuration key {Prefix}timeout: {timeout} is shorter than 10ms");
        var retries = r.Int(Prefix + "max-retries");
        if (retries < 0) throw new UsageException($"configuration key {Prefix}max-retries: {retries} is negative");
        var delay = r.Duration(Prefix + "retry-delay");
        if (delay < TimeSpan.Zero) throw new UsageException($"configuration key {Prefix}retry-delay: {delay} is negative");
        return new OpenAiOptions(baseUrl, ApiKey(config), concurrent, timeout, retries, delay);
    }

    /// <summary>The served chat model's name (<c>robustft.inference.openai.model</c>), required.</summary>
    public static string Model(RobustFtConfig config) =>
        config.Reader.String(ModelKey) is { Length: > 0 } model ? model
            : throw new UsageException($"configuration key {ModelKey} is empty: set it to the served model's name (vLLM --served-model-name)");

    /// <summary><c>api-key</c> (set from ROBUSTFT_OPENAI_API_KEY), else the file named by <c>api-key-file</c>, else none.</summary>
    private static string? ApiKey(RobustFtConfig config)
    {
        var r = config.Reader;
        if (r.String(ApiKeyKey) is { Length: > 0 } key) return key;
        if (r.String(ApiKeyFileKey) is not { Length: > 0 } file) return null;
        if (!File.Exists(file)) throw new UsageException($"configuration key {ApiKeyFileKey}: file '{file}' not found");
        return File.ReadAllText(file).Trim();
    }

    /// <summary>Checks at start that the server answers and accepts the key: a clear error naming the key otherwise.</summary>
    public static void Check(OpenAiClient client)
    {
        try
        {
            client.CheckAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (OpenAiException e) when (e.Kind == OpenAiFailure.Unauthorized)
        {
            throw new UsageException($"configuration key {ApiKeyKey} (or {ApiKeyFileKey}, ROBUSTFT_OPENAI_API_KEY): {e.Message}", e);
        }
        catch (OpenAiException e)
        {
            throw new UsageException($"configuration key {BaseUrlKey}: {e.Message}", e);
        }
    }
}
