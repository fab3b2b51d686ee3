using RobustFT.Cluster.Hosting;

namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>The shipped serializer bindings (hocon/robustft.conf) as HOCON text, for test actor systems that do not take
/// the whole <c>akka</c> section.</summary>
public static class SerializationHocon
{
    public static string Shipped { get; } = AkkaSettings.ShippedSerialization();

    /// <summary><paramref name="hocon"/> with the shipped bindings.</summary>
    public static string With(string hocon) => hocon + "\n" + Shipped;
}
