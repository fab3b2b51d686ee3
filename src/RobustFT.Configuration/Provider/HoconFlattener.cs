using System.Globalization;
using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Provider;

/// <summary>Turns a resolved tree into configuration keys: <c>robustft:method:beta</c>, arrays as <c>key:0</c>, <c>key:1</c>.</summary>
public static class HoconFlattener
{
    public static IDictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.Fields)
        {
            Add(data, key, value);
        }

        return data;
    }

    private static void Add(Dictionary<string, string?> data, string key, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                if (obj.Count == 0)
                {
                    data[key] = null;
                }

                foreach (var (childKey, child) in obj.Fields)
                {
                    Add(data, ConfigurationPath.Combine(key, childKey), child);
                }

                break;
            case HoconArray array:
                if (array.Items.Count == 0)
                {
                    data[key] = null;
                }

                for (var i = 0; i < array.Items.Count; i++)
                {
                    Add(data, ConfigurationPath.Combine(key, i.ToString(CultureInfo.InvariantCulture)), array.Items[i]);
                }

                break;
            case HoconString or HoconNumber or HoconBoolean or HoconNull:
                data[key] = value.GetString();
                break;
            default:
                throw new InvalidOperationException($"{value.Origin}: unresolved {value.KindName} at '{key}'");
        }
    }
}
