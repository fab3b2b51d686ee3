using RobustFT.Configuration.Model;

namespace RobustFT.Configuration.Resolution;

/// <summary>A substitution that cannot be resolved (missing, cyclic, or of a type that cannot be concatenated).</summary>
public sealed class HoconResolveException : HoconException
{
    public HoconResolveException(HoconOrigin origin, string reason)
        : base($"{origin}: {reason}")
    {
        Origin = origin;
        Reason = reason;
    }

    public HoconOrigin Origin { get; }

    public string Reason { get; }
}
