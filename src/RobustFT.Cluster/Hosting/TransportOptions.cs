namespace RobustFT.Cluster.Hosting;

/// <summary>Message transport (config <c>robustft.transport.*</c>): in-memory for one process, RabbitMQ for a cluster.</summary>
public sealed record TransportOptions(
    string Kind = "in-memory",
    string Host = "127.0.0.1",
    int Port = 5672,
    string VirtualHost = "/",
    string Username = "guest",
    string Password = "guest",
    bool QuorumQueues = false,
    ushort PrefetchCount = 64)
{
    public bool IsRabbitMq => string.Equals(Kind, "rabbitmq", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the transport is, without credentials.</summary>
    public string Describe() => IsRabbitMq ? $"rabbitmq://{Host}:{Port}{VirtualHost}" : "in-memory";
}
