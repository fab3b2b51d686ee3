namespace RobustFT.Cluster.Hosting;

/// <summary>Message transport (config <c>robustft.transport.*</c>): in-memory for one process, RabbitMQ for a cluster.</summary>
public sealed record TransportOptions(
    string Kind,
    string Host,
    int Port,
    string VirtualHost,
    string Username,
    string Password,
    bool QuorumQueues,
    ushort PrefetchCount)
{
    public bool IsRabbitMq => string.Equals(Kind, "rabbitmq", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the transport is, without credentials.</summary>
    public string Describe() => IsRabbitMq ? $"rabbitmq://{Host}:{Port}{VirtualHost}" : "in-memory";
}
