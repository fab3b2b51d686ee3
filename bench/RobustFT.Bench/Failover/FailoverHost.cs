using System.Diagnostics;
using System.Globalization;

namespace RobustFT.Bench.Failover;

/// <summary>Starts the test host (tests/RobustFT.TestHost, Release: the real <c>robustft</c> CLI with the scripted
/// expert backend) as child processes; every process gets the same scripted-backend environment.</summary>
public sealed class FailoverHost
{
    private readonly string _dll;
    private readonly Dictionary<string, string> _environment;

    /// <param name="gold">Clean labels the scripted experts answer from.</param>
    /// <param name="delayPerBatchMs">The scripted backend's sleep per model batch.</param>
    public FailoverHost(string gold, int delayPerBatchMs)
    {
        _dll = Path.Combine(RepoRoot, "tests", "RobustFT.TestHost", "bin", "Release", "net10.0", "RobustFT.TestHost.dll");
        if (!File.Exists(_dll)) throw new FileNotFoundException($"test host not built (dotnet build tests/RobustFT.TestHost -c Release): {_dll}");
        _environment = new Dictionary<string, string>
        {
            ["ROBUSTFT_SCRIPTED_GOLD"] = gold,
            ["ROBUSTFT_SCRIPTED_ERROR"] = "0.1",
            ["ROBUSTFT_SCRIPTED_DELAY_MS"] = delayPerBatchMs.ToString(CultureInfo.InvariantCulture),
            ["ROBUSTFT_VERBOSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public StampedProcess Start(string name, IEnumerable<string> args, string logFile)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoRoot };
        info.ArgumentList.Add(_dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in _environment) info.Environment[k] = v;
        return new StampedProcess(name, info, logFile);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RobustFT.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("RobustFT.sln not found above " + AppContext.BaseDirectory);
    }
}
