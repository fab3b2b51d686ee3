using System.Diagnostics;

namespace RobustFT.Cli.Tests.Support;

/// <summary>Runs the real command line in a child process: the product's <c>robustft</c>, or the test host (the same
/// CLI with the scripted expert backend).</summary>
public sealed class CliProcess
{
    private static readonly string Configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The product CLI, copied beside the tests by the project reference.</summary>
    public static CliProcess Robustft() => new(Path.Combine(AppContext.BaseDirectory, "robustft.dll"));

    /// <summary>The test host: <c>robustft</c> with the scripted backend (tests/RobustFT.TestHost).</summary>
    public static CliProcess TestHost() =>
        new(Path.Combine(RepoRoot, "tests", "RobustFT.TestHost", "bin", Configuration, "net10.0", "RobustFT.TestHost.dll"));

    private readonly string _dll;

    private CliProcess(string dll)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"CLI assembly not built: {dll}");
        _dll = dll;
    }

    public Dictionary<string, string> Environment { get; } = new();

    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        info.ArgumentList.Add(_dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in Environment) info.Environment[k] = v;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public async Task<CliResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"robustft {string.Join(' ', args)} did not finish within {timeout}; stderr: {await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RobustFT.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("RobustFT.sln not found above " + AppContext.BaseDirectory);
    }
}
