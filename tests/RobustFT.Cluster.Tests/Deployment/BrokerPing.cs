namespace RobustFT.Cluster.Tests.Deployment;

/// <summary>Message sent through a MassTransit bus on the test broker.</summary>
public sealed record BrokerPing(Guid Id, string Text);
