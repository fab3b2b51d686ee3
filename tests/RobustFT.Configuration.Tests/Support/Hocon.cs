using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Tests.Support;

/// <summary>Short helpers: parse + resolve text, read a path as text.</summary>
internal static class Hocon
{
    public static HoconObject Resolve(string text) => HoconConfig.Resolve(HoconConfig.Parse(text, "test.conf"));

    public static HoconValue At(this HoconObject root, string path) =>
        root.Find(path) ?? throw new Xunit.Sdk.XunitException($"no value at '{path}'");

    public static string? Text(this HoconObject root, string path) => root.At(path).GetString();
}
