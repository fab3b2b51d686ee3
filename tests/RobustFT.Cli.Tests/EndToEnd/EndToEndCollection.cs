namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>End-to-end runs use both cores; they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
