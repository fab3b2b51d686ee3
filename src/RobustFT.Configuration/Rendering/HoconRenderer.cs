using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Rendering;

/// <summary>Renders a resolved tree, secrets replaced by <c>"***"</c>: as indented JSON (<c>robustft config show --json</c>)
/// or as one <c>dotted.path = value</c> line per leaf (<c>robustft config show</c>).</summary>
public static class HoconRenderer
{
    public const string Redacted = "***";

    private static readonly string[] SecretWords = ["password", "passwd", "secret"];
    private static readonly string[] KeyNames = ["api-key", "apikey", "api_key", "access-key", "accesskey", "access_key", "private-key", "private_key"];

    /// <param name="value">a resolved value (see <see cref="HoconConfig.Resolve"/>).</param>
    /// <param name="redact">decides from a field's path (e.g. <c>robustft.store.postgres.password</c>) whether to hide its value;
    /// defaults to <see cref="IsSecret"/>.</param>
    public static string ToJson(HoconValue value, Func<string, bool>? redact = null) =>
        Json(value, HoconPath.Empty, redact ?? IsSecret, indented: true);

    /// <summary>One line per leaf value (and per empty object), <c>dotted.path = value</c> with the value in JSON syntax,
    /// in the tree's order: valid HOCON that can be given back as a <c>--config</c> file, and easy to grep.</summary>
    public static string ToPathLines(HoconObject root, Func<string, bool>? redact = null)
    {
        var lines = new StringBuilder();
        AppendPathLines(lines, root, HoconPath.Empty, redact ?? IsSecret);
        return lines.ToString();
    }

    private static void AppendPathLines(StringBuilder lines, HoconObject obj, HoconPath path, Func<string, bool> redact)
    {
        foreach (var (key, child) in obj.Fields)
        {
            var childPath = path.Append(key);
            if (child is HoconObject { Count: > 0 } nested)
            {
                AppendPathLines(lines, nested, childPath, redact);
                continue;
            }

            lines.Append(childPath.ToString()).Append(" = ").Append(Json(child, childPath, redact, indented: false)).Append('\n');
        }
    }

    private static string Json(HoconValue value, HoconPath path, Func<string, bool> redact, bool indented)
    {
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            Write(writer, value, path, redact);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The default redaction: the last path segment contains "password", "passwd" or "secret"; or one of its words
    /// (split on '-' and '_') ends with "token" ("token", "auth-token", "accessToken", but not "max-new-tokens" or
    /// "tokenizer"); or it is exactly an API/access/private key name such as "api-key". Case-insensitive.
    /// </summary>
    public static bool IsSecret(string path)
    {
        string last;
        try
        {
            last = HoconPath.Parse(path).Last.ToLowerInvariant();
        }
        catch (FormatException)
        {
            last = path.ToLowerInvariant();
        }

        return SecretWords.Any(w => last.Contains(w, StringComparison.Ordinal))
            || last.Split('-', '_').Any(word => word.EndsWith("token", StringComparison.Ordinal))
            || KeyNames.Contains(last, StringComparer.Ordinal);
    }

    private static void Write(Utf8JsonWriter writer, HoconValue value, HoconPath path, Func<string, bool> redact)
    {
        if (!path.IsEmpty && value is not HoconNull && redact(path.ToString()))
        {
            writer.WriteStringValue(Redacted);
            return;
        }

        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj.Fields)
                {
                    writer.WritePropertyName(key);
                    Write(writer, child, path.Append(key), redact);
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Write(writer, array.Items[i], path.Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), redact);
                }

                writer.WriteEndArray();
                break;
            case HoconString s:
                writer.WriteStringValue(s.Value);
                break;
            case HoconNumber n:
                writer.WriteRawValue(n.Text);
                break;
            case HoconBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case HoconNull:
                writer.WriteNullValue();
                break;
            default:
                throw new InvalidOperationException($"{value.Origin}: resolve the configuration before rendering it ({value.KindName} found)");
        }
    }
}
