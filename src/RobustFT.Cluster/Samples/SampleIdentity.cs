using System.Security.Cryptography;
using System.Text;

namespace RobustFT.Cluster.Samples;

/// <summary>Entity id = persistence id: a sample's saga correlation id derives from (run id, sample id), so every node
/// and every resumed process addresses the same saga without a lookup.</summary>
public static class SampleIdentity
{
    public static Guid CorrelationId(string runId, string sampleId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}\u001f{sampleId}"));
        Span<byte> bytes = stackalloc byte[16];
        hash.AsSpan(0, 16).CopyTo(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
