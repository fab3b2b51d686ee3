namespace RobustFT.Configuration.Model;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="FallbackPath"/> is the path as written in an included file, tried when the
/// path fixed up to the include location is not found.
/// </summary>
public sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(HoconPath path, bool optional, HoconOrigin origin, HoconPath? fallbackPath = null)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        FallbackPath = fallbackPath;
    }

    public HoconPath Path { get; }

    public bool Optional { get; }

    public HoconPath? FallbackPath { get; }

    public override bool IsResolved => false;

    internal override string KindName => "substitution";

    public override string ToString() => Optional ? $"${{?{Path}}}" : $"${{{Path}}}";
}
