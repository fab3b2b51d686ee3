using Microsoft.Extensions.Configuration;
using RobustFT.Cli.Configuration;
using RobustFT.Configuration;
using RobustFT.Configuration.Provider;

namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>
/// Renders k8s/base and k8s/overlays/dev with `kubectl kustomize` and runs tests/k8s/validate.mjs (Kubernetes
/// schema via kubernetes-models, plus the RobustFT rules) on the result; broken variants must be rejected. The pods'
/// environment, read through hocon/cluster.conf, must give each node its DNS name and the seed list.
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
        Assert.StartsWith("OK: 10 object(s) valid", validation.StandardOutput);
        foreach (var expected in new[] { "1 Namespace", "1 ConfigMap", "3 Service", "2 PersistentVolumeClaim", "3 StatefulSet" })
        {
            Assert.Contains(expected, validation.StandardOutput);
        }
        Assert.DoesNotContain("Deployment", validation.StandardOutput);
        Assert.DoesNotContain("rabbit", rendered.StandardOutput, StringComparison.OrdinalIgnoreCase);
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

        var coordinator = Document(documents, "StatefulSet", "robustft-coordinator");
        Assert.Contains("coordinator,sample,dashboard", coordinator);
        Assert.Contains("image: robustft:latest", coordinator);
        Assert.Contains("replicas: 2", coordinator);

        var nodes = Document(documents, "Service", "robustft-nodes");
        Assert.Contains("clusterIP: None", nodes);
        Assert.Contains("publishNotReadyAddresses: true", nodes);
        Assert.Contains("port: 4053", nodes);

        foreach (var workload in new[] { gpu, coordinator })
        {
            Assert.Contains("serviceName: robustft-nodes", workload);
            Assert.Contains("containerPort: 4053", workload);
            Assert.Contains("path: /healthz", workload);
            Assert.Contains("path: /readyz", workload);
            // CoordinatedShutdown (leave, shard hand-over, singleton hand-over) gets time before the kubelet kills the pod.
            Assert.Contains("terminationGracePeriodSeconds: 60", workload);
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
        var coordinator = Document(documents, "StatefulSet", "robustft-coordinator");
        Assert.Contains("replicas: 1", coordinator);
        Assert.Contains("image: robustft:dev", coordinator);
    }

    [Theory]
    [InlineData("k8s/base", "robustft-gpu", "robustft-gpu-1")]
    [InlineData("k8s/base", "robustft-coordinator", "robustft-coordinator-1")]
    [InlineData("k8s/overlays/dev", "robustft-gpu", "robustft-gpu-0")]
    public async Task A_pod_reads_its_dns_name_and_the_seed_pods_from_cluster_conf(string kustomization, string statefulSet, string pod)
    {
        var rendered = await tools.RenderAsync(kustomization);
        Assert.True(rendered.ExitCode == 0, rendered.Describe());
        var environment = PodEnvironment.Of(Document(Documents(rendered.StandardOutput), "StatefulSet", statefulSet), pod, "robustft");

        var config = ClusterConfig(environment);
        var cluster = config.Cluster();

        Assert.Equal("0.0.0.0", cluster.Hostname);
        Assert.Equal($"{pod}.robustft-nodes.robustft.svc.cluster.local", cluster.PublicHostname);
        Assert.Equal(4053, cluster.Port);
        Assert.Equal(
            ["robustft-coordinator-0.robustft-nodes.robustft.svc.cluster.local:4053", "robustft-gpu-0.robustft-nodes.robustft.svc.cluster.local:4053"],
            cluster.SeedNodes);
        Assert.Equal("postgres", config.Reader.Text("robustft.store.kind"));
        Assert.Equal("robustft-postgres", config.Reader.Text("robustft.store.postgres.host"));
    }

    [Fact]
    public async Task The_first_seed_is_the_address_of_the_first_coordinator_pod_so_it_can_start_the_cluster_alone()
    {
        var rendered = await tools.RenderAsync("k8s/base");
        Assert.True(rendered.ExitCode == 0, rendered.Describe());
        var coordinator = Document(Documents(rendered.StandardOutput), "StatefulSet", "robustft-coordinator");

        var cluster = ClusterConfig(PodEnvironment.Of(coordinator, "robustft-coordinator-0", "robustft")).Cluster();

        // Akka lets only the first seed node join itself, and only when that seed equals its own address.
        Assert.Equal($"{cluster.PublicHostname}:{cluster.Port}", cluster.SeedNodes[0]);
    }

    [Fact]
    public void Cluster_conf_leaves_out_seed_variables_that_are_not_set()
    {
        var one = ClusterConfig(new Dictionary<string, string> { ["ROBUSTFT_SEED_NODE_1"] = "a.example:4053" }).Cluster();
        var none = ClusterConfig(new Dictionary<string, string>()).Cluster();

        Assert.Equal(["a.example:4053"], one.SeedNodes);
        Assert.Empty(none.SeedNodes);
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
        "StatefulSet", "robustft-coordinator",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: robustft\n          env:\n            - name: ROBUSTFT_DASHBOARD_TOKEN\n              value: hunter2\n              valueFrom: null\n",
        "env ROBUSTFT_DASHBOARD_TOKEN has a literal value")]
    [InlineData(
        "StatefulSet", "robustft-coordinator",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: robustft\n          readinessProbe: null\n",
        "container robustft: no readinessProbe")]
    [InlineData(
        "StatefulSet", "robustft-gpu",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: robustft\n          env:\n            - name: ROBUSTFT_SEED_NODE_1\n              value: robustft-coordinator-0.robustft-gpu.$(POD_NAMESPACE).svc.cluster.local:4053\n",
        "names service robustft-gpu, but robustft-coordinator's pods are under robustft-nodes")]
    [InlineData(
        "StatefulSet", "robustft-gpu",
        "spec:\n  template:\n    spec:\n      containers:\n        - name: robustft\n          env:\n            - name: ROBUSTFT_PUBLIC_HOSTNAME\n              value: $(POD_NAME)\n",
        "env ROBUSTFT_PUBLIC_HOSTNAME must be $(POD_NAME).robustft-nodes.")]
    [InlineData(
        "Service", "robustft-nodes",
        "spec:\n  publishNotReadyAddresses: false\n",
        "the Service must publishNotReadyAddresses")]
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
                $"apiVersion: {(kind == "Service" ? "v1" : "apps/v1")}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: robustft\n{patchSpec}");

            var rendered = await tools.RenderAsync(overlay);
            Assert.True(rendered.ExitCode == 0, rendered.Describe());
            var validation = await tools.ValidateAsync(rendered.StandardOutput);

            Assert.Equal(1, validation.ExitCode);
            Assert.Contains(kind == "Service" ? "serviceName robustft-nodes" : $"{kind}/{name}", validation.StandardError);
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

    /// <summary>hocon/robustft.conf + hocon/cluster.conf resolved against <paramref name="environment"/> only (not this
    /// process's), as <c>robustft node --config /etc/robustft/cluster.conf</c> reads them in a pod.</summary>
    private RobustFtConfig ClusterConfig(IReadOnlyDictionary<string, string> environment)
    {
        var hocon = Path.Combine(tools.RepositoryRoot, "hocon");
        var tree = HoconConfig.Resolve(
            HoconConfig.Merge([HoconConfig.ParseFile(Path.Combine(hocon, "robustft.conf")), HoconConfig.ParseFile(Path.Combine(hocon, "cluster.conf"))]),
            name => environment.GetValueOrDefault(name));
        return new RobustFtConfig(new LoadedConfig(tree, new ConfigurationBuilder().AddHoconTree(tree).Build(), Path.Combine(hocon, "cluster.conf")));
    }

    private static string[] Documents(string rendered) =>
        rendered.Split("\n---\n").Select(d => d.Trim()).Where(d => d.Length > 0).ToArray();

    private static string Document(IEnumerable<string> documents, string kind, string name) =>
        Assert.Single(documents, d =>
            d.Split('\n').Contains($"kind: {kind}") && d.Split('\n').Select(l => l.TrimEnd()).Contains($"  name: {name}"));
}
