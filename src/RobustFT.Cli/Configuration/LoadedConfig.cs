using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Model;

namespace RobustFT.Cli.Configuration;

/// <summary>The resolved configuration: the HOCON tree (for <c>config show</c>) and its flattened view.</summary>
public sealed record LoadedConfig(HoconObject Tree, IConfiguration Values, string? SourcePath);
