using Microsoft.Extensions.Configuration;
using RobustFT.Configuration;
using RobustFT.Configuration.Model;
using RobustFT.Configuration.Overrides;
using RobustFT.Configuration.Provider;

namespace RobustFT.Cli.Configuration;

/// <summary>Layers the configuration like Typesafe Config: built-in defaults (<c>hocon/robustft.conf</c> beside the
/// binary), then the <c>--config</c> file, then <c>--set</c> overrides; substitutions are resolved once, at the end.</summary>
public static class ConfigLoader
{
    public static string DefaultsPath => Path.Combine(AppContext.BaseDirectory, "hocon", "robustft.conf");

    public static LoadedConfig Load(string? configPath, IEnumerable<string>? sets, bool includeDefaults = true)
    {
        var layers = new List<HoconObject>();
        try
        {
            if (includeDefaults)
            {
                if (!File.Exists(DefaultsPath)) throw new UsageException($"built-in defaults not found at '{DefaultsPath}' (broken installation)");
                layers.Add(HoconConfig.ParseFile(DefaultsPath));
            }
            if (configPath is not null)
            {
                if (!File.Exists(configPath)) throw new UsageException($"--config: file '{configPath}' not found");
                layers.Add(HoconConfig.ParseFile(configPath));
            }
            var overrides = sets?.ToList() ?? [];
            if (overrides.Count > 0) layers.Add(HoconOverrides.Parse(overrides));
            var tree = HoconConfig.Resolve(HoconConfig.Merge(layers));
            var values = new ConfigurationBuilder().AddHoconTree(tree).Build();
            return new LoadedConfig(tree, values, configPath);
        }
        catch (HoconException e)
        {
            throw new UsageException($"configuration error: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--set: {e.Message}", e);
        }
    }
}
