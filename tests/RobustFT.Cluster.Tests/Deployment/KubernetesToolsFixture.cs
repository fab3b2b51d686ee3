namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>
/// Runs scripts/install-k8s-tools.sh once per test class (kubectl with kustomize, node, the validator's npm packages)
/// and knows where the repository and the validator are.
/// </summary>
public sealed class KubernetesToolsFixture : IAsyncLifetime
{
    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Validator => Path.Combine(RepositoryRoot, "tests", "k8s", "validate.mjs");

    public async Task InitializeAsync()
    {
        var install = await ToolRunner.RunAsync(
            "bash", [Path.Combine(RepositoryRoot, "scripts", "install-k8s-tools.sh")], RepositoryRoot, TimeSpan.FromMinutes(10));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException(install.Describe());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary><c>kubectl kustomize DIRECTORY</c>: the rendered multi-document YAML.</summary>
    internal Task<ToolResult> RenderAsync(string kustomizationDirectory) =>
        ToolRunner.RunAsync("kubectl", ["kustomize", kustomizationDirectory], RepositoryRoot, TimeSpan.FromMinutes(2));

    /// <summary>Runs tests/k8s/validate.mjs on rendered YAML (written to a temporary file).</summary>
    internal async Task<ToolResult> ValidateAsync(string renderedYaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"robustft-k8s-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, renderedYaml);
        try
        {
            return await ToolRunner.RunAsync("node", [Validator, file], RepositoryRoot, TimeSpan.FromMinutes(2));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "install-k8s-tools.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"scripts/install-k8s-tools.sh not found above {AppContext.BaseDirectory}.");
    }
}
