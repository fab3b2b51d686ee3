using RobustFT.Testing.Servers;

namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>One private RabbitMQ broker shared by the tests of a class.</summary>
public sealed class RabbitMqServerFixture : IAsyncLifetime
{
    private RabbitMqServer? _server;

    public RabbitMqServer Server => _server ?? throw new InvalidOperationException("The broker has not been started.");

    public async Task InitializeAsync() => _server = await RabbitMqServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
