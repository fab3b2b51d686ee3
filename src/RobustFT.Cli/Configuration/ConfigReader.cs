using System.Globalization;
using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Units;

namespace RobustFT.Cli.Configuration;

/// <summary>Typed reads of configuration keys (written with dots, as in HOCON). Every default lives in
/// <c>hocon/robustft.conf</c>, which is always loaded, so a key that is missing is an error, never a value made up
/// here. A bad or missing value is a <see cref="UsageException"/> naming the key.</summary>
public sealed class ConfigReader(IConfiguration values)
{
    public IConfiguration Values => values;

    /// <summary>The key's text, or null when it is not set (for keys that are optional, such as <c>robustft.prompts.*</c>).</summary>
    public string? String(string key) => values[ToKey(key)];

    /// <summary>The key's text (possibly empty); missing is an error.</summary>
    public string Text(string key) => values[ToKey(key)] ?? throw Missing(key);

    public double Double(string key) => Parse(key, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    public int Int(string key) => Parse(key, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public long Long(string key) => Parse(key, s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public bool Bool(string key) => Parse(key, s => s.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw new FormatException("expected true or false"),
    });

    public TimeSpan Duration(string key) => Parse(key, HoconDuration.Parse);

    public IConfigurationSection Section(string key) => values.GetSection(ToKey(key));

    private T Parse<T>(string key, Func<string, T> parse)
    {
        var raw = values[ToKey(key)];
        if (string.IsNullOrWhiteSpace(raw)) throw Missing(key);
        try
        {
            return parse(raw.Trim());
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new UsageException($"configuration key {key}: '{raw}' is not a valid {typeof(T).Name.ToLowerInvariant()} ({e.Message})");
        }
    }

    private static UsageException Missing(string key) =>
        new($"configuration key {key} has no value (hocon/robustft.conf defines every key; set it, or restore that file)");

    public static string ToKey(string dotted) => dotted.Replace('.', ':');
}
