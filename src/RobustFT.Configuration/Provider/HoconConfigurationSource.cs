using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Provider;

/// <summary>One HOCON document set: a file (with its includes), a text, or an already built tree. Exactly one is set.</summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>Path of a HOCON file; includes are relative to it.</summary>
    public string? Path { get; init; }

    /// <summary>HOCON text; includes are relative to the current directory.</summary>
    public string? Text { get; init; }

    /// <summary>A tree (resolved or not), e.g. defaults merged with overrides by <see cref="HoconConfig.Merge(HoconObject, HoconObject)"/>.</summary>
    public HoconObject? Tree { get; init; }

    /// <summary>Name used in error messages for <see cref="Text"/>.</summary>
    public string? SourceName { get; init; }

    /// <summary>A missing <see cref="Path"/> yields no keys instead of an error.</summary>
    public bool Optional { get; init; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
