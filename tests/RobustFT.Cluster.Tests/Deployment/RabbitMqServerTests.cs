using System.Net;
using System.Text;
using MassTransit;
using RabbitMQ.Client;
using RobustFT.Testing.Servers;

namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>The private RabbitMQ fixture is a real broker: AMQP clients and MassTransit talk to it, it restarts.</summary>
public sealed class RabbitMqServerTests(RabbitMqServerFixture fixture) : IClassFixture<RabbitMqServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private RabbitMqServer Server => fixture.Server;

    [Fact]
    public async Task Broker_accepts_an_amqp_client_that_round_trips_a_message()
    {
        var queue = $"fixture-roundtrip-{Guid.NewGuid():N}";
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);

        await channel.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes("hello"));
        var got = await PollAsync(() => channel.BasicGetAsync(queue, autoAck: true));

        Assert.Equal("hello", Encoding.UTF8.GetString(got.Body.Span));
        Assert.Equal("127.0.0.1", Server.Host);
        Assert.Equal(new Uri($"amqp://guest:guest@127.0.0.1:{Server.Port}/"), Server.AmqpUri);
    }

    [Fact]
    public async Task MassTransit_bus_on_the_broker_delivers_a_published_message_before_and_after_a_restart()
    {
        var queue = $"fixture-durable-{Guid.NewGuid():N}";
        await using (var connection = await Factory().CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync(
                string.Empty, queue, mandatory: false, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("kept"));
            var declared = await PollAsync(async () =>
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue);
                return ok.MessageCount == 1 ? ok : null;
            });
            Assert.Equal(1u, declared.MessageCount);
        }

        Assert.Equal("before restart", await PublishThroughMassTransitAsync("before restart"));

        await Server.StopAsync();
        Assert.False(Server.IsRunning);
        Assert.False(await FreePort.IsListeningAsync(Server.Port), "the AMQP port still accepts connections after StopAsync");

        await Server.StartAsync();
        Assert.True(Server.IsRunning);

        // Same data directory: the durable queue and its persistent message survived the restart.
        await using (var connection = await Factory().CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var kept = await PollAsync(() => channel.BasicGetAsync(queue, autoAck: true));
            Assert.Equal("kept", Encoding.UTF8.GetString(kept.Body.Span));
            await channel.QueueDeleteAsync(queue);
        }

        Assert.Equal("after restart", await PublishThroughMassTransitAsync("after restart"));
    }

    [Fact]
    public async Task Disposing_a_broker_ends_its_processes_and_deletes_its_directory()
    {
        var server = await RabbitMqServer.StartNewAsync();
        var directory = server.Directory;
        var node = server.NodeName;
        var port = server.Port;
        Assert.True(Directory.Exists(directory));
        Assert.NotEmpty(ProcessesMentioning(node));
        foreach (var listening in new[] { server.Port, server.DistributionPort, server.EpmdPort })
        {
            var addresses = ListeningAddresses(listening);
            Assert.NotEmpty(addresses);
            Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(a), $"port {listening} listens on {a}, not loopback only"));
        }

        await server.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        Assert.Empty(ProcessesMentioning(node));
        Assert.Empty(ProcessesMentioning(directory));
        Assert.False(await FreePort.IsListeningAsync(port));
        Assert.NotEqual(Server.NodeName, node);
    }

    private ConnectionFactory Factory() => new() { Uri = Server.AmqpUri };

    private async Task<string> PublishThroughMassTransitAsync(string text)
    {
        var received = new TaskCompletionSource<BrokerPing>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(Server.Host, (ushort)Server.Port, "/", h =>
            {
                h.Username(Server.Username);
                h.Password(Server.Password);
            });
            cfg.ReceiveEndpoint($"fixture-ping-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<BrokerPing>(context =>
                {
                    if (context.Message.Id == id)
                    {
                        received.TrySetResult(context.Message);
                    }

                    return Task.CompletedTask;
                });
            });
        });

        using var timeout = new CancellationTokenSource(Patience);
        await bus.StartAsync(timeout.Token);
        try
        {
            await bus.Publish(new BrokerPing(id, text), timeout.Token);
            var message = await received.Task.WaitAsync(timeout.Token);
            return message.Text;
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> attempt)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var result = await attempt();
            if (result is not null)
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Nothing arrived within {Patience.TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Local addresses of the sockets listening on a TCP port, read from /proc/net/tcp and /proc/net/tcp6.</summary>
    private static List<IPAddress> ListeningAddresses(int port)
    {
        const string Listen = "0A";
        var addresses = new List<IPAddress>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] != Listen || Convert.ToInt32(local[1], 16) != port)
                {
                    continue;
                }

                // The kernel prints the address as 32-bit words in host (little-endian) order.
                var bytes = Convert.FromHexString(local[0]);
                for (var word = 0; word < bytes.Length; word += 4)
                {
                    Array.Reverse(bytes, word, 4);
                }

                addresses.Add(new IPAddress(bytes));
            }
        }

        return addresses;
    }

    private static List<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var environment = File.ReadAllText(Path.Combine(dir, "environ")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal) || environment.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return found;
    }
}
