using System.Diagnostics;
using System.Globalization;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>The test host (tests/RobustFT.TestHost: the real <c>robustft</c> CLI with the scripted expert backend) as
/// child processes. Every process that creates models (gpu nodes, <c>run</c>, <c>submit</c>) reads the scripted
/// backend's environment, so every command gets the same.</summary>
public sealed class HostCommand
{
    public const double ExpertErrorRate = 0.1;

    private static readonly string Configuration =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private readonly string _dll;
    private readonly Dictionary<string, string> _environment;

    /// <param name="gold">Clean labels the scripted experts answer from.</param>
    /// <param name="delayPerBatch">Sleep per model batch: makes a run slow enough to hit it mid-run.</param>
    public HostCommand(string gold, int delayPerBatchMs = 0)
    {
        _dll = Path.Combine(RepoRoot, "tests", "RobustFT.TestHost", "bin", Configuration, "net10.0", "RobustFT.TestHost.dll");
        if (!File.Exists(_dll)) throw new FileNotFoundException($"test host not built: {_dll}");
        _environment = new Dictionary<string, string>
        {
            ["ROBUSTFT_SCRIPTED_GOLD"] = gold,
            ["ROBUSTFT_SCRIPTED_ERROR"] = ExpertErrorRate.ToString(CultureInfo.InvariantCulture),
            ["ROBUSTFT_SCRIPTED_DELAY_MS"] = delayPerBatchMs.ToString(CultureInfo.InvariantCulture),
            ["ROBUSTFT_VERBOSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public ChildProcess Start(string name, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoRoot };
        info.ArgumentList.Add(_dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in _environment) info.Environment[k] = v;
        return new ChildProcess(name, info);
    }

    /// <summary>Runs a command to its end; kills it and throws after <paramref name="timeout"/>.</summary>
    public async Task<CliResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args.Length > 0 ? args[0] : "robustft", args);
        var code = await process.WaitForExitAsync(timeout);
        return new CliResult(code, process.Stdout, process.Stderr);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RobustFT.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("RobustFT.sln not found above " + AppContext.BaseDirectory);
    }
}
