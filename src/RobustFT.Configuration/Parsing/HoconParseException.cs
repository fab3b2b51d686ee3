using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Parsing;

/// <summary>A syntax or include error; the message starts with <c>file:line:column:</c>.</summary>
public sealed class HoconParseException : HoconException
{
    public HoconParseException(HoconOrigin origin, string reason, Exception? inner = null)
        : base($"{origin}: {reason}", inner)
    {
        Origin = origin;
        Reason = reason;
    }

    public HoconOrigin Origin { get; }

    public string SourceName => Origin.Source;

    public int Line => Origin.Line;

    public int Column => Origin.Column;

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; }
}
