namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>
/// Renders k8s/base and k8s/overlays/dev with `kubectl kustomize` and runs tests/k8s/validate.mjs (Kubernetes
/// schema via kubernetes-models, plus the RobustFT rules) on the result; broken variants must be rejected.
/// </summary>
public sealed class KubernetesManifestsTests(KubernetesToolsFixture tools) : IClassFixture<KubernetesToolsFixture>
{
    [Theory]
    [InlineData("k8s/base")]
    [InlineData("k8s/overlays/dev")]
    public async Task Kustomization_renders_objects_that_pass_schema_and_deployment_rules(string kustomization)
    {
        var rendered = await tools.RenderAsync(kustomization);
        Assert.True(rendered.ExitCode == 0, rendered.Describe());

        var validation = await tools.ValidateAsync(rendered.StandardOutput);

        Assert.True(validation.ExitCode == 0, validation.Describe());
        Assert.StartsWith("OK: 12 object(s) valid", validation.StandardOutput);
        foreach (var expected in new[] { "1 Namespace", "1 ConfigMap", "4 Service", "2 PersistentVolumeClaim", "1 Deployment", "3 StatefulSet" })
        {
            Assert.Contains(expected, validation.StandardOutput);
        }
    }

    [Fact]
    public async Task Base_wires_workloads_to_the_generated_config_map_the_secret_and_the_shared_volume()
    {
        var rendered = await tools.RenderAsync("k8s/base");
        Assert.True(rendered.ExitCode == 0, rendered.Describe());
        var documents = Documents(rendered.StandardOutput);

        var configMap = Assert.Single(documents, d => d.Contains("kind: ConfigMap"));
        foreach (var file in new[] { "robustft.conf:", "cluster.conf:", "local.conf:" })
        {
            Assert.Contains(file, configMap);
        }

        var gpu = Document(documents, "StatefulSet", "robustft-gpu");
        Assert.Contains("nvidia.com/gpu: 1", gpu);
        Assert.DoesNotContain("ROBUSTFT_ONNXRUNTIME", gpu);
        Assert.Contains("image: robustft-gpu:latest", gpu);

        var coordinator = Document(documents, "Deployment", "robustft-coordinator");
        Assert.Contains("coordinator,sample,dashboard", coordinator);
        Assert.Contains("image: robustft:latest", coordinator);

        foreach (var workload in new[] { gpu, coordinator })
        {
            Assert.Contains("namespace: robustft", workload);
            Assert.Contains("mountPath: /data", workload);
            Assert.Contains("claimName: robustft-data", workload);
            Assert.Contains("name: robustft-secrets", workload);
            // The ConfigMap reference carries the generated name (with its content hash).
            var configMapName = configMap.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("name: robustft-config-", StringComparison.Ordinal));
            Assert.Contains(configMapName, workload);
        }

        Assert.Contains("ReadWriteMany", Document(documents, "PersistentVolumeClaim", "robustft-data"));
        Assert.DoesNotContain(documents, d => d.Contains("kind: Secret"));
    }

    [Fact]
    public async Task Dev_overlay_runs_one_gpu_worker_with_the_dev_images()
    {
        var rendered = await tools.RenderAsync("k8s/overlays/dev");
        Assert.True(rendered.ExitCode == 0, rendered.Describe());
        var documents = Documents(rendered.StandardOutput);

        var gpu = Document(documents, "StatefulSet", "robustft-gpu");
        Assert.Contains("replicas: 1", gpu);
        Assert.Contains("image: robustft-gpu:dev", gpu);
        Assert.Contains("nvidia.com/gpu: 1", gpu);
        Assert.Contains("image: robustft:dev", Document(documents, "Deployment", "robustft-coordinator"));
    }

    [Theory]
    [InlineData(
        "StatefulSet", "robustft-gpu",
        "spec:\n  replicas: \"two\"\n",
        "/spec/replicas must be integer")]
    [InlineData(
        "StatefulSet", "robustft-gpu",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: robustft\n          resources:\n            limits:\n              nvidia.com/gpu: null\n",
        "runs the gpu role but has no resources.limits[\"nvidia.com/gpu\"]")]
    [InlineData(
        "Deployment", "robustft-coordinator",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: robustft\n          env:\n            - name: ROBUSTFT_DASHBOARD_TOKEN\n              value: hunter2\n              valueFrom: null\n",
        "env ROBUSTFT_DASHBOARD_TOKEN has a literal value")]
    [InlineData(
        "Deployment", "robustft-coordinator",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: robustft\n          readinessProbe: null\n",
        "container robustft: no readinessProbe")]
    [InlineData(
        "StatefulSet", "robustft-postgres",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: postgres\n          resources:\n            requests: null\n",
        "container postgres: no resources.requests")]
    public async Task Validator_rejects_a_broken_variant_of_the_base(string kind, string name, string patchSpec, string expectedProblem)
    {
        var overlay = Path.Combine(Path.GetTempPath(), $"robustft-k8s-broken-{Guid.NewGuid():N}");
        Directory.CreateDirectory(overlay);
        try
        {
            var basePath = Path.GetRelativePath(overlay, Path.Combine(tools.RepositoryRoot, "k8s", "base"));
            await File.WriteAllTextAsync(
                Path.Combine(overlay, "kustomization.yaml"),
                $"bases:\n  - {basePath}\npatchesStrategicMerge:\n  - patch.yaml\n");
            await File.WriteAllTextAsync(
                Path.Combine(overlay, "patch.yaml"),
                $"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: robustft\n{patchSpec}");

            var rendered = await tools.RenderAsync(overlay);
            Assert.True(rendered.ExitCode == 0, rendered.Describe());
            var validation = await tools.ValidateAsync(rendered.StandardOutput);

            Assert.Equal(1, validation.ExitCode);
            Assert.Contains($"{kind}/{name}", validation.StandardError);
            Assert.Contains(expectedProblem, validation.StandardError);
        }
        finally
        {
            Directory.Delete(overlay, recursive: true);
        }
    }

    [Fact]
    public async Task Validator_rejects_the_example_secret_because_it_holds_literal_values()
    {
        var example = await File.ReadAllTextAsync(Path.Combine(tools.RepositoryRoot, "k8s", "base", "secret.example.yaml"));

        var validation = await tools.ValidateAsync(example);

        Assert.Equal(1, validation.ExitCode);
        Assert.Contains("Secret/robustft-secrets", validation.StandardError);
        Assert.Contains("a Secret with literal values is rendered", validation.StandardError);
    }

    private static string[] Documents(string rendered) =>
        rendered.Split("\n---\n").Select(d => d.Trim()).Where(d => d.Length > 0).ToArray();

    private static string Document(IEnumerable<string> documents, string kind, string name) =>
        Assert.Single(documents, d =>
            d.Split('\n').Contains($"kind: {kind}") && d.Split('\n').Select(l => l.TrimEnd()).Contains($"  name: {name}"));
}
