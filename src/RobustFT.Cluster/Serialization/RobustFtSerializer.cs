using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace RobustFT.Cluster.Serialization;

/// <summary>The project's messages and journal events (<see cref="IRobustFtMessage"/>) as System.Text.Json UTF-8 with a
/// short manifest per type (<see cref="RobustFtManifests"/>); bound in hocon/robustft.conf
/// (<c>akka.actor.serialization-bindings</c>), its identifier in <c>akka.actor.serialization-identifiers</c>. Journal rows
/// written before it by Akka's Newtonsoft serializer keep that serializer's id and are still read by it.</summary>
public sealed class RobustFtSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private static readonly byte[] NoBytes = [];
    private readonly ManifestRegistry _registry = RobustFtManifests.Registry;

    public override string Manifest(object o) => _registry.ForType(o.GetType()).Manifest;

    public override byte[] ToBinary(object obj)
    {
        var entry = _registry.ForType(obj.GetType());
        return entry.Instance is null ? JsonSerializer.SerializeToUtf8Bytes(obj, entry.Type, RobustFtJson.Options) : NoBytes;
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var entry = _registry.ForManifest(manifest);
        if (entry.Instance is not null) return entry.Instance;
        try
        {
            return JsonSerializer.Deserialize(bytes, entry.Type, RobustFtJson.Options)
                ?? throw new SerializationException($"manifest '{manifest}': the payload is JSON null");
        }
        catch (JsonException e)
        {
            throw new SerializationException($"manifest '{manifest}' ({entry.Type.Name}): {e.Message}", e);
        }
    }
}
