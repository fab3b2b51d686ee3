using System.Security.Cryptography;
using System.Text;

namespace RobustFT.Dashboard.Security;

/// <summary>Checks an <c>Authorization: Bearer …</c> header against the configured token in constant time. No token
/// configured: nothing is authorised (the dashboard is read-only).</summary>
public static class BearerAuthorization
{
    public static bool IsAuthorized(string? configuredToken, string? authorizationHeader)
    {
        if (string.IsNullOrEmpty(configuredToken) || string.IsNullOrEmpty(authorizationHeader)) return false;
        const string scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = authorizationHeader[scheme.Length..].Trim();
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configuredToken)));
    }
}
