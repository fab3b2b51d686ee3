using System.Text.RegularExpressions;

namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>
/// The environment the kubelet gives one pod of a rendered workload: literal values with <c>$(NAME)</c> references to
/// earlier variables expanded, and the pod's name and namespace for <c>fieldRef</c> metadata.name/metadata.namespace.
/// Secret references are left out (they are created out of band).
/// </summary>
internal static partial class PodEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(string renderedWorkload, string podName, string podNamespace)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Variable().Matches(renderedWorkload))
        {
            var name = m.Groups["name"].Value;
            if (m.Groups["field"].Success)
            {
                env[name] = m.Groups["field"].Value switch
                {
                    "metadata.name" => podName,
                    "metadata.namespace" => podNamespace,
                    var other => throw new InvalidOperationException($"env {name}: fieldRef {other} is not modelled"),
                };
            }
            else if (m.Groups["value"].Success)
            {
                env[name] = Reference().Replace(m.Groups["value"].Value, r => env.GetValueOrDefault(r.Groups[1].Value, r.Value));
            }
        }

        return env;
    }

    [GeneratedRegex("""- name: (?<name>[A-Z0-9_]+)\n\s+(?:value: "?(?<value>[^"\n]*)"?|valueFrom:\n\s+fieldRef:\n(?:\s+apiVersion: v1\n)?\s+fieldPath: (?<field>\S+)|valueFrom:)""")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\$\(([A-Za-z0-9_]+)\)")]
    private static partial Regex Reference();
}
