using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Tests.Hosting;
using RobustFT.Cluster.Tests.Support;
using RobustFT.Cluster.Workers;

namespace RobustFT.Cluster.Tests.Workers;

/// <summary>A sample node's dispatcher learns a gpu node's workers as soon as the nodes see each other up, not at the
/// workers' next periodic status (here an hour away, so nothing else could have told it): real nodes over real
/// remoting, in either start order.</summary>
public sealed class WorkerDiscoveryTests
{
    private static readonly TimeSpan NoPeriodicStatus = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_dispatcher_serves_through_a_gpu_node_s_worker_without_waiting_for_its_periodic_status(bool sampleNodeFirst)
    {
        await using var fixture = new NodeFixture();
        var port = NodeFixture.FreePort();
        var model = new RecordingLanguageModel();
        RuntimeOptions Sample() => fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample, port);
        RuntimeOptions Gpu(params string[] seeds) => fixture.Options(NodeRoles.Gpu, sampleNodeFirst ? 0 : port, seeds) with { HeartbeatInterval = NoPeriodicStatus };
        void Models(IServiceCollection services) => services.AddSingleton(new ModelDevice("cuda:0", model, new HashEmbedder()));

        RobustFtNode sample;
        if (sampleNodeFirst)
        {
            sample = await fixture.StartAsync(Sample());
            await fixture.StartAsync(Gpu($"127.0.0.1:{port}"), Models);
        }
        else
        {
            await fixture.StartAsync(Gpu(), Models);
            sample = await fixture.StartAsync(fixture.Options(NodeRoles.Coordinator | NodeRoles.Sample, 0, $"127.0.0.1:{port}"));
        }

        await sample.Services.GetRequiredService<RunStore>().CreateOrGetAsync(TestRunSettings.Create("run1"));
        var dispatcher = sample.System.ActorSelection("/user/" + AkkaClusterView.DispatcherName);
        var answer = await dispatcher.Ask<GenerateCompleted>(InferenceRequests.Generate("run1", "s1"), TimeSpan.FromSeconds(30));

        Assert.Null(answer.Error);
        Assert.Equal("s1", Assert.Single(Assert.Single(model.Batches)).SampleId);
    }
}
