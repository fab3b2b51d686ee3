using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Cli.Tests.Support;
using RobustFT.Inference.Onnx.Runtime;
using RobustFT.Testing.OpenAi;
using RobustFT.Testing.Scripted;

namespace RobustFT.Cli.Tests.Commands;

/// <summary>A GPU node's devices from <c>robustft.inference.execution-provider</c>, <c>device-ids</c> and
/// <c>device-id</c>: one model set per CUDA device, each opened with its own device id; one with the cpu provider or an
/// OpenAI generator; bad ids are errors naming the key. No GPU here: the models are opened by a recording factory, which
/// sees the session settings ONNX Runtime would get.</summary>
public sealed class GpuDeviceTests
{
    private static RobustFtConfig Load(params string[] sets) => new(ConfigLoader.Load(null, sets));

    /// <summary>Opens every device with a recording factory; returns the devices and the sessions the factory got.</summary>
    private static async Task<(IReadOnlyList<string> Devices, IReadOnlyList<SessionConfig> Sessions)> OpenAsync(RobustFtConfig config)
    {
        var sessions = new List<SessionConfig>();
        await using var node = OnnxBackendProvider.PerDevice(config, session =>
        {
            sessions.Add(session);
            return new ModelBackends(new ScriptedExpertModel([], 0), new HashingEmbedder());
        });
        return (node.Devices.Select(d => d.Device).ToList(), sessions);
    }

    [Fact]
    public async Task Cuda_with_two_device_ids_opens_one_model_set_per_device_with_that_device_id()
    {
        var (devices, sessions) = await OpenAsync(Load("robustft.inference.execution-provider=cuda", "robustft.inference.device-ids=[0, 1]"));

        Assert.Equal(["cuda:0", "cuda:1"], devices);
        Assert.Equal([0, 1], sessions.Select(s => s.DeviceId));
        Assert.All(sessions, s => Assert.Equal(SessionConfig.Cuda, s.ExecutionProvider));
    }

    [Fact]
    public async Task Cuda_with_an_empty_device_list_serves_the_one_device_id()
    {
        var (devices, sessions) = await OpenAsync(Load("robustft.inference.execution-provider=cuda", "robustft.inference.device-id=3"));

        Assert.Equal(["cuda:3"], devices);
        Assert.Equal(3, Assert.Single(sessions).DeviceId);
    }

    [Fact]
    public void One_device_id_without_brackets_is_a_list_of_one_and_the_list_wins_over_device_id()
    {
        Assert.Equal([2], Load("robustft.inference.device-ids=2", "robustft.inference.device-id=5").CudaDeviceIds());
        Assert.Equal([3, 1], Load("robustft.inference.device-ids=[3, 1]").CudaDeviceIds());
        Assert.Equal([0], Load().CudaDeviceIds());
    }

    [Fact]
    public async Task The_cpu_provider_is_exactly_one_device_whatever_the_device_list()
    {
        var (devices, sessions) = await OpenAsync(Load("robustft.inference.execution-provider=cpu", "robustft.inference.device-ids=[0, 1]"));

        Assert.Equal(["cpu"], devices);
        Assert.Equal(SessionConfig.Cpu, Assert.Single(sessions).ExecutionProvider);
    }

    [Theory]
    [InlineData("robustft.inference.device-ids=[0, gpu1]", "robustft.inference.device-ids: 'gpu1' is not a CUDA device id")]
    [InlineData("robustft.inference.device-ids=[-1]", "robustft.inference.device-ids: '-1' is not a CUDA device id")]
    [InlineData("robustft.inference.device-ids=[1, 0, 1]", "robustft.inference.device-ids: device 1 is listed 2 times")]
    [InlineData("robustft.inference.device-id=first", "robustft.inference.device-id: 'first' is not a CUDA device id")]
    public async Task A_bad_device_id_is_an_error_naming_the_key_with_either_provider(string set, string message)
    {
        foreach (var provider in new[] { "cuda", "cpu" })
        {
            var config = Load($"robustft.inference.execution-provider={provider}", set);
            var e = await Assert.ThrowsAsync<UsageException>(() => OpenAsync(config));
            Assert.Contains("configuration key " + message, e.Message);
        }
    }

    [Fact]
    public void A_device_that_cannot_open_disposes_the_devices_opened_before_it()
    {
        var first = new DisposalProbeModel();
        var config = Load("robustft.inference.execution-provider=cuda", "robustft.inference.device-ids=[0, 1]");

        var e = Assert.Throws<UsageException>(() => OnnxBackendProvider.PerDevice(config, session => session.DeviceId == 0
            ? new ModelBackends(first, new HashingEmbedder())
            : throw new ExecutionProviderUnavailableException("the CUDA execution provider (device 1) cannot be loaded: no device", new InvalidOperationException("no device"))));

        Assert.Contains("configuration key robustft.inference.execution-provider = cuda: the CUDA execution provider (device 1)", e.Message);
        Assert.True(first.Disposed);
    }

    [Fact]
    public async Task An_openai_generator_is_one_device_named_openai_whatever_the_cuda_devices()
    {
        await using var server = await OpenAiTestServer.StartAsync(new ScriptedExpertModel([], 0), new HashingEmbedder());
        var config = Load("robustft.inference.backend=openai", "robustft.inference.encoder.backend=openai",
            $"robustft.inference.openai.base-url={server.BaseUrl}", "robustft.inference.openai.model=served", "robustft.inference.encoder.model=encoder",
            "robustft.inference.execution-provider=cuda", "robustft.inference.device-ids=[0, 1]");

        await using var node = new ConfiguredBackendProvider().CreateNode(config);

        var device = Assert.Single(node.Devices);
        Assert.Equal("openai", device.Device);
        Assert.Equal("openai", config.Provider());
        Assert.StartsWith("openai:", new ConfiguredBackendProvider().ModelIds(config).Generator);
    }
}
