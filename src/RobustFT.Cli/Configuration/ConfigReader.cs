using System.Globalization;
using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Units;

namespace RobustFT.Cli.Configuration;

/// <summary>Typed reads of configuration keys (written with dots, as in HOCON); a bad value is a
/// <see cref="UsageException"/> naming the key.</summary>
public sealed class ConfigReader(IConfiguration values)
{
    public IConfiguration Values => values;

    public string? String(string key) => values[ToKey(key)];

    public string String(string key, string fallback) => values[ToKey(key)] is { Length: > 0 } v ? v : fallback;

    public double Double(string key, double fallback) => Parse(key, fallback, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    public int Int(string key, int fallback) => Parse(key, fallback, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public long Long(string key, long fallback) => Parse(key, fallback, s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public bool Bool(string key, bool fallback) => Parse(key, fallback, s => s.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw new FormatException("expected true or false"),
    });

    public TimeSpan Duration(string key, TimeSpan fallback) => Parse(key, fallback, HoconDuration.Parse);

    public IConfigurationSection Section(string key) => values.GetSection(ToKey(key));

    private T Parse<T>(string key, T fallback, Func<string, T> parse)
    {
        var raw = values[ToKey(key)];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        try
        {
            return parse(raw.Trim());
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new UsageException($"configuration key {key}: '{raw}' is not a valid {typeof(T).Name.ToLowerInvariant()} ({e.Message})");
        }
    }

    public static string ToKey(string dotted) => dotted.Replace('.', ':');
}
