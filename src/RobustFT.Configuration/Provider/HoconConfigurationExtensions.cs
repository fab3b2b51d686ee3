using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Provider;

public static class HoconConfigurationExtensions
{
    /// <summary>Adds a HOCON file (substitutions resolved within the file and its includes).</summary>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false) =>
        builder.Add(new HoconConfigurationSource { Path = path, Optional = optional });

    /// <summary>Adds HOCON text.</summary>
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, string text, string? sourceName = null) =>
        builder.Add(new HoconConfigurationSource { Text = text, SourceName = sourceName });

    /// <summary>Adds a tree, typically several files and <c>--set</c> overrides merged with <see cref="HoconConfig.Merge(HoconObject, HoconObject)"/>;
    /// its substitutions are resolved when the configuration is built.</summary>
    public static IConfigurationBuilder AddHoconTree(this IConfigurationBuilder builder, HoconObject tree) =>
        builder.Add(new HoconConfigurationSource { Tree = tree, SourceName = "<tree>" });
}
