using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Nodes;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.Hosting;
using RobustFT.Cluster.Tests.Persistence;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A real node with the gpu role runs one GPU worker per registered model device: each with its own models and
/// gates, its own actor and its own status, and the node's dispatcher sends work to all of them.</summary>
public sealed class PerDeviceWorkerTests
{
    [Fact]
    public async Task Two_devices_on_one_node_are_two_workers_that_both_receive_work_from_the_dispatcher()
    {
        await using var fixture = new NodeFixture();
        var (first, second) = (new RecordingLanguageModel(), new RecordingLanguageModel());
        var node = await fixture.StartAsync(fixture.Options(NodeRoles.Sample | NodeRoles.Gpu), services =>
        {
            services.AddSingleton(new ModelDevice("cuda:0", first, new HashEmbedder()));
            services.AddSingleton(new ModelDevice("cuda:1", second, new HashEmbedder()));
        });
        var view = node.Services.GetRequiredService<IClusterView>();
        var snapshot = await Eventually.ReadAsync(() => view.GetAsync(CancellationToken.None), s => s.Workers.Count == 2);

        Assert.Equal(["cuda:0", "cuda:1"], snapshot.Workers.Select(w => w.Device).Order());
        Assert.All(snapshot.Workers, w => Assert.Equal(node.Addresses.Self, w.Address));
        foreach (var device in new[] { "cuda:0", "cuda:1" })
            await node.System.ActorSelection($"/user/gpu-worker-{Uri.EscapeDataString(device)}").ResolveOne(TimeSpan.FromSeconds(5));

        await node.Services.GetRequiredService<RunStore>().CreateOrGetAsync(TestRunSettings.Create("run1"));
        var dispatcher = node.System.ActorSelection("/user/" + AkkaClusterView.DispatcherName);
        var answers = await Task.WhenAll(Enumerable.Range(1, 8)
            .Select(i => dispatcher.Ask<GenerateCompleted>(InferenceRequests.Generate("run1", $"s{i}"), TimeSpan.FromSeconds(30))));

        Assert.All(answers, a => Assert.Null(a.Error));
        Assert.NotEmpty(first.Batches);
        Assert.NotEmpty(second.Batches);
        Assert.Equal(8, first.Batches.Sum(b => b.Count) + second.Batches.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_device_registered_twice_stops_the_node_start_naming_it()
    {
        await using var fixture = new NodeFixture();
        var model = new RecordingLanguageModel();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.StartAsync(fixture.Options(NodeRoles.Sample | NodeRoles.Gpu), services =>
        {
            services.AddSingleton(new ModelDevice("cuda:0", model, new HashEmbedder()));
            services.AddSingleton(new ModelDevice("cuda:0", model, new HashEmbedder()));
        }));

        Assert.Contains("device cuda:0 is registered 2 times", error.ToString());
    }
}
