using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Provider;

/// <summary>Loads one <see cref="HoconConfigurationSource"/>: parse, resolve substitutions, flatten to <c>a:b:c</c> keys.</summary>
public sealed class HoconConfigurationProvider : ConfigurationProvider
{
    public HoconConfigurationProvider(HoconConfigurationSource source) => Source = source;

    public HoconConfigurationSource Source { get; }

    public override void Load()
    {
        var tree = ReadTree();
        Data = tree is null ? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) : HoconFlattener.Flatten(HoconConfig.Resolve(tree));
    }

    public override string ToString() => $"{GetType().Name} for '{Source.Path ?? Source.SourceName ?? "<tree>"}'";

    private HoconObject? ReadTree()
    {
        if (Source.Path is { } path)
        {
            if (!File.Exists(path))
            {
                return Source.Optional ? null : throw new FileNotFoundException($"HOCON configuration file '{path}' not found", path);
            }

            return HoconConfig.ParseFile(path);
        }

        if (Source.Text is { } text)
        {
            return HoconConfig.Parse(text, Source.SourceName);
        }

        return Source.Tree ?? throw new InvalidOperationException("HoconConfigurationSource needs a Path, a Text or a Tree");
    }
}
